package syntax

import (
	"fmt"
	"io"
	"math/rand"
	"sort"
)

// parseExample is a training sentence for the parser: its words (with
// predicted tags, as the parser will see them) and its gold tree made
// projective.
type parseExample struct {
	toks     []ptok
	gold     []int32 // gold head of each word, [0] = -1
	rel      []int16 // gold relation of each word
	children [][]int32
}

// projectivize lifts non-projective arcs to their head's head until the
// tree is projective; the arc-eager parser can only build projective trees.
func projectivize(heads []int32) []int32 {
	h := append([]int32(nil), heads...)
	for {
		lifted := false
		for d := 1; d < len(h); d++ {
			if h[d] > 0 && !projectiveArc(h, h[d], int32(d)) {
				h[d] = h[h[d]]
				lifted = true
			}
		}
		if !lifted {
			return h
		}
	}
}

// projectiveArc reports whether every word between h and d descends from h.
func projectiveArc(heads []int32, h, d int32) bool {
	lo, hi := h, d
	if lo > hi {
		lo, hi = hi, lo
	}
	for k := lo + 1; k < hi; k++ {
		a := k
		for a != h && a > 0 {
			a = heads[a]
		}
		if a != h {
			return false
		}
	}
	return true
}

// cost is the number of gold arcs transition t makes unreachable (the
// dynamic oracle of Goldberg and Nivre 2012 for arc-eager, with the root
// at the end of the buffer).
func (ex *parseExample) cost(s *state, t int) int {
	g := ex.gold
	b := s.b
	n := int32(s.n)
	pos := func(k int32) int32 { // buffer position, the root last
		if k == 0 {
			return n + 1
		}
		return k
	}
	c := 0
	switch t {
	case leftArc:
		s0, f := s.s0(), s.front()
		if g[s0] != f && pos(g[s0]) > b {
			c++
		}
		for _, k := range ex.children[s0] {
			if k >= b {
				c++
			}
		}
		if f == 0 && g[s0] != 0 && ex.goldRootOpen(s) {
			c++ // the single root arc goes to the wrong word
		}
	case rightArc:
		s0 := s.s0()
		if g[b] != s0 && (s.inStack[g[b]] || pos(g[b]) > b) {
			c++
		}
		for _, k := range ex.children[b] {
			if s.inStack[k] && s.head[k] < 0 {
				c++
			}
		}
	case reduce:
		s0 := s.s0()
		for _, k := range ex.children[s0] {
			if k >= b {
				c++
			}
		}
		if s.head[s0] < 0 && g[s0] == 0 && s.rootChild == 0 {
			c++
		}
	case shift:
		if s.inStack[g[b]] {
			c++
		}
		for _, k := range ex.children[b] {
			if s.inStack[k] && s.head[k] < 0 {
				c++
			}
		}
	}
	return c
}

// goldRootOpen reports whether the gold root word can still be attached to
// the root: it is on the stack without a head.
func (ex *parseExample) goldRootOpen(s *state) bool {
	for _, k := range ex.children[0] {
		if s.inStack[k] && s.head[k] < 0 {
			return true
		}
	}
	return false
}

// parserTrainer holds the two perceptrons while they learn.
type parserTrainer struct {
	labels    []string
	labelIdx  map[string]int
	rootLabel int16
	trans     *perceptron
	rel       *perceptron
	rng       *rand.Rand
}

// newParserTrainer collects the relation labels of the training trees.
func newParserTrainer(train []Sentence, seed int64) *parserTrainer {
	seen := map[string]bool{"root": true}
	for _, s := range train {
		for _, w := range s.Words {
			seen[w.Rel] = true
		}
	}
	labels := make([]string, 0, len(seen))
	for l := range seen {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	pt := &parserTrainer{labels: labels, labelIdx: map[string]int{}, rng: rand.New(rand.NewSource(seed))}
	for i, l := range labels {
		pt.labelIdx[l] = i
	}
	pt.rootLabel = int16(pt.labelIdx["root"])
	pt.trans = newPerceptron(numTransitions)
	pt.rel = newPerceptron(len(labels))
	return pt
}

func (pt *parserTrainer) example(toks []ptok, s Sentence) parseExample {
	n := len(s.Words)
	heads := make([]int32, n+1)
	heads[0] = -1
	ex := parseExample{toks: toks, rel: make([]int16, n+1), children: make([][]int32, n+1)}
	for i, w := range s.Words {
		heads[i+1] = int32(w.Head + 1)
		ex.rel[i+1] = int16(pt.labelIdx[w.Rel])
	}
	ex.gold = projectivize(heads)
	for d := 1; d <= n; d++ {
		ex.children[ex.gold[d]] = append(ex.children[ex.gold[d]], int32(d))
	}
	return ex
}

// learn parses one example, updating the models on every wrong step;
// with explore, it follows its own wrong steps with probability 0.9.
func (pt *parserTrainer) learn(ex *parseExample, explore bool, keys []uint32, rows []int32) ([]uint32, []int32) {
	s := newState(len(ex.toks) - 1)
	var sc [numTransitions]float32
	lsc := make([]float32, len(pt.labels))
	var lkeys []uint32
	var lrows []int32
	for !s.done() {
		keys = parseFeatures(s, ex.toks, keys[:0])
		rows = pt.trans.rows(keys, rows)
		pt.trans.score(rows, sc[:])
		pred := bestValid(s, &sc)
		best, bestCost := -1, 0
		for t := 0; t < numTransitions; t++ {
			if !s.valid(t) {
				continue
			}
			c := ex.cost(s, t)
			if best < 0 || c < bestCost || c == bestCost && sc[t] > sc[best] {
				best, bestCost = t, c
			}
		}
		predCost := ex.cost(s, pred)
		pt.trans.tick()
		if predCost > bestCost {
			pt.trans.update(keys, best, pred)
		}
		next := best
		following := false
		if explore && predCost > bestCost && pt.rng.Float64() < 0.9 {
			next, following = pred, true
		}
		var l int16 = -1
		if next == leftArc || next == rightArc {
			h, d := s.arcOf(next)
			if h == 0 {
				l = pt.rootLabel
			} else {
				lkeys = labelFeatures(s, ex.toks, h, d, lkeys[:0])
				lrows = pt.rel.rows(lkeys, lrows)
				pt.rel.score(lrows, lsc)
				lsc[pt.rootLabel] = -1e30
				guess := int16(argmax(lsc))
				l = guess
				if ex.gold[d] == h {
					pt.rel.tick()
					pt.rel.update(lkeys, int(ex.rel[d]), int(guess))
					if !following && !explore {
						l = ex.rel[d]
					}
				}
			}
		}
		s.apply(next, l)
	}
	return keys, rows
}

// bagParsers averages the weights of parsers trained on different shuffles.
func bagParsers(pts []*parserTrainer) *parser {
	var tr, rl []*perceptron
	for _, pt := range pts {
		tr = append(tr, pt.trans)
		rl = append(rl, pt.rel)
	}
	return &parser{labels: pts[0].labels, rootLabel: pts[0].rootLabel, trans: compileBagged(tr, parseMinWeight, true), rel: compileBagged(rl, parseMinWeight, false)}
}

func (pt *parserTrainer) compile() *parser {
	return &parser{labels: pt.labels, rootLabel: pt.rootLabel, trans: pt.trans.compile(parseMinWeight, true), rel: pt.rel.compile(parseMinWeight, false)}
}

// trainParser learns a parser from examples (tags already predicted);
// evaluate, when set, is called with the parser after every epoch.
func trainParser(pt *parserTrainer, examples []parseExample, epochs, exploreFrom int, progress io.Writer, evaluate func(*parser) string) *parser {
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	var keys []uint32
	var rows []int32
	for ep := 0; ep < epochs; ep++ {
		pt.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			keys, rows = pt.learn(&examples[i], ep >= exploreFrom, keys, rows)
		}
		if progress != nil && evaluate != nil {
			fmt.Fprintf(progress, "parser epoch %d: %s (%d transition and %d relation features)\n", ep+1, evaluate(pt.compile()), len(pt.trans.index), len(pt.rel.index))
		}
	}
	return pt.compile()
}

const parseMinWeight = 1.0
