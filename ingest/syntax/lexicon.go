package syntax

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// lexicon is what the models know of a word beyond the treebank: its
// Brown cluster and its log probability in a large corpus of web text,
// from spaCy's English lexeme tables (see docs/licences.md). Clusters let
// the tagger and the parser treat a word never seen in the treebank like
// the words that occur in the same contexts; the probability of a
// capitalised form against its lower case tells names from sentence-initial
// common words.
type lexicon struct {
	entries map[string]lexEntry
}

type lexEntry struct {
	cluster uint32 // path bits, first bit lowest; 0 = none
	logProb int16  // natural log probability x 100
}

func (lx *lexicon) lookup(form string) (lexEntry, bool) {
	if lx == nil {
		return lexEntry{}, false
	}
	e, ok := lx.entries[form]
	return e, ok
}

func (lx *lexicon) cluster(form, lower string) uint64 {
	if e, ok := lx.lookup(form); ok && e.cluster != 0 {
		return uint64(e.cluster)
	}
	e, _ := lx.lookup(lower)
	return uint64(e.cluster)
}

// frequencyClasses buckets the form's log probability and how much likelier
// it is than its lower-case form.
func (lx *lexicon) frequencyClasses(form, lower string) (freq, caseRatio uint64) {
	e, ok := lx.lookup(form)
	if !ok {
		return 1, 1
	}
	p := float64(e.logProb) / 100
	freq = uint64(int(-p)) + 2
	if form == lower {
		return freq, 2
	}
	el, ok := lx.lookup(lower)
	if !ok {
		return freq, 3
	}
	r := int(math.Floor(p - float64(el.logProb)/100 + 0.5))
	r = max(-6, min(6, r))
	return freq, uint64(r + 20)
}

// ReadLexiconFile reads a lexicon TSV (form, cluster path as an integer
// with the first bit lowest, natural log probability), gzipped or not.
func readLexiconFile(path string) (*lexicon, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	}
	lx := &lexicon{entries: map[string]lexEntry{}}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		cols := strings.Split(l, "\t")
		if len(cols) != 3 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 3 (form, cluster, log probability)", path, line, len(cols))
		}
		c, err1 := strconv.ParseUint(cols[1], 10, 32)
		p, err2 := strconv.ParseFloat(cols[2], 64)
		if err1 != nil || err2 != nil || p > 0 || p < -300 {
			return nil, fmt.Errorf("%s:%d: bad cluster or log probability", path, line)
		}
		lx.entries[cols[0]] = lexEntry{cluster: uint32(c), logProb: int16(math.Round(p * 100))}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return lx, nil
}

func (lx *lexicon) write(w *bufio.Writer) {
	forms := make([]string, 0, len(lx.entries))
	for f := range lx.entries {
		forms = append(forms, f)
	}
	sort.Strings(forms)
	putUvarint(w, uint64(len(forms)))
	prev := ""
	for _, f := range forms {
		// front coding: the length shared with the previous form, then the rest
		k := 0
		for k < len(f) && k < len(prev) && f[k] == prev[k] {
			k++
		}
		putUvarint(w, uint64(k))
		writeString(w, f[k:])
		e := lx.entries[f]
		putUvarint(w, uint64(e.cluster))
		binary.Write(w, binary.LittleEndian, e.logProb)
		prev = f
	}
}

func readLexicon(r *bufio.Reader) (*lexicon, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n > 1<<24 {
		return nil, fmt.Errorf("%d entries", n)
	}
	lx := &lexicon{entries: make(map[string]lexEntry, n)}
	prev := ""
	for i := uint64(0); i < n; i++ {
		k, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		if k > uint64(len(prev)) {
			return nil, fmt.Errorf("entry %d shares %d bytes of a %d-byte form", i, k, len(prev))
		}
		rest, err := readString(r)
		if err != nil {
			return nil, err
		}
		c, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		var p int16
		if err := binary.Read(r, binary.LittleEndian, &p); err != nil {
			return nil, err
		}
		f := prev[:k] + rest
		lx.entries[f] = lexEntry{cluster: uint32(c), logProb: p}
		prev = f
	}
	return lx, nil
}
