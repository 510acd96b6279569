package syntax

import (
	"fmt"
	"io"
	"math/rand"
	"sort"
)

// tagExample is a training sentence: its tokens and gold joint tags.
type tagExample struct {
	toks []token
	gold []int
}

func newTagsetFrom(sents []Sentence) *tagset {
	seen := map[string]bool{}
	for _, s := range sents {
		for _, w := range s.Words {
			seen[jointTag(w)] = true
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return newTagset(names)
}

// trainTagger learns a tagger from sentences; dev (may be nil) is scored
// after every epoch and reported to progress.
func trainTagger(train, dev []Sentence, lex *lexicon, ts *tagset, epochs int, seed int64, progress io.Writer) *tagger {
	tg, p := trainTaggerPerceptron(train, dev, lex, ts, epochs, seed, progress)
	tg.tbl = p.compile(tagMinWeight, false)
	return tg
}

func trainTaggerPerceptron(train, dev []Sentence, lex *lexicon, ts *tagset, epochs int, seed int64, progress io.Writer) (*tagger, *perceptron) {
	tg := &tagger{lex: lex, tags: ts, amb: ambiguityClasses(train, ts, ambMinCount), sure: sureTags(train, ts)}
	examples := make([]tagExample, len(train))
	for i, s := range train {
		ex := tagExample{toks: tg.prepare(s.Forms), gold: make([]int, len(s.Words))}
		for j, w := range s.Words {
			ex.gold[j] = ts.index[jointTag(w)]
		}
		examples[i] = ex
	}
	p := newPerceptron(len(ts.names))
	rng := rand.New(rand.NewSource(seed))
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, len(ts.names))
	var keys []uint32
	var rows []int32
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, ei := range order {
			ex := &examples[ei]
			pred := make([]int, len(ex.toks))
			for i := range ex.toks {
				p1, p2 := -1, -1
				if i > 0 {
					p1 = pred[i-1]
				}
				if i > 1 {
					p2 = pred[i-2]
				}
				keys = tagFeatures(ex.toks, i, tagHash(p1), tagHash(p2), keys[:0])
				rows = p.rows(keys, rows)
				p.score(rows, scores)
				guess := argmax(scores)
				p.tick()
				p.update(keys, ex.gold[i], guess)
				pred[i] = guess
			}
		}
		if progress != nil && dev != nil {
			tg.tbl = p.compile(tagMinWeight, false)
			fmt.Fprintf(progress, "tagger epoch %d: dev UPOS %.4f XPOS %.4f (%d features)\n", ep+1, tg.accuracy(dev, true), tg.accuracy(dev, false), tg.tbl.nrows)
		}
	}
	return tg, p
}

// accuracy is the share of words of sents whose UPOS (or XPOS) is right.
func (tg *tagger) accuracy(sents []Sentence, upos bool) float64 {
	right, all := 0, 0
	for _, s := range sents {
		pred := tg.tag(tg.prepare(s.Forms))
		for i, w := range s.Words {
			all++
			if upos && tg.tags.upos[pred[i]] == w.UPOS || !upos && tg.tags.xpos[pred[i]] == w.XPOS {
				right++
			}
		}
	}
	if all == 0 {
		return 0
	}
	return float64(right) / float64(all)
}

const (
	ambMinCount  = 2
	tagMinWeight = 1.0
)
