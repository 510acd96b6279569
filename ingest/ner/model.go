package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"sync"
)

// ErrBadModel is returned (wrapped) when a model file cannot be decoded.
var ErrBadModel = errors.New("ner: bad model file")

//go:embed model/ner.bin.gz
var embeddedModel []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the model embedded in the binary. It is decoded once;
// later calls are cheap and return the same *Model.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Load(bytes.NewReader(embeddedModel))
		if defaultErr != nil {
			defaultErr = fmt.Errorf("ner: embedded model: %w", defaultErr)
		}
	})
	return defaultModel, defaultErr
}

// Model is a two-stage averaged-perceptron sequence tagger with BIO labels.
// It is safe for concurrent use by many goroutines after loading.
type Model struct {
	gaz    *gazetteer
	stages []*stage
}

// stage is one linear model: feature rows of numLabels weights plus label
// transition weights.
type stage struct {
	table featTable
	w     []float32                         // rows * numLabels
	trans [numLabels + 1][numLabels]float32 // [prev][cur], prev==numLabels is sentence start
	step  float32                           // quantisation step used by Save
}

// featTable is an open-addressing hash table from feature keys to rows.
type featTable struct {
	slots []featSlot
	shift uint
}

type featSlot struct {
	key uint32
	row int32 // row+1, 0 = empty
}

func newFeatTable(n int) featTable {
	size := 16
	bits := uint(4)
	for size < n*2 {
		size <<= 1
		bits++
	}
	return featTable{slots: make([]featSlot, size), shift: 32 - bits}
}

func (t *featTable) slot(k uint32) uint32 { return (k * 0x9E3779B1) >> t.shift }

func (t *featTable) insert(k uint32, row int32) {
	mask := uint32(len(t.slots) - 1)
	for i := t.slot(k); ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.row == 0 {
			sl.key, sl.row = k, row+1
			return
		}
		if sl.key == k {
			sl.row = row + 1
			return
		}
	}
}

func (t *featTable) lookup(k uint32) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	mask := uint32(len(t.slots) - 1)
	for i := t.slot(k); ; i = (i + 1) & mask {
		sl := t.slots[i]
		if sl.row == 0 {
			return -1
		}
		if sl.key == k {
			return sl.row - 1
		}
	}
}

// scorer computes per-label scores for a token from its feature keys.
type scorer interface {
	score(keys []uint32, out *[numLabels]float32)
	transitions() *[numLabels + 1][numLabels]float32
}

func (st *stage) score(keys []uint32, out *[numLabels]float32) {
	*out = [numLabels]float32{}
	for _, k := range keys {
		r := st.table.lookup(k)
		if r < 0 {
			continue
		}
		row := st.w[int(r)*numLabels : int(r)*numLabels+numLabels : int(r)*numLabels+numLabels]
		for l := 0; l < numLabels; l++ {
			out[l] += row[l]
		}
	}
}

func (st *stage) transitions() *[numLabels + 1][numLabels]float32 { return &st.trans }

// viterbi finds the best label sequence given per-token label scores,
// respecting BIO constraints. emit has n*numLabels entries.
func viterbi(emit []float32, n int, trans *[numLabels + 1][numLabels]float32, out []int, bp []int8, delta []float32) {
	if n == 0 {
		return
	}
	const negInf = float32(-1e30)
	for l := 0; l < numLabels; l++ {
		if allowedTransition(-1, l) {
			delta[l] = emit[l] + trans[numLabels][l]
		} else {
			delta[l] = negInf
		}
	}
	for i := 1; i < n; i++ {
		prev := delta[(i-1)*numLabels : i*numLabels]
		cur := delta[i*numLabels : (i+1)*numLabels]
		for l := 0; l < numLabels; l++ {
			best, arg := negInf, 0
			for p := 0; p < numLabels; p++ {
				if !allowed[p][l] {
					continue
				}
				if s := prev[p] + trans[p][l]; s > best {
					best, arg = s, p
				}
			}
			cur[l] = best + emit[i*numLabels+l]
			bp[i*numLabels+l] = int8(arg)
		}
	}
	last := delta[(n-1)*numLabels : n*numLabels]
	best, arg := negInf, 0
	for l := 0; l < numLabels; l++ {
		if last[l] > best {
			best, arg = last[l], l
		}
	}
	out[n-1] = arg
	for i := n - 1; i > 0; i-- {
		arg = int(bp[i*numLabels+arg])
		out[i-1] = arg
	}
}

var allowed = func() (a [numLabels][numLabels]bool) {
	for p := 0; p < numLabels; p++ {
		for l := 0; l < numLabels; l++ {
			a[p][l] = allowedTransition(p, l)
		}
	}
	return
}()

// decodeDoc tags all sentences of a prepared document with one scorer.
func decodeDoc(d *docCtx, sc scorer, stage2 bool) [][]int {
	out := make([][]int, len(d.sents))
	var keys []uint32
	var emit, delta []float32
	var bp []int8
	for s, ti := range d.sents {
		n := len(ti)
		if cap(emit) < n*numLabels {
			emit = make([]float32, n*numLabels)
			delta = make([]float32, n*numLabels)
			bp = make([]int8, n*numLabels)
		}
		emit, delta, bp = emit[:n*numLabels], delta[:n*numLabels], bp[:n*numLabels]
		for i := 0; i < n; i++ {
			keys = d.features(s, i, stage2, keys[:0])
			sc.score(keys, (*[numLabels]float32)(emit[i*numLabels:(i+1)*numLabels]))
		}
		out[s] = make([]int, n)
		viterbi(emit, n, sc.transitions(), out[s], bp, delta)
	}
	return out
}

// tagIndices runs both stages on a document and returns label indices.
func (m *Model) tagIndices(sentences [][]string) [][]int {
	d := prepareDoc(sentences, m.gaz)
	pred := decodeDoc(d, m.stages[0], false)
	for _, st := range m.stages[1:] {
		d.setPredictions(pred)
		pred = decodeDoc(d, st, true)
	}
	return pred
}

// TagDocument labels each token of each sentence of one document with BIO
// labels ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC",
// "B-MISC", "I-MISC"). Document-level features use all sentences, so pass
// a whole article at once.
func (m *Model) TagDocument(sentences [][]string) [][]string {
	pred := m.tagIndices(sentences)
	out := make([][]string, len(pred))
	for s, p := range pred {
		out[s] = make([]string, len(p))
		for i, l := range p {
			out[s][i] = labelNames[l]
		}
	}
	return out
}

// ---- serialisation ----

const modelMagic = "NEWSGRAPH-NER-1\n"

// quantStep is the weight quantisation step used by Save.
const defaultQuantStep = 0.02

// Save writes the model (gzip-compressed): gazetteer phrase table,
// then per stage the transition weights and the quantised, sparse feature
// weights with delta-coded sorted keys.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	if _, err := bw.WriteString(modelMagic); err != nil {
		return err
	}
	gz := m.gaz
	if gz == nil {
		gz = newGazetteer(nil)
	}
	if err := gz.write(bw); err != nil {
		return err
	}
	var buf [binary.MaxVarintLen64]byte
	put := func(x uint64) {
		n := binary.PutUvarint(buf[:], x)
		bw.Write(buf[:n])
	}
	putS := func(x int64) {
		n := binary.PutVarint(buf[:], x)
		bw.Write(buf[:n])
	}
	put(uint64(len(m.stages)))
	for _, st := range m.stages {
		for p := range st.trans {
			for l := range st.trans[p] {
				binary.Write(bw, binary.LittleEndian, st.trans[p][l])
			}
		}
		step := st.step
		if step <= 0 {
			step = defaultQuantStep
		}
		binary.Write(bw, binary.LittleEndian, step)
		// collect (key,row) sorted by key
		type kr struct {
			k uint32
			r int32
		}
		var rows []kr
		for _, sl := range st.table.slots {
			r := sl.row
			if r == 0 {
				continue
			}
			row := st.w[int(r-1)*numLabels : int(r)*numLabels]
			keep := false
			for _, v := range row {
				if q := math.Round(float64(v / step)); q != 0 {
					keep = true
				}
			}
			if keep {
				rows = append(rows, kr{sl.key, r - 1})
			}
		}
		sort.Slice(rows, func(i, j int) bool { return rows[i].k < rows[j].k })
		put(uint64(len(rows)))
		prev := uint32(0)
		for _, x := range rows {
			put(uint64(x.k - prev))
			prev = x.k
		}
		for _, x := range rows {
			row := st.w[int(x.r)*numLabels : int(x.r+1)*numLabels]
			var mask uint64
			var qs [numLabels]int64
			for l, v := range row {
				qs[l] = int64(math.Round(float64(v / step)))
				if qs[l] != 0 {
					mask |= 1 << l
				}
			}
			put(mask)
			for l := range qs {
				if qs[l] != 0 {
					putS(qs[l])
				}
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadModel, err)
	}
	defer zr.Close()
	br := bufio.NewReaderSize(zr, 1<<16)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, fmt.Errorf("%w: missing header", ErrBadModel)
	}
	m := &Model{}
	if m.gaz, err = readGazetteer(br); err != nil {
		return nil, fmt.Errorf("%w: gazetteer: %w", ErrBadModel, err)
	}
	ns, err := binary.ReadUvarint(br)
	if err != nil || ns == 0 || ns > 4 {
		return nil, fmt.Errorf("%w: stage count", ErrBadModel)
	}
	for s := 0; s < int(ns); s++ {
		st := &stage{}
		if err := binary.Read(br, binary.LittleEndian, &st.trans); err != nil {
			return nil, fmt.Errorf("%w: transitions: %w", ErrBadModel, err)
		}
		var step float32
		if err := binary.Read(br, binary.LittleEndian, &step); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrBadModel, err)
		}
		n, err := binary.ReadUvarint(br)
		if err != nil || n > 50_000_000 {
			return nil, fmt.Errorf("%w: feature count", ErrBadModel)
		}
		keys := make([]uint32, n)
		prev := uint32(0)
		for i := range keys {
			d, err := binary.ReadUvarint(br)
			if err != nil {
				return nil, fmt.Errorf("%w: keys: %w", ErrBadModel, err)
			}
			prev += uint32(d)
			keys[i] = prev
		}
		st.step = step
		st.table = newFeatTable(int(n))
		st.w = make([]float32, int(n)*numLabels)
		for i := range keys {
			mask, err := binary.ReadUvarint(br)
			if err != nil {
				return nil, fmt.Errorf("%w: weights: %w", ErrBadModel, err)
			}
			for l := 0; l < numLabels; l++ {
				if mask&(1<<l) == 0 {
					continue
				}
				q, err := binary.ReadVarint(br)
				if err != nil {
					return nil, fmt.Errorf("%w: weights: %w", ErrBadModel, err)
				}
				st.w[i*numLabels+l] = float32(q) * step
			}
			st.table.insert(keys[i], int32(i))
		}
		m.stages = append(m.stages, st)
	}
	return m, nil
}
