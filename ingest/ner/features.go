package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature hashing: every feature is a template id mixed with one or more
// strings through FNV-1a 64 and folded to a uint32 key. Nothing is
// allocated per feature.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

type hasher uint64

func tpl(id uint64) hasher { return hasher((fnvOffset ^ (id * 0x9E3779B97F4A7C15)) * fnvPrime) }

func (h hasher) str(s string) hasher {
	x := uint64(h)
	for i := 0; i < len(s); i++ {
		x ^= uint64(s[i])
		x *= fnvPrime
	}
	x ^= 0xff // separator
	x *= fnvPrime
	return hasher(x)
}

func (h hasher) b(v byte) hasher {
	x := uint64(h)
	x ^= uint64(v) + 0x100
	x *= fnvPrime
	return hasher(x)
}

func (h hasher) key() uint32 {
	x := uint64(h)
	x ^= x >> 29
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 32
	return uint32(x)
}

// Sentence "modes": how reliable capitalisation is in a sentence.
const (
	modeNormal   = 0
	modeAllCaps  = 1 // headline in capitals: "SOCCER - JAPAN GET LUCKY WIN"
	modeTitle    = 2 // title case headline: "Trump Confirms CIA Chief ..."
	modeLowerAll = 3
)

// tokInfo holds per-token precomputed strings and flags.
type tokInfo struct {
	norm    string // quotes normalised
	lower   string // lower-cased norm, digits kept
	dnorm   string // lower-cased, digits mapped to 0
	shape   string // compressed shape: Xx, X.X., d-d, ...
	lshape  string // long shape (up to 4 repeats)
	cap     bool   // first rune upper case
	allCaps bool   // letters present and all upper case
	alpha   bool   // has a letter
	// gazetteer hits: bit c of gaz[p] set when a gazetteer entry of
	// category c covers the token at position p (0=B,1=I,2=E,3=U).
	gaz [4]uint32
	// document-level flags
	lowerElsewhere   bool   // lower-cased form appears elsewhere in document
	capElsewhere     bool   // capitalised non-initial elsewhere (in normal sentences)
	docShape         string // for tokens of all-caps sentences: shape of the same word in a normal sentence elsewhere
	runStart, runEnd int16  // maximal run of capitalised tokens containing this one (runEnd exclusive), -1 if none
}

// docCtx is a document prepared for feature extraction.
type docCtx struct {
	sents [][]tokInfo
	modes []uint8
	// stage-1 predictions (label indices), used by stage-2 features
	pred [][]int
	// aggregated stage-1 predictions per token: agg[s][i] is a bitmask of
	// types (1=PER,2=ORG,4=LOC,8=MISC,16=O) predicted for other
	// occurrences of the same word in the document, and maj the majority
	// type index (0..4, 5=none).
	agg [][][5]uint8 // per type: 0 = not predicted elsewhere, else 1 + share bucket (quarters)
	maj [][]uint8
	ent [][]uint8 // type of entity containing this word predicted elsewhere (multi-token aware), 0=none
}

func normalizeToken(s string) string {
	// Fast path: ASCII without special quotes.
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		if s == "``" || s == "''" {
			return "\""
		}
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '\u2019', '\u2018', '\u201B', '\u2032', '`', '\u00B4':
			b.WriteByte('\'')
		case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2033':
			b.WriteByte('"')
		case '\u2013', '\u2014', '\u2012', '\u2010', '\u2011', '\u2212':
			b.WriteByte('-')
		case '\u00A0':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func shapes(s string) (short, long string) {
	var sb, lb [32]byte
	ns, nl := 0, 0
	var last byte
	run := 0
	for _, r := range s {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < 0x80:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			run++
		} else {
			run = 1
		}
		if run <= 4 && nl < len(lb) {
			lb[nl] = c
			nl++
		}
		if c != last && ns < len(sb) {
			sb[ns] = c
			ns++
		}
		last = c
	}
	return string(sb[:ns]), string(lb[:nl])
}

func digitNorm(lower string) string {
	has := false
	for i := 0; i < len(lower); i++ {
		if lower[i] >= '0' && lower[i] <= '9' {
			has = true
			break
		}
	}
	if !has {
		return lower
	}
	b := []byte(lower)
	for i := range b {
		if b[i] >= '0' && b[i] <= '9' {
			b[i] = '0'
		}
	}
	return string(b)
}

func newTokInfo(raw string) tokInfo {
	n := normalizeToken(raw)
	t := tokInfo{norm: n}
	t.lower = strings.ToLower(n)
	t.dnorm = digitNorm(t.lower)
	t.shape, t.lshape = shapes(n)
	r, _ := utf8.DecodeRuneInString(n)
	t.cap = unicode.IsUpper(r)
	up, low := 0, 0
	for _, r := range n {
		if unicode.IsUpper(r) {
			up++
		} else if unicode.IsLower(r) {
			low++
		}
	}
	t.alpha = up+low > 0
	t.allCaps = up > 0 && low == 0
	return t
}

// prepareDoc computes token info, sentence modes, gazetteer hits and
// document-level flags for one document.
func prepareDoc(sentences [][]string, gz *gazetteer) *docCtx {
	d := &docCtx{sents: make([][]tokInfo, len(sentences)), modes: make([]uint8, len(sentences))}
	for si, s := range sentences {
		ti := make([]tokInfo, len(s))
		for i, w := range s {
			ti[i] = newTokInfo(w)
		}
		d.sents[si] = ti
		d.modes[si] = sentenceMode(ti)
		markRuns(ti, d.modes[si])
		if gz != nil {
			gz.annotate(ti)
		}
	}
	// Document-level flags.
	lowerSeen := make(map[string]bool)
	capSeen := make(map[string]bool)
	mixedShape := make(map[string]string)
	for si, ti := range d.sents {
		mode := d.modes[si]
		for i := range ti {
			t := &ti[i]
			if !t.alpha {
				continue
			}
			if !t.cap && mode != modeAllCaps {
				lowerSeen[t.lower] = true
			}
			if mode == modeNormal && i > 0 && t.cap && !isQuoteOrOpen(ti[i-1].norm) {
				capSeen[t.lower] = true
			}
			if mode == modeNormal || (mode == modeTitle && i > 0 && !t.cap) {
				if _, ok := mixedShape[t.lower]; !ok || i > 0 {
					mixedShape[t.lower] = t.shape
				}
			}
		}
	}
	for si, ti := range d.sents {
		mode := d.modes[si]
		for i := range ti {
			t := &ti[i]
			if !t.alpha {
				continue
			}
			if t.cap {
				t.lowerElsewhere = lowerSeen[t.lower]
				t.capElsewhere = capSeen[t.lower]
			}
			if mode == modeAllCaps || mode == modeTitle || i == 0 {
				if sh, ok := mixedShape[t.lower]; ok {
					t.docShape = sh
				} else {
					t.docShape = "?"
				}
			}
		}
	}
	return d
}

// markRuns records maximal runs of capitalised words (normal sentences
// only: in headlines every word is capitalised).
func markRuns(ti []tokInfo, mode uint8) {
	for i := range ti {
		ti[i].runStart, ti[i].runEnd = -1, -1
	}
	if mode == modeAllCaps || mode == modeTitle {
		return
	}
	for i := 0; i < len(ti); {
		if !(ti[i].cap && ti[i].alpha) {
			i++
			continue
		}
		j := i
		for j < len(ti) && ti[j].cap && ti[j].alpha {
			j++
		}
		for k := i; k < j; k++ {
			ti[k].runStart, ti[k].runEnd = int16(i), int16(j)
		}
		i = j
	}
}

func isQuoteOrOpen(s string) bool {
	switch s {
	case "\"", "'", "(", "[", "-", ":", "--":
		return true
	}
	return false
}

// titleWords are function words that are capitalised only in title-case
// headlines ("... Had Secret Meeting With North Korean Leader ...").
var titleWords = map[string]bool{
	"the": true, "of": true, "with": true, "to": true, "in": true, "for": true, "on": true,
	"and": true, "at": true, "by": true, "from": true, "as": true, "is": true, "are": true,
	"was": true, "were": true, "has": true, "had": true, "have": true, "will": true,
	"says": true, "said": true, "after": true, "over": true, "into": true, "a": true,
	"an": true, "be": true, "not": true, "but": true, "or": true, "it": true, "its": true,
	"up": true, "out": true, "new": true, "about": true, "than": true, "who": true,
	"what": true, "how": true, "why": true, "could": true, "would": true, "may": true,
	"can": true, "amid": true, "against": true, "before": true, "off": true, "back": true,
}

func sentenceMode(ti []tokInfo) uint8 {
	alpha, caps, allcaps, lowerContent, capFunc := 0, 0, 0, 0, 0
	for i, t := range ti {
		if !t.alpha {
			continue
		}
		alpha++
		if t.allCaps {
			allcaps++
		}
		if t.cap {
			caps++
			if i > 0 && titleWords[t.lower] {
				capFunc++
			}
		} else if len(t.lower) > 3 {
			lowerContent++
		}
	}
	switch {
	case alpha == 0:
		return modeNormal
	case allcaps == alpha && alpha >= 2, alpha >= 3 && allcaps*10 >= alpha*8:
		return modeAllCaps
	case caps == 0:
		return modeLowerAll
	case alpha >= 4 && lowerContent == 0 && capFunc > 0 && caps*10 >= alpha*6:
		return modeTitle
	}
	return modeNormal
}

// Feature template ids.
const (
	fBias = iota + 1
	fWord
	fLower
	fLowerM1
	fLowerP1
	fLowerM2
	fLowerP2
	fBigM1
	fBigP1
	fShape
	fShapeM1
	fShapeP1
	fShapeTri
	fLShape
	fPrefix
	fSuffix
	fFirst
	fModeShape
	fModeLower
	fGaz
	fGazCap
	fGazM1
	fGazP1
	fLowerElse
	fCapElse
	fDocShape
	fHyphenFirst
	fHyphenLast
	fWordShapeM1
	fWordShapeP1
	fLen
	fS1Label
	fS1LabelM1
	fS1LabelP1
	fAggHas
	fAggMaj
	fEnt
	fCapM1P1
	fModeFirst
	fLowerM1Cap
	fLowerP1Cap
	fRunLast
	fRunFirst
	fRunLen
)

var boundary = tokInfo{norm: "<S>", lower: "<s>", dnorm: "<s>", shape: "<S>", lshape: "<S>"}
var boundaryE = tokInfo{norm: "</S>", lower: "</s>", dnorm: "</s>", shape: "</S>", lshape: "</S>"}

func at(ti []tokInfo, i int) *tokInfo {
	if i < 0 {
		return &boundary
	}
	if i >= len(ti) {
		return &boundaryE
	}
	return &ti[i]
}

func capByte(t *tokInfo) byte {
	switch {
	case !t.alpha:
		return 'p'
	case t.allCaps:
		return 'A'
	case t.cap:
		return 'C'
	}
	return 'l'
}

// features appends the feature keys of token i of sentence s to buf.
func (d *docCtx) features(s, i int, stage2 bool, buf []uint32) []uint32 {
	ti := d.sents[s]
	t := &ti[i]
	m1, p1, m2, p2 := at(ti, i-1), at(ti, i+1), at(ti, i-2), at(ti, i+2)
	mode := d.modes[s]
	add := func(h hasher) { buf = append(buf, h.key()) }

	add(tpl(fBias))
	add(tpl(fWord).str(t.norm))
	add(tpl(fLower).str(t.dnorm))
	add(tpl(fLowerM1).str(m1.dnorm))
	add(tpl(fLowerP1).str(p1.dnorm))
	add(tpl(fLowerM2).str(m2.dnorm))
	add(tpl(fLowerP2).str(p2.dnorm))
	add(tpl(fBigM1).str(m1.dnorm).str(t.dnorm))
	add(tpl(fBigP1).str(t.dnorm).str(p1.dnorm))
	add(tpl(fShape).str(t.shape))
	add(tpl(fLShape).str(t.lshape))
	add(tpl(fShapeM1).str(m1.shape))
	add(tpl(fShapeP1).str(p1.shape))
	add(tpl(fShapeTri).str(m1.shape).str(t.shape).str(p1.shape))
	add(tpl(fCapM1P1).b(capByte(m1)).b(capByte(t)).b(capByte(p1)))
	add(tpl(fWordShapeM1).str(m1.dnorm).str(t.shape))
	add(tpl(fWordShapeP1).str(t.shape).str(p1.dnorm))
	add(tpl(fLowerM1Cap).str(m1.dnorm).b(capByte(t)).b(mode))
	add(tpl(fLowerP1Cap).b(capByte(t)).str(p1.dnorm).b(mode))
	// prefixes and suffixes (by bytes, on the lower-cased word)
	w := t.lower
	for k := 1; k <= 4 && k <= len(w); k++ {
		add(tpl(fPrefix).b(byte(k)).str(w[:k]))
		add(tpl(fSuffix).b(byte(k)).str(w[len(w)-k:]))
	}
	if len(w) > 4 {
		add(tpl(fSuffix).b(5).str(w[len(w)-5:]))
	}
	l := len(w)
	if l > 8 {
		l = 8
	}
	add(tpl(fLen).b(byte(l)).b(capByte(t)))
	if i == 0 {
		add(tpl(fFirst).str(t.shape))
	}
	add(tpl(fModeShape).b(mode).str(t.shape).b(boolByte(i == 0)))
	add(tpl(fModeLower).b(mode).str(t.dnorm))
	// hyphenated words
	if h := strings.IndexByte(w, '-'); h > 0 && h < len(w)-1 {
		add(tpl(fHyphenFirst).str(w[:h]))
		add(tpl(fHyphenLast).str(w[strings.LastIndexByte(w, '-')+1:]))
	}
	// run of capitalised words
	if t.runStart >= 0 {
		rs, re := int(t.runStart), int(t.runEnd)
		var pos byte
		switch {
		case re-rs == 1:
			pos = 'U'
		case i == rs:
			pos = 'B'
		case i == re-1:
			pos = 'E'
		default:
			pos = 'I'
		}
		if re-rs > 1 {
			add(tpl(fRunLast).b(pos).str(ti[re-1].dnorm))
			add(tpl(fRunFirst).b(pos).str(ti[rs].dnorm))
		}
		l := re - rs
		if l > 4 {
			l = 4
		}
		add(tpl(fRunLen).b(pos).b(byte(l)).b(boolByte(rs == 0)))
	}
	// gazetteers
	for p := 0; p < 4; p++ {
		g := t.gaz[p]
		for g != 0 {
			c := trailingZeros(g)
			g &= g - 1
			add(tpl(fGaz).b(byte(c)).b(byte(p)))
			add(tpl(fGazCap).b(byte(c)).b(byte(p)).b(capByte(t)).b(mode))
		}
	}
	for _, nb := range [2]struct {
		t   *tokInfo
		tid uint64
	}{{m1, fGazM1}, {p1, fGazP1}} {
		g := nb.t.gaz[0] | nb.t.gaz[1] | nb.t.gaz[2] | nb.t.gaz[3]
		for g != 0 {
			c := trailingZeros(g)
			g &= g - 1
			add(tpl(nb.tid).b(byte(c)).b(capByte(t)))
		}
	}
	// document-level
	if t.cap {
		add(tpl(fLowerElse).b(boolByte(t.lowerElsewhere)).b(boolByte(i == 0)).b(mode))
		add(tpl(fCapElse).b(boolByte(t.capElsewhere)).b(boolByte(i == 0)).b(mode))
	}
	if t.docShape != "" {
		add(tpl(fDocShape).str(t.docShape).b(mode))
	}
	if stage2 {
		buf = d.features2(s, i, buf)
	}
	return buf
}

// features2 appends the stage-2 (prediction-based) feature keys of token i
// of sentence s to buf.
func (d *docCtx) features2(s, i int, buf []uint32) []uint32 {
	if d.pred == nil {
		return buf
	}
	t := &d.sents[s][i]
	add := func(h hasher) { buf = append(buf, h.key()) }
	{
		pr := d.pred[s]
		lab := func(j int) byte {
			if j < 0 {
				return 100
			}
			if j >= len(pr) {
				return 101
			}
			return byte(pr[j])
		}
		add(tpl(fS1Label).b(lab(i)))
		add(tpl(fS1LabelM1).b(lab(i - 1)).b(lab(i)))
		add(tpl(fS1LabelP1).b(lab(i)).b(lab(i + 1)))
		if d.maj[s][i] != 5 {
			for b, v := range d.agg[s][i] {
				if v != 0 {
					add(tpl(fAggHas).b(byte(b)).b(v).b(capByte(t)))
				}
			}
			add(tpl(fAggMaj).b(d.maj[s][i]).b(capByte(t)))
		}
		add(tpl(fEnt).b(d.ent[s][i]).b(capByte(t)))
	}
	return buf
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func trailingZeros(x uint32) int {
	n := 0
	for x&1 == 0 {
		x >>= 1
		n++
	}
	return n
}

// setPredictions stores stage-1 predictions and computes the
// document-level aggregates used by stage-2 features.
func (d *docCtx) setPredictions(pred [][]int) {
	d.pred = pred
	d.agg = make([][][5]uint8, len(d.sents))
	d.maj = make([][]uint8, len(d.sents))
	d.ent = make([][]uint8, len(d.sents))
	type cnt [5]int
	counts := make(map[string]*cnt)
	entCounts := make(map[string]*[4]int) // word -> types of multi-token entities (normal sentences) containing it
	typeOf := func(l int) int {
		if l == lO {
			return 4
		}
		return (l - 1) / 2
	}
	for si, ti := range d.sents {
		for i := range ti {
			t := &ti[i]
			if !t.alpha || (!t.cap && d.modes[si] != modeAllCaps) {
				continue
			}
			c := counts[t.lower]
			if c == nil {
				c = new(cnt)
				counts[t.lower] = c
			}
			c[typeOf(pred[si][i])]++
		}
		if d.modes[si] != modeNormal {
			continue
		}
		for _, sp := range Spans([][]string{labelsOf(pred[si])}) {
			if sp.End-sp.Start < 2 {
				continue
			}
			for k := sp.Start; k < sp.End; k++ {
				if !ti[k].alpha {
					continue
				}
				w := ti[k].lower
				ec := entCounts[w]
				if ec == nil {
					ec = new([4]int)
					entCounts[w] = ec
				}
				ec[typeIndex(sp.Type)]++
			}
		}
	}
	for si, ti := range d.sents {
		d.agg[si] = make([][5]uint8, len(ti))
		d.maj[si] = make([]uint8, len(ti))
		d.ent[si] = make([]uint8, len(ti))
		for i := range ti {
			t := &ti[i]
			d.maj[si][i] = 5
			if !t.alpha || (!t.cap && d.modes[si] != modeAllCaps) {
				continue
			}
			c := *counts[t.lower]
			c[typeOf(pred[si][i])]-- // exclude self
			best, bestN, total := 5, 0, 0
			for k := 0; k < 5; k++ {
				total += c[k]
			}
			for k := 0; k < 5; k++ {
				if c[k] > 0 {
					d.agg[si][i][k] = uint8(1 + min(3, c[k]*4/total))
					if c[k] > bestN {
						best, bestN = k, c[k]
					}
				}
			}
			d.maj[si][i] = uint8(best)
			if ec := entCounts[t.lower]; ec != nil {
				best, bestN := 0, 0
				for k, n := range ec {
					if n > bestN {
						best, bestN = k, n
					}
				}
				d.ent[si][i] = uint8(best + 1)
			}
		}
	}
}

func labelsOf(p []int) []string {
	out := make([]string, len(p))
	for i, l := range p {
		out[i] = labelNames[l]
	}
	return out
}

func typeIndex(t string) int {
	switch t {
	case "PER":
		return 0
	case "ORG":
		return 1
	case "LOC":
		return 2
	}
	return 3
}
