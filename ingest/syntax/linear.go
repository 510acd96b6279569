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
// feature keys to weights. Dense tables keep a full row of weights in the
// slot (one memory access per feature, for few classes); sparse tables keep
// the non-zero weights in a side array.
type table struct {
	nc    int
	dense bool
	shift uint
	mask  uint32
	// slots: dense: [key, w0..w(nc-1)] as float32 bits, stride nc+1;
	// sparse: [key, offset, count], stride 3. A zero key marks an empty
	// slot; a real key 0 is stored as key 1 (they share weights).
	slots  []uint32
	stride int
	cls    []uint16
	w      []float32
	nrows  int
	stored []tableRow // sorted rows, kept for writing the table back
}

func buildTable(nc int, rows []tableRow, dense bool) *table {
	t := &table{nc: nc, dense: dense, nrows: len(rows), stored: rows}
	size, bits := 16, uint(4)
	for size < len(rows)*2 {
		size <<= 1
		bits++
	}
	t.shift = 32 - bits
	t.mask = uint32(size - 1)
	if dense {
		t.stride = nc + 1
	} else {
		t.stride = 3
	}
	t.slots = make([]uint32, size*t.stride)
	for _, r := range rows {
		k := r.key
		if k == 0 {
			k = 1
		}
		i := (k * 0x9E3779B1) >> t.shift
		for t.slots[int(i)*t.stride] != 0 {
			if t.slots[int(i)*t.stride] == k {
				break // key 0 folded onto key 1
			}
			i = (i + 1) & t.mask
		}
		s := t.slots[int(i)*t.stride : int(i)*t.stride+t.stride]
		s[0] = k
		if dense {
			for j, c := range r.cls {
				s[1+int(c)] = math.Float32bits(math.Float32frombits(s[1+int(c)]) + r.w[j])
			}
			continue
		}
		s[1] = uint32(len(t.cls))
		s[2] = uint32(len(r.cls))
		t.cls = append(t.cls, r.cls...)
		t.w = append(t.w, r.w...)
	}
	return t
}

// addScores adds the weights of every key to out (len nc).
func (t *table) addScores(keys []uint32, out []float32) {
	stride := t.stride
	for _, k := range keys {
		if k == 0 {
			k = 1
		}
		i := (k * 0x9E3779B1) >> t.shift
		for {
			s := t.slots[int(i)*stride : int(i)*stride+stride]
			if s[0] == k {
				if t.dense {
					for c := range out {
						out[c] += math.Float32frombits(s[1+c])
					}
				} else {
					off, n := int(s[1]), int(s[2])
					cls, w := t.cls[off:off+n], t.w[off:off+n]
					for j, c := range cls {
						out[c] += w[j]
					}
				}
				break
			}
			if s[0] == 0 {
				break
			}
			i = (i + 1) & t.mask
		}
	}
}

// write serialises the table: sorted keys as varint gaps, weights quantised
// to 16 bits with one scale for the table.
func (t *table) write(w *bufio.Writer) error {
	var maxAbs float32
	for _, r := range t.stored {
		for _, v := range r.w {
			if v > maxAbs {
				maxAbs = v
			} else if -v > maxAbs {
				maxAbs = -v
			}
		}
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	var buf [binary.MaxVarintLen64]byte
	putU := func(v uint64) { n := binary.PutUvarint(buf[:], v); w.Write(buf[:n]) }
	putU(uint64(t.nc))
	if t.dense {
		putU(1)
	} else {
		putU(0)
	}
	putU(uint64(len(t.stored)))
	binary.Write(w, binary.LittleEndian, math.Float32bits(scale))
	prev := uint32(0)
	for _, r := range t.stored {
		putU(uint64(r.key - prev))
		prev = r.key
		putU(uint64(len(r.cls)))
		last := uint16(0)
		for j, c := range r.cls {
			putU(uint64(c - last))
			last = c
			q := int16(math.Round(float64(r.w[j] / scale)))
			binary.Write(w, binary.LittleEndian, q)
		}
	}
	return nil
}

func readTable(r *bufio.Reader) (*table, error) {
	getU := func() (uint64, error) { return binary.ReadUvarint(r) }
	nc, err := getU()
	if err != nil {
		return nil, err
	}
	denseFlag, err := getU()
	if err != nil {
		return nil, err
	}
	n, err := getU()
	if err != nil {
		return nil, err
	}
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
