package syntax

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// TrainOptions configure Train. Zero values take the defaults, which are
// the settings of the embedded model.
type TrainOptions struct {
	Train   string // CoNLL-U training file (EWT train)
	Dev     string // CoNLL-U file scored after every epoch ("" = none)
	Lexicon string // word lexicon TSV (lexicon/words.tsv.gz)

	TagEpochs   int   // tagger epochs (default 8)
	TagBags     int   // taggers trained on different shuffles whose weights are averaged (default 3)
	ParseEpochs int   // parser epochs (default 15)
	Folds       int   // jackknife folds giving the parser realistic tags (default 10)
	ExploreFrom int   // first epoch (0-based) that follows the parser's own mistakes (default 1)
	Bags        int   // parsers trained on different shuffles whose weights are averaged (default 3)
	Seed        int64 // shuffling seed (default 1)
	Workers     int   // models trained at once (default: CPUs); the model does not depend on it
}

// ErrNoTrainingData is returned when the training file has no sentences.
var ErrNoTrainingData = errors.New("syntax: no training sentences")

func (o *TrainOptions) defaults() {
	if o.TagEpochs <= 0 {
		o.TagEpochs = 8
	}
	if o.ParseEpochs <= 0 {
		o.ParseEpochs = 15
	}
	if o.Folds <= 1 {
		o.Folds = 10
	}
	if o.ExploreFrom <= 0 {
		o.ExploreFrom = 1
	}
	if o.TagBags <= 0 {
		o.TagBags = 3
	}
	if o.Bags <= 0 {
		o.Bags = 3
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
}

// Train learns the tagger, lemmatizer and parser. The parser is trained on
// tags predicted by taggers that did not see the sentence (jackknifing),
// as it will meet them. Training is deterministic: the same files and
// options give the same model, byte for byte.
func Train(opts TrainOptions, progress io.Writer) (*Model, error) {
	opts.defaults()
	if progress == nil {
		progress = io.Discard
	}
	train, err := ReadCoNLLUFile(opts.Train)
	if err != nil {
		return nil, err
	}
	if len(train) == 0 {
		return nil, fmt.Errorf("%w in %s", ErrNoTrainingData, opts.Train)
	}
	var dev []Sentence
	if opts.Dev != "" {
		if dev, err = ReadCoNLLUFile(opts.Dev); err != nil {
			return nil, err
		}
	}
	lex, err := readLexiconFile(opts.Lexicon)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	ts := newTagsetFrom(train)
	fmt.Fprintf(progress, "%d training sentences, %d tags, %d lexicon words\n", len(train), len(ts.names), len(lex.entries))

	tagged, second := jackknifeTags(train, lex, ts, opts, progress)
	tg := trainBaggedTagger(train, dev, lex, ts, opts, progress)
	lm := trainLemmatizer(train)
	lm.words = lex
	m := &Model{tagger: tg, lemmas: lm}

	// Every bag learns from the same examples in its own order; the first
	// reports its dev scores after each epoch.
	pts := make([]*parserTrainer, opts.Bags)
	for b := range pts {
		pts[b] = newParserTrainer(train, opts.Seed+int64(b))
	}
	examples := make([]parseExample, len(train))
	for i, s := range train {
		examples[i] = pts[0].example(parserTokens(tg.prepare(s.Forms), tagged[i], second[i], ts), s)
	}
	var evaluate func(*parser) string
	if dev != nil {
		evaluate = func(ps *parser) string {
			m := &Model{tagger: tg, lemmas: m.lemmas, parser: ps}
			sc := Evaluate(m, dev)
			return fmt.Sprintf("dev UAS %.4f LAS %.4f", sc.UAS(), sc.LAS())
		}
	}
	parallel(opts.Bags, opts.Workers, func(b int) {
		if b == 0 {
			trainParser(pts[b], examples, opts.ParseEpochs, opts.ExploreFrom, progress, evaluate)
			return
		}
		trainParser(pts[b], examples, opts.ParseEpochs, opts.ExploreFrom, nil, nil)
	})
	m.parser = bagParsers(pts)

	// The model in use is the one read back from its file, so that what was
	// measured here is what the file holds (weights are stored in 16 bits).
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return nil, err
	}
	return Load(&buf)
}

// trainBaggedTagger trains opts.TagBags taggers on different shuffles and
// averages their weights; the first reports its dev scores.
func trainBaggedTagger(train, dev []Sentence, lex *lexicon, ts *tagset, opts TrainOptions, progress io.Writer) *tagger {
	tgs := make([]*tagger, opts.TagBags)
	ps := make([]*perceptron, opts.TagBags)
	parallel(opts.TagBags, opts.Workers, func(b int) {
		if b == 0 {
			tgs[b], ps[b] = trainTaggerPerceptron(train, dev, lex, ts, opts.TagEpochs, opts.Seed, progress)
			return
		}
		tgs[b], ps[b] = trainTaggerPerceptron(train, nil, lex, ts, opts.TagEpochs, opts.Seed+int64(b), nil)
	})
	tg := tgs[0]
	tg.tbl = compileBagged(ps, tagMinWeight, false)
	if dev != nil {
		fmt.Fprintf(progress, "tagger, %d bagged: dev UPOS %.4f XPOS %.4f\n", opts.TagBags, tg.accuracy(dev, true), tg.accuracy(dev, false))
	}
	return tg
}

// parallel runs job(0..n-1) on at most workers goroutines.
func parallel(n, workers int, job func(int)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, workers))
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			job(i)
		}(i)
	}
	wg.Wait()
}

// jackknifeTags tags every training sentence with a tagger trained on the
// other folds.
func jackknifeTags(train []Sentence, lex *lexicon, ts *tagset, opts TrainOptions, progress io.Writer) (tagged, second [][]int) {
	tagged, second = make([][]int, len(train)), make([][]int, len(train))
	var mu sync.Mutex
	parallel(opts.Folds, opts.Workers, func(f int) {
		var rest []Sentence
		for i, s := range train {
			if i%opts.Folds != f {
				rest = append(rest, s)
			}
		}
		tg := trainTagger(rest, nil, lex, ts, opts.TagEpochs, opts.Seed+int64(f)+1, nil)
		for i, s := range train {
			if i%opts.Folds == f {
				tagged[i], second[i] = tg.tag2(tg.prepare(s.Forms))
			}
		}
		mu.Lock()
		fmt.Fprintf(progress, "jackknife fold %d of %d tagged\n", f+1, opts.Folds)
		mu.Unlock()
	})
	return tagged, second
}
