package syntax

import (
	"sort"
	"strings"
)

// The tagger predicts one joint UPOS+XPOS tag per word, greedily from left
// to right: features of the word, its neighbours within two words, the
// tags already given to the two words before it and the "ambiguity class"
// of the words around it (the set of tags each had in training).

// tagset is the list of joint tags, "UPOS\tXPOS".
type tagset struct {
	names []string
	upos  []string
	xpos  []string
	index map[string]int
}

func newTagset(names []string) *tagset {
	ts := &tagset{names: names, index: make(map[string]int, len(names))}
	for i, n := range names {
		u, x, _ := strings.Cut(n, "\t")
		ts.upos = append(ts.upos, u)
		ts.xpos = append(ts.xpos, x)
		ts.index[n] = i
	}
	return ts
}

func jointTag(w Word) string { return w.UPOS + "\t" + w.XPOS }

// tagger is a compiled tagging model.
type tagger struct {
	lex  *lexicon
	tags *tagset
	amb  map[string]uint64 // normalised form -> ambiguity class
	// sure holds the forms that had one tag in nearly all of many training
	// occurrences ("the", ",", "of"): they are tagged without the model,
	// which halves the work on ordinary text at no cost in accuracy.
	sure map[string]uint8
	tbl  *table
}

const noTag = 0xFF

// tagFeatures appends the feature keys of word i given the tags of the
// words before it (prev[i-1], prev[i-2]).
func tagFeatures(toks []token, i int, p1, p2 uint64, buf []uint32) []uint32 {
	t := &toks[i]
	at := func(j int) *token {
		if j < 0 || j >= len(toks) {
			return &edgeToken
		}
		return &toks[j]
	}
	m1, m2, n1, n2 := at(i-1), at(i-2), at(i+1), at(i+2)
	if i-1 < 0 {
		m1 = &startToken
	}
	if i+1 >= len(toks) {
		n1 = &endToken
	}
	buf = append(buf,
		key1(1, 0),
		key1(2, t.w),
		key1(3, hashString(t.form)),
		key1(4, t.suf[0]), key1(5, t.suf[1]), key1(6, t.suf[2]), key1(7, t.suf[3]),
		key1(8, t.pre[0]), key1(9, t.pre[1]), key1(10, t.pre[2]),
		key1(11, t.shp),
		key1(12, t.flags),
		key1(13, p1),
		key2(14, p2, p1),
		key2(15, p1, t.w),
		key1(16, m1.w),
		key1(17, m2.w),
		key1(18, n1.w),
		key1(19, n2.w),
		key1(20, m1.suf[2]),
		key1(21, n1.suf[2]),
		key1(22, n1.shp),
		key1(23, m1.shp),
		key1(24, t.amb),
		key1(25, n1.amb),
		key1(26, n2.amb),
		key2(27, m1.w, t.w),
		key2(28, t.w, n1.w),
		key2(29, p1, n1.amb),
		key2(30, t.amb, n1.amb),
		key2(31, m1.w, n1.w),
		key2(32, p1, t.suf[2]),
		key2(33, t.shp, n1.shp),
		key2(34, t.flags, t.w),
		key3(35, p1, t.amb, n1.amb),
		key2(36, n1.w, n2.w),
		key2(37, m1.w, m2.w),
		key2(38, p1, t.flags),
		key2(39, t.flags, n1.flags),
		key2(40, m1.flags, t.flags),
		key1(41, t.suf[4]),
		key2(42, t.shp, t.suf[2]),
		key2(43, p1, t.shp),
		key3(44, m1.flags, t.flags, n1.flags),
		key1(45, clusterPrefix(t.cl, 4)),
		key1(46, clusterPrefix(t.cl, 6)),
		key1(47, clusterPrefix(t.cl, 10)),
		key1(48, clusterPrefix(t.cl, 14)),
		key1(49, t.cl),
		key1(50, clusterPrefix(n1.cl, 6)),
		key1(51, n1.cl),
		key1(52, clusterPrefix(m1.cl, 6)),
		key1(53, m1.cl),
		key2(54, p1, clusterPrefix(t.cl, 10)),
		key2(55, clusterPrefix(t.cl, 10), clusterPrefix(n1.cl, 10)),
		key2(56, t.freq, t.caseR),
		key2(57, t.caseR, t.flags),
		key3(58, t.caseR, p1, n1.flags),
	)
	return buf
}

var (
	edgeToken  = token{w: hashString("<edge>"), shp: hashString("<edge>"), amb: hashString("<edge>"), suf: [5]uint64{2, 2, 2, 2, 2}}
	startToken = token{w: hashString("<s>"), shp: hashString("<s>"), amb: hashString("<s>"), suf: [5]uint64{3, 3, 3, 3, 3}}
	endToken   = token{w: hashString("</s>"), shp: hashString("</s>"), amb: hashString("</s>"), suf: [5]uint64{4, 4, 4, 4, 4}}
)

// prepare builds the tokens of a sentence with their ambiguity classes.
func (tg *tagger) prepare(forms []string) []token {
	toks := make([]token, len(forms))
	for i, f := range forms {
		toks[i] = tg.lex.token(f, i == 0)
		if a, ok := tg.amb[toks[i].norm]; ok {
			toks[i].amb = a
		} else {
			toks[i].amb = unknownAmb(toks[i])
		}
	}
	return toks
}

// unknownAmb stands in for the ambiguity class of a word never seen in
// training: its capitalisation and suffix carry most of what is known.
func unknownAmb(t token) uint64 {
	return mix(0xA11CE ^ t.flags&(flagCap|flagAllCaps|flagDigit|flagHyphen|flagPunct)<<8 ^ t.suf[1])
}

func tagHash(tag int) uint64 {
	if tag < 0 {
		return 0x5EED
	}
	return uint64(tag) + 1
}

// tag returns the joint tag index of every token.
func (tg *tagger) tag(toks []token) []int {
	out, _ := tg.tag2(toks)
	return out
}

// tag2 also returns, for each token, the runner-up tag when it scored
// close to the best one (within tagDoubtMargin of it), else -1: the parser
// uses it to hedge against the tagger's likeliest mistakes.
func (tg *tagger) tag2(toks []token) (out, second []int) {
	n := len(tg.tags.names)
	scores := make([]float32, n)
	out = make([]int, len(toks))
	second = make([]int, len(toks))
	var buf []uint32
	for i := range toks {
		if t, ok := tg.sure[toks[i].form]; ok {
			out[i], second[i] = int(t), -1
			continue
		}
		p1, p2 := -1, -1
		if i > 0 {
			p1 = out[i-1]
		}
		if i > 1 {
			p2 = out[i-2]
		}
		buf = tagFeatures(toks, i, tagHash(p1), tagHash(p2), buf[:0])
		for c := range scores {
			scores[c] = 0
		}
		tg.tbl.addScores(buf, scores)
		out[i], second[i] = bestTwo(scores)
	}
	return out, second
}

// tagBatch tags several sentences in lockstep, word position by word
// position, so that the table look-ups of all of them are made together
// (see table.addScoresBatch).
func (tg *tagger) tagBatch(sents [][]token) (tags, second [][]int) {
	n := len(sents)
	tags, second = make([][]int, n), make([][]int, n)
	longest := 0
	for i, toks := range sents {
		tags[i], second[i] = make([]int, len(toks)), make([]int, len(toks))
		longest = max(longest, len(toks))
	}
	nt := len(tg.tags.names)
	keys := make([][]uint32, n)
	scores := make([][]float32, n)
	for i := range scores {
		scores[i] = make([]float32, nt)
	}
	var (
		ks   [][]uint32
		outs [][]float32
		home []uint32
		who  []int
	)
	for pos := 0; pos < longest; pos++ {
		ks, outs, who = ks[:0], outs[:0], who[:0]
		for i, toks := range sents {
			if pos >= len(toks) {
				continue
			}
			if t, ok := tg.sure[toks[pos].form]; ok {
				tags[i][pos], second[i][pos] = int(t), -1
				continue
			}
			p1, p2 := -1, -1
			if pos > 0 {
				p1 = tags[i][pos-1]
			}
			if pos > 1 {
				p2 = tags[i][pos-2]
			}
			keys[i] = tagFeatures(toks, pos, tagHash(p1), tagHash(p2), keys[i][:0])
			for c := range scores[i] {
				scores[i][c] = 0
			}
			ks = append(ks, keys[i])
			outs = append(outs, scores[i])
			who = append(who, i)
		}
		if len(ks) == 0 {
			continue
		}
		home = tg.tbl.addScoresBatch(ks, outs, home)
		for _, i := range who {
			tags[i][pos], second[i][pos] = bestTwo(scores[i])
		}
	}
	return tags, second
}

// bestTwo returns the best tag and the runner-up when it scored within
// tagDoubtMargin of the best, else -1.
func bestTwo(scores []float32) (int, int) {
	best := argmax(scores)
	run := -1
	for c, v := range scores {
		if c != best && (run < 0 || v > scores[run]) {
			run = c
		}
	}
	if run >= 0 && scores[best]-scores[run] < tagDoubtMargin*abs32(scores[best]) {
		return best, run
	}
	return best, -1
}

var tagDoubtMargin float32 = 0.2

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

func argmax(s []float32) int {
	best := 0
	for i, v := range s {
		if v > s[best] {
			best = i
		}
	}
	return best
}

// sureTags finds the forms seen at least sureMinCount times with one tag
// in at least sureShare of them.
func sureTags(sents []Sentence, ts *tagset) map[string]uint8 {
	count := map[string]map[int]int{}
	for _, s := range sents {
		for i, f := range s.Forms {
			c := count[f]
			if c == nil {
				c = map[int]int{}
				count[f] = c
			}
			c[ts.index[jointTag(s.Words[i])]]++
		}
	}
	out := map[string]uint8{}
	for f, c := range count {
		total, best, bestN := 0, -1, 0
		for t, n := range c {
			total += n
			if n > bestN || n == bestN && t < best {
				best, bestN = t, n
			}
		}
		if total >= sureMinCount && float64(bestN) >= sureShare*float64(total) {
			out[f] = uint8(best)
		}
	}
	return out
}

const (
	sureMinCount = 20
	sureShare    = 0.998
)

// ambiguityClasses gives each form seen at least minCount times in the
// sentences the hash of the sorted set of tags it had.
func ambiguityClasses(sents []Sentence, ts *tagset, minCount int) map[string]uint64 {
	count := map[string]int{}
	tags := map[string]map[int]bool{}
	for _, s := range sents {
		for i, f := range s.Forms {
			n := normalize(f)
			count[n]++
			if tags[n] == nil {
				tags[n] = map[int]bool{}
			}
			tags[n][ts.index[jointTag(s.Words[i])]] = true
		}
	}
	out := map[string]uint64{}
	for n, c := range count {
		if c < minCount {
			continue
		}
		ids := make([]int, 0, len(tags[n]))
		for id := range tags[n] {
			ids = append(ids, id)
		}
		sort.Ints(ids)
		h := uint64(0xAB)
		for _, id := range ids {
			h = mix(h ^ uint64(id+1))
		}
		out[n] = h
	}
	return out
}
