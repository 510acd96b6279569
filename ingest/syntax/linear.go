package syntax

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"sort"
)

// The tagger, the parser's transition classifier and its labeller are
// linear models over hashed features: a feature is a 32-bit key, and its
// weights are a row of one float per class. This file holds the averaged
// perceptron that learns them and the compact read-only table they are
// compiled into for tagging and parsing.

// Feature keys are built by mixing a template number with the values it
// combines; the mixing is splitmix64's finaliser, so nearby inputs spread
// over the whole key space.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

func key1(tpl, a uint64) uint32 { return uint32(mix(tpl<<56^a) >> 32) }
func key2(tpl, a, b uint64) uint32 {
	return uint32(mix(mix(tpl<<56^a)^b) >> 32)
}
func key3(tpl, a, b, c uint64) uint32 {
	return uint32(mix(mix(mix(tpl<<56^a)^b)^c) >> 32)
}

// hashString is FNV-1a 64 over s, never 0 (0 stands for "no word").
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	if h == 0 {
		h = 1
	}
	return h
}

// perceptron is an averaged multi-class perceptron with dense rows, used
// only while training. Averaging uses the "w - u/c" form: u accumulates
// each update weighted by the number of examples seen when it was made.
type perceptron struct {
	nc    int
	index map[uint32]int32
	w     []float32
	u     []float64
	c     float64 // examples seen
}

func newPerceptron(nc int) *perceptron {
	return &perceptron{nc: nc, index: make(map[uint32]int32)}
}

// rows maps feature keys to row numbers, -1 for keys the model has not
// seen; out is reused.
func (p *perceptron) rows(keys []uint32, out []int32) []int32 {
	out = out[:0]
	for _, k := range keys {
		r, ok := p.index[k]
		if !ok {
			r = -1
		}
		out = append(out, r)
	}
	return out
}

func (p *perceptron) score(rows []int32, out []float32) {
	for i := range out {
		out[i] = 0
	}
	for _, r := range rows {
		if r < 0 {
			continue
		}
		row := p.w[int(r)*p.nc : int(r)*p.nc+p.nc]
		for c, v := range row {
			out[c] += v
		}
	}
}

// tick counts one training example for averaging.
func (p *perceptron) tick() { p.c++ }

// update moves the weights of keys towards class truth and away from guess.
func (p *perceptron) update(keys []uint32, truth, guess int) {
	if truth == guess {
		return
	}
	for _, k := range keys {
		r, ok := p.index[k]
		if !ok {
			r = int32(len(p.index))
			p.index[k] = r
			p.w = append(p.w, make([]float32, p.nc)...)
			p.u = append(p.u, make([]float64, p.nc)...)
		}
		base := int(r) * p.nc
		p.w[base+truth]++
		p.u[base+truth] += p.c
		p.w[base+guess]--
		p.u[base+guess] -= p.c
	}
}

// averaged returns the averaged weights of every row.
func (p *perceptron) averaged() []float32 {
	out := make([]float32, len(p.w))
	c := p.c
	if c == 0 {
		c = 1
	}
	for i, w := range p.w {
		out[i] = float32(float64(w) - p.u[i]/c)
	}
	return out
}

// compile turns the averaged weights into a table, dropping rows whose
// weights are all below minAbs and, in sparse tables, single weights below it.
func (p *perceptron) compile(minAbs float32, dense bool) *table {
	avg := p.averaged()
	keys := make([]uint32, 0, len(p.index))
	for k := range p.index {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	rows := make([]tableRow, 0, len(keys))
	for _, k := range keys {
		r := int(p.index[k])
		ws := avg[r*p.nc : r*p.nc+p.nc]
		row := tableRow{key: k}
		for c, v := range ws {
			if v >= minAbs || v <= -minAbs {
				row.cls = append(row.cls, uint16(c))
				row.w = append(row.w, v)
			}
		}
		if len(row.cls) > 0 {
			rows = append(rows, row)
		}
	}
	return buildTable(p.nc, rows, dense)
}

type tableRow struct {
	key uint32
	cls []uint16
	w   []float32
}

// table is a compiled linear model: an open-addressing hash table from
// feature keys to weights quantised to 16 bits. Dense tables (few classes)
// keep a full row in the slot; sparse tables keep up to sparseInline
// (class, weight) pairs in the slot and the rest of a long row in a side
// array. Either way most look-ups touch one cache line.
type table struct {
	nc    int
	dense bool
	scale float32 // weight = int16 value * scale
	shift uint
	mask  uint32
	// slots, stride words each. Word 0 is the key (0 = empty; a real key 0
	// is stored as 1, and the two share weights).
	// dense: then nc int16 weights, two to a word.
	// sparse (8 words): then [count:8 | overflow offset:24], then 8 class
	// bytes (2 words), then sparseInline int16 weights (3 words); weights
	// beyond the inline ones are in the overflow arrays.
	slots  []uint32
	stride int
	ocls   []uint8 // overflow of sparse rows
	ow     []int16
	nrows  int
}

// sparseInline (class, weight) pairs fit in a sparse slot of 8 words.
const sparseInline = 6

func quantScale(rows []tableRow) float32 {
	var maxAbs float32
	for _, r := range rows {
		for _, v := range r.w {
			if v > maxAbs {
				maxAbs = v
			} else if -v > maxAbs {
				maxAbs = -v
			}
		}
	}
	if maxAbs == 0 {
		return 1
	}
	return maxAbs / 32767
}

func quant(v, scale float32) int16 {
	return int16(math.Round(float64(v / scale)))
}

func buildTable(nc int, rows []tableRow, dense bool) *table {
	if !dense && nc > 256 {
		panic("syntax: a sparse table holds at most 256 classes")
	}
	t := &table{nc: nc, dense: dense, nrows: len(rows), scale: quantScale(rows)}
	size, bits := 16, uint(4)
	for size < len(rows)*2 { // load factor at most 1/2
		size <<= 1
		bits++
	}
	t.shift = 32 - bits
	t.mask = uint32(size - 1)
	// Strides are powers of two so that no slot straddles a cache line.
	t.stride = 8
	if dense {
		t.stride = 1
		for t.stride < 1+(nc+1)/2 {
			t.stride <<= 1
		}
	}
	t.slots = allocWords(size * t.stride)
	for _, r := range rows {
		k := r.key
		if k == 0 {
			k = 1
		}
		i := (k * 0x9E3779B1) >> t.shift
		for t.slots[int(i)*t.stride] != 0 && t.slots[int(i)*t.stride] != k {
			i = (i + 1) & t.mask
		}
		s := t.slots[int(i)*t.stride : int(i)*t.stride+t.stride]
		fresh := s[0] == 0
		s[0] = k
		if dense {
			for j, c := range r.cls {
				setInt16(s[1:], int(c), getInt16(s[1:], int(c))+quant(r.w[j], t.scale))
			}
			continue
		}
		if !fresh {
			continue // key 0 folded onto key 1: keep the first row
		}
		n := min(len(r.cls), 255)
		inline := min(n, sparseInline)
		for j := 0; j < inline; j++ {
			setByte(s[2:4], j, uint8(r.cls[j]))
			setInt16(s[4:7], j, quant(r.w[j], t.scale))
		}
		off := len(t.ocls)
		for j := inline; j < n; j++ {
			t.ocls = append(t.ocls, uint8(r.cls[j]))
			t.ow = append(t.ow, quant(r.w[j], t.scale))
		}
		s[1] = uint32(n) | uint32(off)<<8
	}
	return t
}

func setByte(w []uint32, j int, v uint8) {
	shift := uint(j%4) * 8
	w[j/4] = w[j/4]&^(0xFF<<shift) | uint32(v)<<shift
}

func getByte(w []uint32, j int) uint8 { return uint8(w[j/4] >> (uint(j%4) * 8)) }

func setInt16(w []uint32, j int, v int16) {
	shift := uint(j%2) * 16
	w[j/2] = w[j/2]&^(0xFFFF<<shift) | uint32(uint16(v))<<shift
}

func getInt16(w []uint32, j int) int16 { return int16(uint16(w[j/2] >> (uint(j%2) * 16))) }

// rows returns the table's rows sorted by key, weights dequantised.
func (t *table) rows() []tableRow {
	var out []tableRow
	for i := 0; i < len(t.slots)/t.stride; i++ {
		s := t.slots[i*t.stride : i*t.stride+t.stride]
		if s[0] == 0 {
			continue
		}
		r := tableRow{key: s[0]}
		if t.dense {
			for c := 0; c < t.nc; c++ {
				if v := getInt16(s[1:], c); v != 0 {
					r.cls = append(r.cls, uint16(c))
					r.w = append(r.w, float32(v)*t.scale)
				}
			}
		} else {
			n, off := int(s[1]&0xFF), int(s[1]>>8)
			for j := 0; j < n; j++ {
				var c uint8
				var v int16
				if j < sparseInline {
					c, v = getByte(s[2:4], j), getInt16(s[4:7], j)
				} else {
					c, v = t.ocls[off+j-sparseInline], t.ow[off+j-sparseInline]
				}
				r.cls = append(r.cls, uint16(c))
				r.w = append(r.w, float32(v)*t.scale)
			}
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

// addScores adds the weights of every key to out (len nc).
func (t *table) addScores(keys []uint32, out []float32) {
	var home [128]uint32
	for len(keys) > 0 {
		n := min(len(keys), len(home))
		if t.touch(keys[:n], home[:n]) == 0xFFFFFFFF {
			out[0] += 0 // never in practice; keeps touch's loads
		}
		t.sum(keys[:n], home[:n], out)
		keys = keys[n:]
	}
}

// addScoresBatch does addScores for several independent key sets at once
// (the states of several sentences): home is scratch space.
//
// The tables are far larger than the processor's caches, so look-ups are
// bound by memory latency. Loading the home slots of all the sets' keys
// before probing any lets the memory system serve hundreds of misses in
// parallel instead of a sentence's few at a time.
func (t *table) addScoresBatch(keys [][]uint32, out [][]float32, home []uint32) []uint32 {
	total := 0
	for _, ks := range keys {
		total += len(ks)
	}
	if cap(home) < total {
		home = make([]uint32, total)
	}
	home = home[:total]
	off := 0
	var touched uint32
	for _, ks := range keys {
		touched += t.touch(ks, home[off:off+len(ks)])
		off += len(ks)
	}
	if touched == 0xFFFFFFFF && len(out) > 0 {
		out[0][0] += 0 // never in practice; keeps touch's loads
	}
	off = 0
	for j, ks := range keys {
		t.sum(ks, home[off:off+len(ks)], out[j])
		off += len(ks)
	}
	return home
}

// touch computes the home slot of every key and loads it; the sum of the
// loaded words is returned only so that the loads are not optimised away.
func (t *table) touch(keys, home []uint32) uint32 {
	slots, stride, shift := t.slots, t.stride, t.shift
	var touch uint32
	for j, k := range keys {
		i := ((k | boolToU32(k == 0)) * 0x9E3779B1) >> shift
		home[j] = i
		touch += slots[int(i)*stride]
	}
	return touch
}

// sum probes from the home slots and adds the weights found to out. The
// loops are written out (no calls): they are the pipeline's hottest code.
func (t *table) sum(keys, home []uint32, out []float32) {
	slots, stride, mask := t.slots, t.stride, t.mask
	scale := t.scale
	switch {
	case t.dense && t.nc == numTransitions:
		var acc [numTransitions]int32
		for j, k := range keys {
			k |= boolToU32(k == 0)
			for i := home[j]; ; i = (i + 1) & mask {
				s := slots[int(i)*stride : int(i)*stride+3]
				if s[0] == k {
					acc[0] += int32(int16(s[1]))
					acc[1] += int32(int16(s[1] >> 16))
					acc[2] += int32(int16(s[2]))
					acc[3] += int32(int16(s[2] >> 16))
					break
				}
				if s[0] == 0 {
					break
				}
			}
		}
		for c, v := range acc {
			out[c] += float32(v) * scale
		}
	case t.dense:
		for j, k := range keys {
			k |= boolToU32(k == 0)
			for i := home[j]; ; i = (i + 1) & mask {
				s := slots[int(i)*stride : int(i)*stride+stride]
				if s[0] == k {
					for c := range out {
						out[c] += float32(int16(uint16(s[1+c/2]>>(uint(c%2)*16)))) * scale
					}
					break
				}
				if s[0] == 0 {
					break
				}
			}
		}
	default:
		// Weights are summed as integers and scaled once at the end.
		var accArr [256]int32
		acc := accArr[:len(out)]
		for j, k := range keys {
			k |= boolToU32(k == 0)
			for i := home[j]; ; i = (i + 1) & mask {
				s := slots[int(i)*stride : int(i)*stride+8]
				if s[0] == k {
					cnt, off := int(s[1]&0xFF), int(s[1]>>8)
					inline := min(cnt, sparseInline)
					cls := [6]uint8{uint8(s[2]), uint8(s[2] >> 8), uint8(s[2] >> 16), uint8(s[2] >> 24), uint8(s[3]), uint8(s[3] >> 8)}
					w := [6]int16{int16(s[4]), int16(s[4] >> 16), int16(s[5]), int16(s[5] >> 16), int16(s[6]), int16(s[6] >> 16)}
					for e := 0; e < inline; e++ {
						acc[cls[e]] += int32(w[e])
					}
					if cnt > sparseInline {
						rest := cnt - sparseInline
						ocls, ow := t.ocls[off:off+rest], t.ow[off:off+rest]
						for e, c := range ocls {
							acc[c] += int32(ow[e])
						}
					}
					break
				}
				if s[0] == 0 {
					break
				}
			}
		}
		for c, v := range acc {
			out[c] += float32(v) * scale
		}
	}
}

func boolToU32(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

// write serialises the table: sorted keys as varint gaps, weights
// quantised to 16 bits with one scale for the table.
func (t *table) write(w *bufio.Writer) error {
	rows := t.rows()
	scale := quantScale(rows)
	var buf [binary.MaxVarintLen64]byte
	putU := func(v uint64) { n := binary.PutUvarint(buf[:], v); w.Write(buf[:n]) }
	putU(uint64(t.nc))
	if t.dense {
		putU(1)
	} else {
		putU(0)
	}
	putU(uint64(len(rows)))
	binary.Write(w, binary.LittleEndian, math.Float32bits(scale))
	prev := uint32(0)
	for _, r := range rows {
		putU(uint64(r.key - prev))
		prev = r.key
		putU(uint64(len(r.cls)))
		last := uint16(0)
		for j, c := range r.cls {
			putU(uint64(c - last))
			last = c
			binary.Write(w, binary.LittleEndian, quant(r.w[j], scale))
		}
	}
	return nil
}

func readTable(r *bufio.Reader) (*table, error) {
	getU := func() (uint64, error) { return binary.ReadUvarint(r) }
	var head [3]uint64 // classes, dense, rows
	for i := range head {
		v, err := getU()
		if err != nil {
			return nil, err
		}
		head[i] = v
	}
	nc, denseFlag, n := head[0], head[1], head[2]
	if nc == 0 || nc > 1<<16 || n > 1<<28 {
		return nil, fmt.Errorf("table of %d rows and %d classes", n, nc)
	}
	var sbits uint32
	if err := binary.Read(r, binary.LittleEndian, &sbits); err != nil {
		return nil, err
	}
	scale := math.Float32frombits(sbits)
	rows := make([]tableRow, 0, n)
	prev := uint32(0)
	for i := uint64(0); i < n; i++ {
		gap, err := getU()
		if err != nil {
			return nil, err
		}
		k := prev + uint32(gap)
		prev = k
		cnt, err := getU()
		if err != nil {
			return nil, err
		}
		if cnt > nc {
			return nil, fmt.Errorf("row with %d weights for %d classes", cnt, nc)
		}
		row := tableRow{key: k, cls: make([]uint16, cnt), w: make([]float32, cnt)}
		last := uint16(0)
		for j := range row.cls {
			d, err := getU()
			if err != nil {
				return nil, err
			}
			c := last + uint16(d)
			if uint64(c) >= nc {
				return nil, fmt.Errorf("class %d of %d", c, nc)
			}
			last = c
			var q int16
			if err := binary.Read(r, binary.LittleEndian, &q); err != nil {
				return nil, err
			}
			row.cls[j], row.w[j] = c, float32(q)*scale
		}
		rows = append(rows, row)
	}
	return buildTable(int(nc), rows, denseFlag == 1), nil
}

// readAll is io.ReadFull for a length-prefixed string.
func writeString(w *bufio.Writer, s string) {
	var buf [binary.MaxVarintLen64]byte
	n := binary.PutUvarint(buf[:], uint64(len(s)))
	w.Write(buf[:n])
	w.WriteString(s)
}

func readString(r *bufio.Reader) (string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return "", err
	}
	if n > 1<<20 {
		return "", fmt.Errorf("string of %d bytes", n)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", err
	}
	return string(b), nil
}

// compileBagged compiles the mean of the averaged weights of several
// perceptrons trained on different shuffles of the same data.
func compileBagged(ps []*perceptron, minAbs float32, dense bool) *table {
	if len(ps) == 1 {
		return ps[0].compile(minAbs, dense)
	}
	sum := newPerceptron(ps[0].nc)
	sum.c = 1
	nc := ps[0].nc
	for _, p := range ps {
		avg := p.averaged()
		keys := make([]uint32, 0, len(p.index))
		for k := range p.index {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		for _, k := range keys {
			r := int(p.index[k])
			dst, ok := sum.index[k]
			if !ok {
				dst = int32(len(sum.index))
				sum.index[k] = dst
				sum.w = append(sum.w, make([]float32, nc)...)
				sum.u = append(sum.u, make([]float64, nc)...)
			}
			for c := 0; c < nc; c++ {
				sum.w[int(dst)*nc+c] += avg[r*nc+c] / float32(len(ps))
			}
		}
	}
	return sum.compile(minAbs, dense)
}

func newBufWriter(w io.Writer) *bufio.Writer { return bufio.NewWriter(w) }
func newBufReader(r io.Reader) *bufio.Reader { return bufio.NewReader(r) }
