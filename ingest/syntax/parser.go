package syntax

// The parser is a greedy arc-eager transition parser (Nivre 2003) with the
// rich feature set of Zhang and Nivre (2011). Its transitions are chosen
// by one averaged perceptron and the relation of each new arc by a second
// one, trained with the dynamic oracle of Goldberg and Nivre (2012), so it
// learns to recover from its own mistakes.

// Transitions.
const (
	shift = iota
	reduce
	leftArc
	rightArc
	numTransitions
)

// ptok is what the parser knows of one word; index 0 is the root.
type ptok struct {
	w   uint64 // normalised form hash
	p   uint64 // XPOS, 1-based (0 = no word)
	u   uint64 // UPOS, 1-based
	cl  uint64 // word cluster path
	cl6 uint64 // its first 6 bits
	p2  uint64 // runner-up XPOS when the tagger was in doubt, else a constant
}

// state is a parser configuration. The buffer of arc-eager parsing is
// always a suffix of the sentence, so it is the index of its front; the
// root comes after the last word (Ballesteros and Nivre 2013), so that the
// parser chooses the root when it has seen the whole sentence. Index 0
// stands for the root in heads; b == n+1 means the root is the front.
type state struct {
	n     int // words, 1..n
	stack []int32
	b     int32 // buffer front, 1..n+1
	head  []int32
	label []int16
	// Children seen so far, for features: leftmost, second leftmost,
	// rightmost, second rightmost; 0 = none.
	lc1, lc2, rc1, rc2 []int32
	lval, rval         []uint8
	lset, rset         []uint64 // bit sets of the labels of left / right children
	rootChild          int32
	inStack            []bool
}

func newState(n int) *state {
	s := &state{n: n, b: 1}
	m := n + 1
	ints := make([]int32, 5*m)
	s.head, s.lc1, s.lc2, s.rc1, s.rc2 = ints[:m], ints[m:2*m], ints[2*m:3*m], ints[3*m:4*m], ints[4*m:]
	s.label = make([]int16, m)
	s.lval = make([]uint8, 2*m)
	s.lval, s.rval = s.lval[:m], s.lval[m:]
	sets := make([]uint64, 2*m)
	s.lset, s.rset = sets[:m], sets[m:]
	for i := range s.head {
		s.head[i] = -1
		s.label[i] = -1
	}
	s.stack = make([]int32, 0, m)
	s.inStack = make([]bool, m)
	return s
}

// s0 is the top of the stack, -1 when it is empty.
func (s *state) s0() int32 {
	if len(s.stack) == 0 {
		return -1
	}
	return s.stack[len(s.stack)-1]
}

// front is the first word of the buffer, 0 when only the root is left.
func (s *state) front() int32 {
	if int(s.b) > s.n {
		return 0
	}
	return s.b
}

func (s *state) done() bool { return int(s.b) > s.n && len(s.stack) == 0 }

func (s *state) valid(t int) bool {
	words := int(s.b) <= s.n // a word is at the front
	switch t {
	case shift:
		return words
	case reduce:
		// A word without a head may be reduced only when nothing but the
		// root is left; it is attached to the root's child at the end.
		return len(s.stack) > 0 && (s.head[s.s0()] >= 0 || !words)
	case leftArc:
		return len(s.stack) > 0 && s.head[s.s0()] < 0 && (words || s.rootChild == 0)
	case rightArc:
		return len(s.stack) > 0 && words
	}
	return false
}

// addArc records h -> d with relation l.
func (s *state) addArc(h, d int32, l int16) {
	s.head[d], s.label[d] = h, l
	bit := uint64(1) << (uint(l) & 63)
	if h == 0 {
		s.rootChild = d
		return
	}
	if d < h {
		if s.lc1[h] == 0 || d < s.lc1[h] {
			s.lc2[h], s.lc1[h] = s.lc1[h], d
		} else if s.lc2[h] == 0 || d < s.lc2[h] {
			s.lc2[h] = d
		}
		s.lval[h]++
		s.lset[h] |= bit
	} else {
		if d > s.rc1[h] {
			s.rc2[h], s.rc1[h] = s.rc1[h], d
		} else if d > s.rc2[h] {
			s.rc2[h] = d
		}
		s.rval[h]++
		s.rset[h] |= bit
	}
}

// apply performs transition t; l is the relation of a new arc.
func (s *state) apply(t int, l int16) {
	switch t {
	case shift:
		s.push()
	case reduce:
		s.pop()
	case leftArc:
		s.addArc(s.front(), s.s0(), l)
		s.pop()
	case rightArc:
		s.addArc(s.s0(), s.b, l)
		s.push()
	}
}

func (s *state) push() {
	s.inStack[s.b] = true
	s.stack = append(s.stack, s.b)
	s.b++
}

func (s *state) pop() {
	s.inStack[s.s0()] = false
	s.stack = s.stack[:len(s.stack)-1]
}

// arcOf returns the head and dependent an arc transition would create.
func (s *state) arcOf(t int) (h, d int32) {
	if t == leftArc {
		return s.front(), s.s0()
	}
	return s.s0(), s.b
}

// Feature values for missing positions.
const (
	none = 0x9E37
)

func distBucket(d int32) uint64 {
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	default:
		return 7
	}
}

// parseFeatures appends the transition features of state s.
func parseFeatures(s *state, toks []ptok, buf []uint32) []uint32 {
	tok := func(i int32) *ptok {
		if i < 0 {
			return &noTok
		}
		return &toks[i]
	}
	s0i := s.s0()
	var s1i int32 = -1
	if len(s.stack) > 1 {
		s1i = s.stack[len(s.stack)-2]
	}
	n := int32(s.n)
	at := func(i int32) int32 {
		switch {
		case i <= n:
			return i
		case i == n+1:
			return 0
		}
		return -1
	}
	n0i, n1i, n2i := at(s.b), at(s.b+1), at(s.b+2)
	S0, S1, N0, N1, N2 := tok(s0i), tok(s1i), tok(n0i), tok(n1i), tok(n2i)

	var s0h, s0h2 int32 = -1, -1
	var s0l, s0r, s0l2, s0r2 int32 = -1, -1, -1, -1
	var s0hl uint64
	s0vl, s0vr := uint64(0), uint64(0)
	var s0sl, s0sr uint64
	if s0i > 0 {
		s0h = s.head[s0i]
		if s0h >= 0 {
			s0hl = uint64(s.label[s0i]) + 1
			s0h2 = s.head[s0h]
		}
	}
	if s0i > 0 {
		s0l, s0r, s0l2, s0r2 = child(s.lc1[s0i]), child(s.rc1[s0i]), child(s.lc2[s0i]), child(s.rc2[s0i])
		s0vl, s0vr = uint64(s.lval[s0i]), uint64(s.rval[s0i])
		s0sl, s0sr = s.lset[s0i], s.rset[s0i]
	}
	var n0l, n0l2 int32 = -1, -1
	var n0vl, n0sl uint64
	if n0i > 0 { // the root's child is not among its features
		n0l, n0l2 = child(s.lc1[n0i]), child(s.lc2[n0i])
		n0vl, n0sl = uint64(s.lval[n0i]), s.lset[n0i]
	}
	lab := func(i int32) uint64 {
		if i <= 0 {
			return 0
		}
		return uint64(s.label[i]) + 1
	}
	S0h, S0h2, S0l, S0r, S0l2, S0r2, N0l, N0l2 := tok(s0h), tok(s0h2), tok(s0l), tok(s0r), tok(s0l2), tok(s0r2), tok(n0l), tok(n0l2)
	var d uint64
	if s0i > 0 {
		d = distBucket(s.b - s0i)
		if n0i == 0 {
			d = 8
		}
	}
	S0wp, N0wp, N1wp, N2wp := S0.w^S0.p<<48, N0.w^N0.p<<48, N1.w^N1.p<<48, N2.w^N2.p<<48
	hasHead := boolU(s0i > 0 && s.head[s0i] >= 0)
	buf = append(buf,
		// single words
		key1(1, S0wp), key1(2, S0.w), key1(3, S0.p),
		key1(4, N0wp), key1(5, N0.w), key1(6, N0.p),
		key1(7, N1wp), key1(8, N1.w), key1(9, N1.p),
		key1(10, N2wp), key1(11, N2.w), key1(12, N2.p),
		// pairs
		key2(13, S0wp, N0wp), key2(14, S0wp, N0.w), key2(15, S0.w, N0wp),
		key2(16, S0wp, N0.p), key2(17, S0.p, N0wp), key2(18, S0.w, N0.w),
		key2(19, S0.p, N0.p), key2(20, N0.p, N1.p),
		// triples of tags
		key3(21, N0.p, N1.p, N2.p), key3(22, S0.p, N0.p, N1.p),
		key3(23, S0h.p, S0.p, N0.p), key3(24, S0.p, S0l.p, N0.p),
		key3(25, S0.p, S0r.p, N0.p), key3(26, S0.p, N0.p, N0l.p),
		// distance
		key2(27, S0.w, d), key2(28, S0.p, d), key2(29, N0.w, d), key2(30, N0.p, d),
		key3(31, S0.w, N0.w, d), key3(32, S0.p, N0.p, d),
		// valency
		key2(33, S0.w, s0vr), key2(34, S0.p, s0vr), key2(36, S0.p, s0vl),
		key2(37, N0.w, n0vl), key2(38, N0.p, n0vl),
		// second-order: head and children
		key1(39, S0h.w), key1(40, S0h.p), key1(41, s0hl),
		key1(42, S0l.w), key1(43, S0l.p), key1(44, lab(s0l)),
		key1(45, S0r.w), key1(46, S0r.p), key1(47, lab(s0r)),
		key1(48, N0l.w), key1(49, N0l.p), key1(50, lab(n0l)),
		// third-order
		key1(52, S0h2.p), key1(53, lab(s0h)),
		key1(55, S0l2.p), key1(56, lab(s0l2)),
		key1(58, S0r2.p), key1(59, lab(s0r2)),
		key1(61, N0l2.p), key1(62, lab(n0l2)),
		key3(63, S0.p, S0l.p, S0l2.p), key3(64, S0.p, S0r.p, S0r2.p),
		key3(65, S0.p, S0h.p, S0h2.p), key3(66, N0.p, N0l.p, N0l2.p),
		// label sets
		key2(68, S0.p, s0sr), key2(70, S0.p, s0sl), key2(72, N0.p, n0sl),
		// the second word on the stack
		key1(73, S1.p), key3(75, S1.p, S0.p, N0.p),
		// word clusters
		key1(77, S0.cl), key1(78, N0.cl), key2(79, S0.cl6, N0.cl6), key3(82, S0.cl6, N0.cl6, N1.p),
		key2(80, S0.cl, N0.p), key2(81, S0.p, N0.cl),
		// whether the stack top already has a head
		key3(85, hasHead, S0.p, N0.p),
		// universal tags, more reliable than Penn tags
		key2(86, S0.u, N0.u), key3(87, S0.u, N0.u, N1.u), key3(88, S0h.u, S0.u, N0.u),
		key3(89, S1.u, S0.u, N0.u),
		// the tagger's runner-up tags
		key2(101, S0.p, S0.p2), key2(102, N0.p, N0.p2), key3(103, S0.p2, N0.p, S0.p),
		key3(104, S0.p, N0.p2, N0.p),
	)
	return buf
}

func boolU(b bool) uint64 {
	if b {
		return 1
	}
	return 2
}

func child(c int32) int32 {
	if c == 0 {
		return -1
	}
	return c
}

var noTok = ptok{w: none, p: none, u: none, cl: none, cl6: none, p2: none}

// labelFeatures appends the features for choosing the relation of h -> d.
func labelFeatures(s *state, toks []ptok, h, d int32, buf []uint32) []uint32 {
	H, D := &toks[h], &toks[d]
	dir := uint64(1)
	if d < h {
		dir = 2
	}
	dist := h - d
	if dist < 0 {
		dist = -dist
	}
	db := distBucket(dist)*4 + dir
	near := func(i int32) *ptok {
		if i < 1 || int(i) > s.n {
			return &noTok
		}
		return &toks[i]
	}
	Dm1, Dp1 := near(d-1), near(d+1)
	var hl uint64
	if h > 0 && s.head[h] >= 0 {
		hl = uint64(s.label[h]) + 1
	}
	dL, dR := s.lset[d], s.rset[d]
	hSet := s.lset[h]
	if d > h {
		hSet = s.rset[h]
	}
	if h == 0 {
		hSet = 0
	}
	var dl1 uint64
	dLw := uint64(none)
	if c := s.lc1[d]; c > 0 {
		dl1 = uint64(s.label[c]) + 1
		dLw = toks[c].w
	}
	buf = append(buf,
		key1(101, db),
		key2(102, D.w, dir), key2(103, D.p, dir), key2(104, H.w, dir), key2(105, H.p, dir),
		key3(106, H.p, D.p, dir), key3(107, H.w, D.p, dir), key3(108, H.p, D.w, dir),
		key3(109, H.w, D.w, dir), key3(110, H.p, D.p, db),
		key3(111, D.p, dL, dir), key3(112, D.p, dR, dir), key3(113, H.p, hSet, D.p),
		key3(114, H.p, hl, D.p), key3(115, D.p, Dm1.p, Dp1.p),
		key3(116, D.p, dl1, H.p), key2(117, D.cl, H.p),
		key3(119, D.u, H.u, dir),
		key3(122, D.p, dLw, H.u), key3(123, dLw, H.u, dir),
		key2(125, D.w, H.u), key3(126, D.u, hl, dir), key3(127, dLw, D.u, hl),
		key3(121, D.p, uint64(s.lval[d]), uint64(s.rval[d])),
	)
	return buf
}

// parser is a compiled parsing model.
type parser struct {
	labels    []string
	rootLabel int16
	trans     *table // transition scores, dense
	rel       *table // relation scores, sparse
}

// parse returns the head (-1 for the root) and relation of every word;
// toks[0] is the root.
func (ps *parser) parse(toks []ptok) (heads []int32, labels []int16) {
	s := newState(len(toks) - 1)
	var buf []uint32
	var sc [numTransitions]float32
	lsc := make([]float32, len(ps.labels))
	for !s.done() {
		buf = parseFeatures(s, toks, buf[:0])
		sc = [numTransitions]float32{}
		ps.trans.addScores(buf, sc[:])
		t := bestValid(s, &sc)
		var l int16 = -1
		if t == leftArc || t == rightArc {
			h, d := s.arcOf(t)
			l = ps.label(s, toks, h, d, lsc, buf[:0])
		}
		s.apply(t, l)
	}
	ps.finish(s, toks, lsc)
	return s.head, s.label
}

func bestValid(s *state, sc *[numTransitions]float32) int {
	best := -1
	for t := 0; t < numTransitions; t++ {
		if s.valid(t) && (best < 0 || sc[t] > sc[best]) {
			best = t
		}
	}
	return best
}

// label picks the relation of h -> d: root for the root's child, any
// other relation otherwise.
func (ps *parser) label(s *state, toks []ptok, h, d int32, lsc []float32, buf []uint32) int16 {
	if h == 0 {
		return ps.rootLabel
	}
	buf = labelFeatures(s, toks, h, d, buf)
	for i := range lsc {
		lsc[i] = 0
	}
	ps.rel.addScores(buf, lsc)
	lsc[ps.rootLabel] = -1e30
	return int16(argmax(lsc))
}

// finish attaches the words reduced without a head: the first becomes the
// root if there is none, the rest depend on the root's child.
func (ps *parser) finish(s *state, toks []ptok, lsc []float32) {
	for i := 1; i <= s.n; i++ {
		if s.head[i] >= 0 {
			continue
		}
		if s.rootChild == 0 {
			s.addArc(0, int32(i), ps.rootLabel)
			continue
		}
		h := s.rootChild
		s.addArc(h, int32(i), ps.label(s, toks, h, int32(i), lsc, nil))
	}
}

var rootTok = ptok{w: hashString("<root>"), p: hashString("<root>"), u: hashString("<root>"), cl: hashString("<root>"), cl6: hashString("<root>"), p2: hashString("<root>")}

// parserTokens builds the parser's view of a tagged sentence; second may
// be nil.
func parserTokens(toks []token, tags, second []int, ts *tagset) []ptok {
	out := make([]ptok, len(toks)+1)
	out[0] = rootTok
	for i, t := range toks {
		p2 := uint64(0xD0B7)
		if second != nil && second[i] >= 0 {
			p2 = hashString(ts.xpos[second[i]]) ^ 0x77
		}
		out[i+1] = ptok{w: t.w, p: hashString(ts.xpos[tags[i]]), u: hashString(ts.upos[tags[i]]) ^ 0x55, cl: t.cl | 1<<40, cl6: clusterPrefix(t.cl, 6) | 1<<41, p2: p2}
	}
	return out
}

// parseBatch parses several sentences in lockstep: each round takes one
// transition in every unfinished sentence, so that the table look-ups of
// all of them are made together (see table.addScoresBatch).
func (ps *parser) parseBatch(sents [][]ptok) (heads [][]int32, labels [][]int16) {
	n := len(sents)
	states := make([]*state, n)
	keys := make([][]uint32, n)
	scores := make([][numTransitions]float32, n)
	lscores := make([][]float32, n)
	for i, toks := range sents {
		states[i] = newState(len(toks) - 1)
		lscores[i] = make([]float32, len(ps.labels))
	}
	active := make([]int, 0, n)
	for i := range states {
		if !states[i].done() {
			active = append(active, i)
		}
	}
	var (
		ks   [][]uint32
		outs [][]float32
		home []uint32
		arcs []int
		next = make([]int, n)
	)
	for len(active) > 0 {
		ks, outs = ks[:0], outs[:0]
		for _, i := range active {
			keys[i] = parseFeatures(states[i], sents[i], keys[i][:0])
			scores[i] = [numTransitions]float32{}
			ks = append(ks, keys[i])
			outs = append(outs, scores[i][:])
		}
		home = ps.trans.addScoresBatch(ks, outs, home)
		ks, outs, arcs = ks[:0], outs[:0], arcs[:0]
		for _, i := range active {
			st := states[i]
			t := bestValid(st, &scores[i])
			next[i] = t
			if t != leftArc && t != rightArc {
				st.apply(t, -1)
				continue
			}
			h, d := st.arcOf(t)
			if h == 0 {
				st.apply(t, ps.rootLabel)
				continue
			}
			keys[i] = labelFeatures(st, sents[i], h, d, keys[i][:0])
			for c := range lscores[i] {
				lscores[i][c] = 0
			}
			ks = append(ks, keys[i])
			outs = append(outs, lscores[i])
			arcs = append(arcs, i)
		}
		if len(arcs) > 0 {
			home = ps.rel.addScoresBatch(ks, outs, home)
			for _, i := range arcs {
				lsc := lscores[i]
				lsc[ps.rootLabel] = -1e30
				states[i].apply(next[i], int16(argmax(lsc)))
			}
		}
		kept := active[:0]
		for _, i := range active {
			if !states[i].done() {
				kept = append(kept, i)
			}
		}
		active = kept
	}
	heads, labels = make([][]int32, n), make([][]int16, n)
	for i, st := range states {
		ps.finish(st, sents[i], lscores[i])
		heads[i], labels[i] = st.head, st.label
	}
	return heads, labels
}
