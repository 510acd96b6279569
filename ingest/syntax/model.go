package syntax

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
)

// ErrBadModel is returned (wrapped) when a model file cannot be decoded.
var ErrBadModel = errors.New("syntax: bad model file")

//go:embed model/syntax.bin.gz
var embeddedModel []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the model embedded in the binary, decoded once.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Load(bytes.NewReader(embeddedModel))
		if defaultErr != nil {
			defaultErr = fmt.Errorf("syntax: embedded model: %w", defaultErr)
		}
	})
	return defaultModel, defaultErr
}

// Model tags, lemmatizes and parses sentences. It is safe for concurrent
// use after loading.
type Model struct {
	tagger *tagger
	lemmas *lemmatizer
	parser *parser
}

// Analyze returns the analysis of each word of a tokenised sentence.
func (m *Model) Analyze(forms []string) []Word {
	return m.AnalyzeBatch([][]string{forms})[0]
}

// AnalyzeBatch analyses several tokenised sentences (an article's); it
// gives the same result as Analyze on each and is several times faster,
// because the model's look-ups for all the sentences overlap in memory.
func (m *Model) AnalyzeBatch(sents [][]string) [][]Word {
	toks := make([][]token, len(sents))
	for i, forms := range sents {
		toks[i] = m.tokens(forms)
	}
	tags, second := m.tagger.tagBatch(toks)
	ts := m.tagger.tags
	ptoks := make([][]ptok, len(sents))
	for i := range sents {
		ptoks[i] = parserTokens(toks[i], tags[i], second[i], ts)
	}
	heads, labels := m.parser.parseBatch(ptoks)
	out := make([][]Word, len(sents))
	for i, forms := range sents {
		if len(forms) == 0 {
			continue
		}
		ws := make([]Word, len(forms))
		for k := range forms {
			x := ts.xpos[tags[i][k]]
			ws[k] = Word{
				UPOS:  ts.upos[tags[i][k]],
				XPOS:  x,
				Lemma: m.lemmas.lemma(forms[k], x),
				Head:  int(heads[i][k+1]) - 1,
				Rel:   m.parser.labels[labels[i][k+1]],
			}
		}
		out[i] = ws
	}
	return out
}

// Tag returns the words with tags and lemmas only (Head -1, no relation).
func (m *Model) Tag(forms []string) []Word {
	toks := m.tokens(forms)
	tags := m.tagger.tag(toks)
	out := make([]Word, len(forms))
	ts := m.tagger.tags
	for i := range forms {
		out[i] = Word{UPOS: ts.upos[tags[i]], XPOS: ts.xpos[tags[i]], Lemma: m.lemmas.lemma(forms[i], ts.xpos[tags[i]]), Head: -1}
	}
	return out
}

func (m *Model) tokens(forms []string) []token { return m.tagger.prepare(forms) }

// Labels returns the dependency relations the parser knows.
func (m *Model) Labels() []string { return append([]string(nil), m.parser.labels...) }

// The model file: "NGSYN1", then gzip of the lexicon, the tagset, the
// ambiguity classes and sure tags, the lemmatizer, the relations and the
// three linear tables.
const modelMagic = "NGSYN1"

// Save writes the model; the same model always gives the same bytes.
func (m *Model) Save(w io.Writer) error {
	if _, err := io.WriteString(w, modelMagic); err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	m.tagger.lex.write(bw)
	putUvarint(bw, uint64(len(m.tagger.tags.names)))
	for _, n := range m.tagger.tags.names {
		writeString(bw, n)
	}
	ambKeys := make([]string, 0, len(m.tagger.amb))
	for k := range m.tagger.amb {
		ambKeys = append(ambKeys, k)
	}
	sort.Strings(ambKeys)
	putUvarint(bw, uint64(len(ambKeys)))
	for _, k := range ambKeys {
		writeString(bw, k)
		binary.Write(bw, binary.LittleEndian, m.tagger.amb[k])
	}
	sureKeys := make([]string, 0, len(m.tagger.sure))
	for k := range m.tagger.sure {
		sureKeys = append(sureKeys, k)
	}
	sort.Strings(sureKeys)
	putUvarint(bw, uint64(len(sureKeys)))
	for _, k := range sureKeys {
		writeString(bw, k)
		bw.WriteByte(m.tagger.sure[k])
	}
	m.lemmas.write(bw)
	putUvarint(bw, uint64(len(m.parser.labels)))
	for _, l := range m.parser.labels {
		writeString(bw, l)
	}
	for _, t := range []*table{m.tagger.tbl, m.parser.trans, m.parser.rel} {
		if err := t.write(bw); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != modelMagic {
		return nil, fmt.Errorf("%w: not a syntax model", ErrBadModel)
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	m, err := readModel(bufio.NewReader(zr))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	return m, nil
}

func readModel(br *bufio.Reader) (*Model, error) {
	lex, err := readLexicon(br)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	names, err := readStrings(br)
	if err != nil {
		return nil, fmt.Errorf("tags: %w", err)
	}
	if len(names) == 0 || len(names) >= noTag {
		return nil, fmt.Errorf("%d tags", len(names))
	}
	tg := &tagger{lex: lex, tags: newTagset(names), amb: map[string]uint64{}}
	n, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, err
	}
	for i := uint64(0); i < n; i++ {
		k, err := readString(br)
		if err != nil {
			return nil, err
		}
		var v uint64
		if err := binary.Read(br, binary.LittleEndian, &v); err != nil {
			return nil, err
		}
		tg.amb[k] = v
	}
	if n, err = binary.ReadUvarint(br); err != nil {
		return nil, err
	}
	tg.sure = make(map[string]uint8, n)
	for i := uint64(0); i < n; i++ {
		k, err := readString(br)
		if err != nil {
			return nil, err
		}
		t, err := br.ReadByte()
		if err != nil {
			return nil, err
		}
		if int(t) >= len(names) {
			return nil, fmt.Errorf("sure tag %d of %d", t, len(names))
		}
		tg.sure[k] = t
	}
	lm, err := readLemmatizer(br)
	if err != nil {
		return nil, fmt.Errorf("lemmatizer: %w", err)
	}
	labels, err := readStrings(br)
	if err != nil {
		return nil, fmt.Errorf("relations: %w", err)
	}
	ps := &parser{labels: labels, rootLabel: -1}
	for i, l := range labels {
		if l == "root" {
			ps.rootLabel = int16(i)
		}
	}
	if ps.rootLabel < 0 {
		return nil, errors.New("no root relation")
	}
	tables := make([]*table, 3)
	for i := range tables {
		if tables[i], err = readTable(br); err != nil {
			return nil, fmt.Errorf("table %d: %w", i, err)
		}
	}
	tg.tbl, ps.trans, ps.rel = tables[0], tables[1], tables[2]
	if tg.tbl.nc != len(names) || ps.trans.nc != numTransitions || ps.rel.nc != len(labels) {
		return nil, errors.New("table sizes do not match the tag and relation sets")
	}
	lm.words = lex
	return &Model{tagger: tg, lemmas: lm, parser: ps}, nil
}

func putUvarint(w *bufio.Writer, v uint64) {
	var buf [binary.MaxVarintLen64]byte
	n := binary.PutUvarint(buf[:], v)
	w.Write(buf[:n])
}

func readStrings(r *bufio.Reader) ([]string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n > 1<<24 {
		return nil, fmt.Errorf("%d strings", n)
	}
	out := make([]string, n)
	for i := range out {
		if out[i], err = readString(r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (lm *lemmatizer) write(w *bufio.Writer) {
	for _, m := range []map[string]editScript{lm.known, lm.suffixes} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		putUvarint(w, uint64(len(keys)))
		for _, k := range keys {
			e := m[k]
			writeString(w, k)
			flag := uint64(0)
			if e.lower {
				flag = 1
			}
			putUvarint(w, uint64(e.strip+1)<<1|flag)
			writeString(w, e.add)
		}
	}
}

func readLemmatizer(r *bufio.Reader) (*lemmatizer, error) {
	lm := &lemmatizer{maxSuf: lemmaMaxSuffix}
	for i := 0; i < 2; i++ {
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		if n > 1<<24 {
			return nil, fmt.Errorf("%d entries", n)
		}
		m := make(map[string]editScript, n)
		for j := uint64(0); j < n; j++ {
			k, err := readString(r)
			if err != nil {
				return nil, err
			}
			v, err := binary.ReadUvarint(r)
			if err != nil {
				return nil, err
			}
			add, err := readString(r)
			if err != nil {
				return nil, err
			}
			m[k] = editScript{lower: v&1 == 1, strip: int(v>>1) - 1, add: add}
		}
		if i == 0 {
			lm.known = m
		} else {
			lm.suffixes = m
		}
	}
	return lm, nil
}
