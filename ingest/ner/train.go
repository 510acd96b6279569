package ner

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"time"
	"unicode"
	"unicode/utf8"
)

// ErrNoTrainingData is returned when the training file holds no sentences.
var ErrNoTrainingData = errors.New("ner: no training data")

// TrainOptions configure Train.
type TrainOptions struct {
	TrainPath     string  // CoNLL-2003 training file (eng.train)
	DevPath       string  // optional dev file (eng.testa) scored after each iteration
	SharedDataDir string  // directory holding countries/, geonames/, cameo/ (gazetteers); empty = none
	Iterations    int     // perceptron epochs per stage (default 15)
	Seed          int64   // shuffling seed
	Folds         int     // jackknife folds for stage-2 training data (default 5)
	NoStage2      bool    // train only the local stage
	MinCount      int     // drop features seen fewer times in training (default 1 = keep all)
	QuantStep     float64 // weight quantisation step relative to RMS weight (default 0.02)
	// TitleCopies is the number of sentences per training document that
	// are copied in title case ("Trump Confirms CIA Chief ...") so that the
	// model learns title-case headlines, which CoNLL-2003 lacks (default
	// 2, negative = none).
	TitleCopies int
	// Bags is the number of perceptrons (different shuffles) whose
	// averaged weights are averaged again (default 1).
	Bags int
}

func (o *TrainOptions) defaults() {
	if o.Iterations <= 0 {
		o.Iterations = 15
	}
	if o.Folds <= 1 {
		o.Folds = 5
	}
	if o.MinCount <= 0 {
		o.MinCount = 1
	}
	if o.Bags <= 0 {
		o.Bags = 1
	}
	if o.TitleCopies == 0 {
		o.TitleCopies = 2
	}
	if o.QuantStep <= 0 {
		o.QuantStep = 0.02
	}
}

// trainSeq is one sentence as dense feature ids with gold labels.
type trainSeq struct {
	feats [][]int32
	gold  []int
}

// featDict assigns dense ids to feature keys.
type featDict struct {
	ids  map[uint32]int32
	keys []uint32
}

func (fd *featDict) extract(docs []*docCtx, stage2, grow bool, counts map[uint32]int, minCount int) [][]trainSeq {
	out := make([][]trainSeq, len(docs))
	var buf []uint32
	for di, d := range docs {
		seqs := make([]trainSeq, len(d.sents))
		for s, ti := range d.sents {
			seq := trainSeq{feats: make([][]int32, len(ti)), gold: make([]int, len(ti))}
			for i := range ti {
				buf = d.features(s, i, stage2, buf[:0])
				ids := make([]int32, 0, len(buf))
				for _, k := range buf {
					id, ok := fd.ids[k]
					if !ok {
						if !grow || (counts != nil && counts[k] < minCount) {
							continue
						}
						id = int32(len(fd.keys))
						fd.ids[k] = id
						fd.keys = append(fd.keys, k)
					}
					ids = append(ids, id)
				}
				seq.feats[i] = ids
			}
			seqs[s] = seq
		}
		out[di] = seqs
	}
	return out
}

func countFeatures(docs []*docCtx, stage2 bool) map[uint32]int {
	counts := make(map[uint32]int)
	var buf []uint32
	for _, d := range docs {
		for s, ti := range d.sents {
			for i := range ti {
				buf = d.features(s, i, stage2, buf[:0])
				for _, k := range buf {
					counts[k]++
				}
			}
		}
	}
	return counts
}

// perceptron is an averaged structured perceptron over dense feature ids.
type perceptron struct {
	nf    int
	w     []float32
	u     []float64 // sum of c*delta for averaging
	tw    [numLabels + 1][numLabels]float32
	tu    [numLabels + 1][numLabels]float64
	c     float64
	emit  []float32
	delta []float32
	bp    []int8
	pred  []int
}

func newPerceptron(nf int) *perceptron {
	return &perceptron{nf: nf, w: make([]float32, nf*numLabels), u: make([]float64, nf*numLabels), c: 1}
}

func (p *perceptron) decode(seq *trainSeq, w []float32, tw *[numLabels + 1][numLabels]float32) []int {
	n := len(seq.gold)
	if cap(p.emit) < n*numLabels {
		p.emit = make([]float32, n*numLabels)
		p.delta = make([]float32, n*numLabels)
		p.bp = make([]int8, n*numLabels)
		p.pred = make([]int, n)
	}
	emit := p.emit[:n*numLabels]
	for i := range emit {
		emit[i] = 0
	}
	for i, fs := range seq.feats {
		e := emit[i*numLabels : (i+1)*numLabels : (i+1)*numLabels]
		for _, f := range fs {
			row := w[int(f)*numLabels : int(f)*numLabels+numLabels : int(f)*numLabels+numLabels]
			for l := range e {
				e[l] += row[l]
			}
		}
	}
	pred := p.pred[:n]
	viterbi(emit, n, tw, pred, p.bp[:n*numLabels], p.delta[:n*numLabels])
	return pred
}

func (p *perceptron) upd(f int32, l int, d float32) {
	i := int(f)*numLabels + l
	p.w[i] += d
	p.u[i] += p.c * float64(d)
}

func (p *perceptron) updT(a, b int, d float32) {
	if a < 0 {
		a = numLabels
	}
	p.tw[a][b] += d
	p.tu[a][b] += p.c * float64(d)
}

func (p *perceptron) learn(seq *trainSeq) {
	pred := p.decode(seq, p.w, &p.tw)
	gold := seq.gold
	diff := false
	for i := range gold {
		if gold[i] != pred[i] {
			diff = true
			break
		}
	}
	if diff {
		for i := range gold {
			gp, pp := -1, -1
			if i > 0 {
				gp, pp = gold[i-1], pred[i-1]
			}
			if gold[i] != pred[i] {
				for _, f := range seq.feats[i] {
					p.upd(f, gold[i], 1)
					p.upd(f, pred[i], -1)
				}
			}
			if gold[i] != pred[i] || gp != pp {
				p.updT(gp, gold[i], 1)
				p.updT(pp, pred[i], -1)
			}
		}
	}
	p.c++
}

// averaged returns the averaged weights.
func (p *perceptron) averaged() ([]float32, [numLabels + 1][numLabels]float32) {
	w := make([]float32, len(p.w))
	for i := range w {
		w[i] = float32(float64(p.w[i]) - p.u[i]/p.c)
	}
	var tw [numLabels + 1][numLabels]float32
	for a := range tw {
		for b := range tw[a] {
			tw[a][b] = float32(float64(p.tw[a][b]) - p.tu[a][b]/p.c)
		}
	}
	return w, tw
}

type seqRef struct{ d, s int }

// trainBagged trains bags perceptrons on different shuffles and returns
// the mean of their averaged weights.
func trainBagged(nf int, data [][]trainSeq, use []int, iters, bags int, rng *rand.Rand, dev [][]trainSeq, devGold [][][]string, progress io.Writer, name string) (*perceptron, []float32, [numLabels + 1][numLabels]float32) {
	var w []float32
	var tw [numLabels + 1][numLabels]float32
	var p *perceptron
	for b := 0; b < bags; b++ {
		var pr io.Writer
		if b == 0 {
			pr = progress
		}
		p = trainStage(nf, data, use, iters, rng, dev, devGold, pr, name)
		wb, twb := p.averaged()
		if w == nil {
			w, tw = wb, twb
		} else {
			for i := range w {
				w[i] += wb[i]
			}
			for a := range tw {
				for c := range tw[a] {
					tw[a][c] += twb[a][c]
				}
			}
		}
		p.w, p.u = nil, nil
	}
	inv := 1 / float32(bags)
	for i := range w {
		w[i] *= inv
	}
	for a := range tw {
		for c := range tw[a] {
			tw[a][c] *= inv
		}
	}
	if progress != nil && dev != nil && bags > 1 {
		pred := decodeAll(p, dev, w, &tw)
		sc := ScoreDocuments(devGold, pred)
		fmt.Fprintf(progress, "%s: %d bags: dev F1 %.4f (PER %.4f ORG %.4f LOC %.4f)\n", name, bags, sc.Overall.F1, sc.PerType[0].F1, sc.PerType[1].F1, sc.PerType[2].F1)
	}
	return p, w, tw
}

// trainStage runs the perceptron over the sequences of the selected
// documents. If dev is non-nil the dev F1 is reported after each epoch.
func trainStage(nf int, data [][]trainSeq, use []int, iters int, rng *rand.Rand, dev [][]trainSeq, devGold [][][]string, progress io.Writer, name string) *perceptron {
	p := newPerceptron(nf)
	var order []seqRef
	for _, d := range use {
		for s := range data[d] {
			order = append(order, seqRef{d, s})
		}
	}
	for it := 1; it <= iters; it++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, r := range order {
			p.learn(&data[r.d][r.s])
		}
		if progress != nil {
			msg := fmt.Sprintf("%s: iteration %d/%d (%.1fs)", name, it, iters, time.Since(start).Seconds())
			if dev != nil {
				w, tw := p.averaged()
				pred := decodeAll(p, dev, w, &tw)
				sc := ScoreDocuments(devGold, pred)
				msg += fmt.Sprintf(" dev F1 %.4f (PER %.4f ORG %.4f LOC %.4f)", sc.Overall.F1, sc.PerType[0].F1, sc.PerType[1].F1, sc.PerType[2].F1)
			}
			fmt.Fprintln(progress, msg)
		}
	}
	return p
}

func decodeAll(p *perceptron, data [][]trainSeq, w []float32, tw *[numLabels + 1][numLabels]float32) [][][]string {
	out := make([][][]string, len(data))
	for d, seqs := range data {
		out[d] = make([][]string, len(seqs))
		for s := range seqs {
			out[d][s] = labelsOf(p.decode(&seqs[s], w, tw))
		}
	}
	return out
}

func decodeAllIdx(p *perceptron, seqs []trainSeq, w []float32, tw *[numLabels + 1][numLabels]float32) [][]int {
	out := make([][]int, len(seqs))
	for s := range seqs {
		out[s] = append([]int(nil), p.decode(&seqs[s], w, tw)...)
	}
	return out
}

func setGold(data [][]trainSeq, docs []Document) {
	for d := range data {
		for s := range data[d] {
			for i, l := range docs[d].Sentences[s].Labels {
				data[d][s].gold[i] = labelIndex(l)
			}
		}
	}
}

// Train trains a model as described in docs/ner.md. Progress messages
// (per-iteration dev F1 when DevPath is set) go to progress, if non-nil.
func Train(opts TrainOptions, progress io.Writer) (*Model, error) {
	opts.defaults()
	t0 := time.Now()
	logf := func(format string, a ...any) {
		if progress != nil {
			fmt.Fprintf(progress, format+"\n", a...)
		}
	}
	trainDocs, err := ReadCoNLLFile(opts.TrainPath)
	if err != nil {
		return nil, err
	}
	if len(trainDocs) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrNoTrainingData, opts.TrainPath)
	}
	rng := rand.New(rand.NewSource(opts.Seed))
	if opts.TitleCopies > 0 {
		n := addTitleCopies(trainDocs, opts.TitleCopies, rng)
		logf("added %d title-case copies of training sentences", n)
	}
	var devDocs []Document
	if opts.DevPath != "" {
		if devDocs, err = ReadCoNLLFile(opts.DevPath); err != nil {
			return nil, err
		}
	}
	m := &Model{}
	if opts.SharedDataDir != "" {
		if m.gaz, err = buildGazetteer(opts.SharedDataDir); err != nil {
			return nil, err
		}
		logf("gazetteer: %d phrases", len(m.gaz.phrases))
	} else {
		m.gaz = newGazetteer(nil)
	}
	prep := func(docs []Document) []*docCtx {
		out := make([]*docCtx, len(docs))
		for i, d := range docs {
			out[i] = prepareDoc(d.TokenSentences(), m.gaz)
		}
		return out
	}
	trainCtx, devCtx := prep(trainDocs), prep(devDocs)
	var devGold [][][]string
	for _, d := range devDocs {
		devGold = append(devGold, d.LabelSentences())
	}
	all := make([]int, len(trainDocs))
	for i := range all {
		all[i] = i
	}

	buildStage := func(stage2 bool, name string) (*stage, *perceptron, []float32, [numLabels + 1][numLabels]float32, [][]trainSeq, [][]trainSeq) {
		var counts map[uint32]int
		if opts.MinCount > 1 {
			counts = countFeatures(trainCtx, stage2)
		}
		fd := &featDict{ids: make(map[uint32]int32)}
		data := fd.extract(trainCtx, stage2, true, counts, opts.MinCount)
		setGold(data, trainDocs)
		var dev [][]trainSeq
		if devCtx != nil && len(devCtx) > 0 {
			dev = fd.extract(devCtx, stage2, false, nil, 0)
		}
		logf("%s: %d features (%.1fs)", name, len(fd.keys), time.Since(t0).Seconds())
		p, w, tw := trainBagged(len(fd.keys), data, all, opts.Iterations, opts.Bags, rng, dev, devGold, progress, name)
		st := finishStage(fd, w, tw, opts.QuantStep)
		return st, p, w, tw, data, dev
	}

	st1, p1, w1, tw1, data1, dev1 := buildStage(false, "stage1")
	m.stages = []*stage{st1}
	if opts.NoStage2 {
		logf("training done in %.1fs", time.Since(t0).Seconds())
		return m, nil
	}
	// Jackknife: stage-1 predictions for each training document come from
	// a model trained without that document's fold.
	fold := make([]int, len(trainDocs))
	perm := rng.Perm(len(trainDocs))
	for i, d := range perm {
		fold[d] = i % opts.Folds
	}
	trainPred := make([][][]int, len(trainDocs))
	for k := 0; k < opts.Folds; k++ {
		var use []int
		for d := range trainDocs {
			if fold[d] != k {
				use = append(use, d)
			}
		}
		pk, w, tw := trainBagged(p1.nf, data1, use, opts.Iterations, opts.Bags, rng, nil, nil, nil, "")
		for d := range trainDocs {
			if fold[d] == k {
				trainPred[d] = decodeAllIdx(pk, data1[d], w, &tw)
			}
		}
		logf("jackknife fold %d/%d done (%.1fs)", k+1, opts.Folds, time.Since(t0).Seconds())
	}
	for d, c := range trainCtx {
		c.setPredictions(trainPred[d])
	}
	if len(devCtx) > 0 {
		for d, c := range devCtx {
			c.setPredictions(decodeAllIdx(p1, dev1[d], w1, &tw1))
		}
	}
	st2, _, _, _, _, _ := buildStage(true, "stage2")
	m.stages = append(m.stages, st2)
	logf("training done in %.1fs", time.Since(t0).Seconds())
	return m, nil
}

// finishStage turns averaged dense weights into a runtime stage, dropping
// all-zero rows.
func finishStage(fd *featDict, w []float32, tw [numLabels + 1][numLabels]float32, quantFrac float64) *stage {
	st := &stage{trans: tw}
	var ss float64
	var nz int
	for _, v := range w {
		if v != 0 {
			ss += float64(v) * float64(v)
			nz++
		}
	}
	if nz > 0 {
		st.step = float32(quantFrac * math.Sqrt(ss/float64(nz)))
	}
	n := 0
	for f := range fd.keys {
		row := w[f*numLabels : (f+1)*numLabels]
		for _, v := range row {
			if v != 0 {
				n++
				break
			}
		}
	}
	st.table = newFeatTable(n)
	st.w = make([]float32, 0, n*numLabels)
	r := int32(0)
	for f, k := range fd.keys {
		row := w[f*numLabels : (f+1)*numLabels]
		keep := false
		for _, v := range row {
			if v != 0 {
				keep = true
				break
			}
		}
		if !keep {
			continue
		}
		st.w = append(st.w, row...)
		st.table.insert(k, r)
		r++
	}
	return st
}

// smallWords stay lower case in some title-case styles.
var smallWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "of": true,
	"in": true, "on": true, "at": true, "to": true, "for": true, "by": true, "with": true, "from": true}

// addTitleCopies appends to each document title-cased copies of its first
// n normal sentences of at least five tokens, with the same labels.
func addTitleCopies(docs []Document, n int, rng *rand.Rand) int {
	added := 0
	for di := range docs {
		d := &docs[di]
		var extra []Sentence
		for _, s := range d.Sentences {
			if len(extra) >= n {
				break
			}
			if len(s.Tokens) < 5 {
				continue
			}
			ti := make([]tokInfo, len(s.Tokens))
			for i, w := range s.Tokens {
				ti[i] = newTokInfo(w)
			}
			if sentenceMode(ti) != modeNormal {
				continue
			}
			keepSmall := rng.Intn(2) == 0
			toks := make([]string, len(s.Tokens))
			for i, w := range s.Tokens {
				toks[i] = w
				r, size := utf8.DecodeRuneInString(w)
				if !unicode.IsLower(r) || (keepSmall && i > 0 && smallWords[w]) {
					continue
				}
				toks[i] = string(unicode.ToUpper(r)) + w[size:]
			}
			extra = append(extra, Sentence{Tokens: toks, Labels: append([]string(nil), s.Labels...)})
		}
		d.Sentences = append(d.Sentences, extra...)
		added += len(extra)
	}
	return added
}
