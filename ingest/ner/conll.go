package ner

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// ErrMalformedCoNLL is returned (wrapped, with file and line) when a CoNLL
// file contains a line that cannot be parsed.
var ErrMalformedCoNLL = errors.New("malformed CoNLL input")

// Sentence is one sentence of a CoNLL document: its tokens and the gold
// labels converted to BIO.
type Sentence struct {
	Tokens []string
	Labels []string // BIO labels, same length as Tokens
}

// Document is a sequence of sentences delimited by -DOCSTART- lines.
type Document struct {
	Sentences []Sentence
}

// TokenSentences returns the tokens of each sentence of the document.
func (d Document) TokenSentences() [][]string {
	out := make([][]string, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = s.Tokens
	}
	return out
}

// LabelSentences returns the gold BIO labels of each sentence.
func (d Document) LabelSentences() [][]string {
	out := make([][]string, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = s.Labels
	}
	return out
}

// ReadCoNLLFile reads a CoNLL-2003 file (word POS chunk NER per line, IOB1
// tags) from path. Errors name the file and line.
func ReadCoNLLFile(path string) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ner: open CoNLL file: %w", err)
	}
	defer f.Close()
	return ReadCoNLL(f, path)
}

// ReadCoNLL reads CoNLL-2003 formatted data. The NER tag is taken from the
// last column; IOB1 tags are converted to BIO. name is used in error
// messages. Lines are "word ... TAG"; blank lines end sentences;
// "-DOCSTART-" lines start a new document. Text before the first
// -DOCSTART- forms a document of its own.
func ReadCoNLL(r io.Reader, name string) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var docs []Document
	var cur Document
	var toks, tags []string
	lineNo := 0
	flushSentence := func() {
		if len(toks) > 0 {
			cur.Sentences = append(cur.Sentences, Sentence{Tokens: toks, Labels: IOB1ToBIO(tags)})
			toks, tags = nil, nil
		}
	}
	flushDoc := func() {
		flushSentence()
		if len(cur.Sentences) > 0 {
			docs = append(docs, cur)
		}
		cur = Document{}
	}
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			flushSentence()
			continue
		}
		fields := strings.Fields(line)
		if fields[0] == "-DOCSTART-" {
			flushDoc()
			continue
		}
		if len(fields) < 2 {
			return nil, fmt.Errorf("%s:%d: %w: want at least 2 columns (word ... tag), got %q", name, lineNo, ErrMalformedCoNLL, line)
		}
		tag := fields[len(fields)-1]
		if !validTag(tag) {
			return nil, fmt.Errorf("%s:%d: %w: bad NER tag %q", name, lineNo, ErrMalformedCoNLL, tag)
		}
		toks = append(toks, fields[0])
		tags = append(tags, tag)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: read: %w", name, lineNo, err)
	}
	flushDoc()
	return docs, nil
}

func validTag(t string) bool {
	if t == "O" {
		return true
	}
	if len(t) < 3 || (t[0] != 'B' && t[0] != 'I') || t[1] != '-' {
		return false
	}
	switch t[2:] {
	case "PER", "ORG", "LOC", "MISC":
		return true
	}
	return false
}

// IOB1ToBIO converts IOB1 tags (I-X everywhere except B-X between two
// adjacent entities of the same type) to BIO (B-X at the start of every
// entity). Already-BIO input is returned unchanged.
func IOB1ToBIO(tags []string) []string {
	out := make([]string, len(tags))
	prevType := ""
	for i, t := range tags {
		if t == "O" || len(t) < 3 {
			out[i] = "O"
			prevType = ""
			continue
		}
		typ := t[2:]
		if t[0] == 'B' || typ != prevType {
			out[i] = "B-" + typ
		} else {
			out[i] = "I-" + typ
		}
		prevType = typ
	}
	return out
}
