package ner

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Gazetteer categories (bit indices).
const (
	gCountry      = iota // country names (countries.json, GeoNames countryInfo)
	gCity                // GeoNames cities15000 name/asciiname
	gCityAlt             // GeoNames alternate names of big cities
	gRegion              // GeoNames first-level regions
	gDemonym             // countries.json demonyms (MISC-like)
	gCapital             // capitals
	gCameoCountry        // PETRARCH country blocks (countries, provinces, cities, adjectives)
	gCameoPerson         // PETRARCH dated actors (mostly people)
	gCameoOrg            // PETRARCH national institutions
	gFirstName           // first token of PETRARCH person names
	gLastName            // last token of PETRARCH person names
	gAgent               // PETRARCH agents (role nouns: minister, company, ...)
	gIntl                // PETRARCH international actors (IGOs, NGOs, companies)
	gMilNonState         // PETRARCH non-state armed groups
	numGazCategories
)

const gazPrefixBit = 1 << 31

// gazCaseInsensitive are the categories that match lower-case text; all
// others match only when the first and last token are capitalised.
const gazCaseInsensitive = 1 << gAgent
const gazMaxLen = 8

// gazetteer maps lower-cased, normalised token sequences to category bit
// masks. It is immutable after construction.
type gazetteer struct {
	table   []gazSlot  // open addressing, phrase hash -> categories | gazPrefixBit
	phrases []gazEntry // for serialisation
}

type gazSlot struct {
	key uint64
	val uint32 // 0 = empty
}

type gazEntry struct {
	phrase string // tokens joined by single spaces, lower-case
	mask   uint32
}

func phraseHashStart() hasher { return hasher(fnvOffset) }

func newGazetteer(entries []gazEntry) *gazetteer {
	// Count table entries (one per phrase prefix) to size the table.
	n := 0
	for _, e := range entries {
		n += strings.Count(e.phrase, " ") + 1
	}
	size := 16
	for size < n*2 {
		size <<= 1
	}
	g := &gazetteer{table: make([]gazSlot, size), phrases: entries}
	for _, e := range entries {
		p := e.phrase
		if p == "" || strings.Count(p, " ") >= gazMaxLen {
			continue
		}
		h := phraseHashStart()
		for {
			sp := strings.IndexByte(p, ' ')
			if sp < 0 {
				h = h.str(p)
				g.or(uint64(h), e.mask)
				break
			}
			h = h.str(p[:sp])
			g.or(uint64(h), gazPrefixBit)
			p = p[sp+1:]
		}
	}
	return g
}

func gazSlotIndex(k uint64, mask int) int { return int((k*0x9E3779B97F4A7C15)>>32) & mask }

func (g *gazetteer) or(k uint64, v uint32) {
	mask := len(g.table) - 1
	for i := gazSlotIndex(k, mask); ; i = (i + 1) & mask {
		sl := &g.table[i]
		if sl.val == 0 {
			sl.key, sl.val = k, v
			return
		}
		if sl.key == k {
			sl.val |= v
			return
		}
	}
}

func (g *gazetteer) get(k uint64) (uint32, bool) {
	mask := len(g.table) - 1
	for i := gazSlotIndex(k, mask); ; i = (i + 1) & mask {
		sl := &g.table[i]
		if sl.val == 0 {
			return 0, false
		}
		if sl.key == k {
			return sl.val, true
		}
	}
}

// annotate sets the gaz bits of the tokens of one sentence.
func (g *gazetteer) annotate(ti []tokInfo) {
	for i := range ti {
		if !ti[i].alpha {
			continue
		}
		h := phraseHashStart()
		for j := i; j < len(ti) && j-i < gazMaxLen; j++ {
			h = h.str(ti[j].lower)
			v, ok := g.get(uint64(h))
			if !ok {
				break
			}
			m := v &^ gazPrefixBit
			if !ti[i].cap || !ti[j].cap {
				m &= gazCaseInsensitive
			}
			if m != 0 {
				if j == i {
					ti[i].gaz[3] |= m
				} else {
					ti[i].gaz[0] |= m
					for k := i + 1; k < j; k++ {
						ti[k].gaz[1] |= m
					}
					ti[j].gaz[2] |= m
				}
			}
			if v&gazPrefixBit == 0 {
				break
			}
		}
	}
}

// gazBuilder accumulates entries from the source files.
type gazBuilder struct {
	m map[string]uint32
}

func newGazBuilder() *gazBuilder { return &gazBuilder{m: make(map[string]uint32)} }

// add tokenises name like the CoNLL data (punctuation and possessive 's
// split off) and records it under category c.
func (b *gazBuilder) add(name string, c int) {
	p := gazPhrase(name)
	if p == "" {
		return
	}
	b.m[p] |= 1 << c
}

func (b *gazBuilder) entries() []gazEntry {
	out := make([]gazEntry, 0, len(b.m))
	for p, m := range b.m {
		out = append(out, gazEntry{p, m})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].phrase < out[j].phrase })
	return out
}

func gazPhrase(name string) string {
	name = normalizeToken(strings.TrimSpace(name))
	if name == "" {
		return ""
	}
	var toks []string
	for _, f := range strings.Fields(name) {
		toks = append(toks, splitPunct(f)...)
	}
	if len(toks) == 0 || len(toks) > gazMaxLen {
		return ""
	}
	return strings.ToLower(strings.Join(toks, " "))
}

// splitPunct splits leading/trailing punctuation and a possessive 's off a
// word, keeping abbreviations such as "U.S." and "St." intact.
func splitPunct(w string) []string {
	var pre, post []string
	for len(w) > 0 && strings.ContainsRune("\"'([{,;:", rune(w[0])) {
		pre = append(pre, w[:1])
		w = w[1:]
	}
	for len(w) > 0 && strings.ContainsRune("\"')]},;:!?", rune(w[len(w)-1])) {
		post = append([]string{w[len(w)-1:]}, post...)
		w = w[:len(w)-1]
	}
	if strings.HasSuffix(w, "'s") && len(w) > 2 {
		post = append([]string{"'s"}, post...)
		w = w[:len(w)-2]
	}
	out := pre
	if w != "" {
		out = append(out, w)
	}
	return append(out, post...)
}

// Serialisation: uvarint count, then per entry uvarint mask, uvarint
// length, bytes. Entries are sorted, so the gzip layer compresses well.
func (g *gazetteer) write(w *bufio.Writer) error {
	var buf [binary.MaxVarintLen64]byte
	put := func(x uint64) error {
		n := binary.PutUvarint(buf[:], x)
		_, err := w.Write(buf[:n])
		return err
	}
	if err := put(uint64(len(g.phrases))); err != nil {
		return err
	}
	for _, e := range g.phrases {
		if err := put(uint64(e.mask)); err != nil {
			return err
		}
		if err := put(uint64(len(e.phrase))); err != nil {
			return err
		}
		if _, err := w.WriteString(e.phrase); err != nil {
			return err
		}
	}
	return nil
}

var errBadGazetteer = errors.New("bad gazetteer section")

func readGazetteer(r *bufio.Reader) (*gazetteer, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n > 10_000_000 {
		return nil, fmt.Errorf("%w: %d entries", errBadGazetteer, n)
	}
	// All phrases share one backing string: no allocation per phrase.
	masks := make([]uint32, n)
	ends := make([]int, n)
	var all []byte
	for i := range masks {
		m, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		l, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		if l > 1000 {
			return nil, fmt.Errorf("%w: phrase length %d", errBadGazetteer, l)
		}
		start := len(all)
		all = append(all, make([]byte, l)...)
		if _, err := io.ReadFull(r, all[start:]); err != nil {
			return nil, err
		}
		masks[i], ends[i] = uint32(m), len(all)
	}
	text := string(all)
	entries := make([]gazEntry, n)
	start := 0
	for i := range entries {
		entries[i] = gazEntry{text[start:ends[i]], masks[i]}
		start = ends[i]
	}
	return newGazetteer(entries), nil
}
