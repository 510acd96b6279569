package syntax

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// ErrBadCoNLLU is returned (wrapped, with the line) for a malformed CoNLL-U file.
var ErrBadCoNLLU = errors.New("syntax: malformed CoNLL-U")

// Sentence is one annotated sentence of a CoNLL-U file: its syntactic words
// (multiword-token ranges and empty nodes are left out, as UD's evaluation
// does with gold tokenisation).
type Sentence struct {
	ID    string // sent_id
	DocID string // newdoc id in effect, "" when the file has none
	Text  string
	Forms []string
	Words []Word
}

// ReadCoNLLUFile reads every sentence of a CoNLL-U file.
func ReadCoNLLUFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sents, err := ReadCoNLLU(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return sents, nil
}

// ReadCoNLLU reads CoNLL-U sentences from r.
func ReadCoNLLU(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var (
		out   []Sentence
		cur   Sentence
		doc   string
		line  int
		heads []int // raw 1-based heads of cur, checked when the sentence ends
	)
	flush := func() error {
		if len(cur.Words) == 0 {
			cur = Sentence{}
			return nil
		}
		for i, h := range heads {
			if h < 0 || h > len(cur.Words) {
				return fmt.Errorf("%w: line %d: sentence %q: head %d of word %d is outside the sentence", ErrBadCoNLLU, line, cur.ID, h, i+1)
			}
			cur.Words[i].Head = h - 1
		}
		cur.DocID = doc
		out = append(out, cur)
		cur, heads = Sentence{}, heads[:0]
		return nil
	}
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case l == "":
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		case strings.HasPrefix(l, "#"):
			if v, ok := commentValue(l, "newdoc id"); ok {
				doc = v
			} else if v, ok := commentValue(l, "sent_id"); ok {
				cur.ID = v
			} else if v, ok := commentValue(l, "text"); ok {
				cur.Text = v
			}
			continue
		}
		cols := strings.Split(l, "\t")
		if len(cols) != 10 {
			return nil, fmt.Errorf("%w: line %d: %d columns, want 10", ErrBadCoNLLU, line, len(cols))
		}
		if strings.ContainsAny(cols[0], "-.") {
			continue // multiword token range or empty node
		}
		id, err := strconv.Atoi(cols[0])
		if err != nil || id != len(cur.Words)+1 {
			return nil, fmt.Errorf("%w: line %d: word id %q, want %d", ErrBadCoNLLU, line, cols[0], len(cur.Words)+1)
		}
		head, err := strconv.Atoi(cols[6])
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: head %q is not a number", ErrBadCoNLLU, line, cols[6])
		}
		cur.Forms = append(cur.Forms, cols[1])
		cur.Words = append(cur.Words, Word{UPOS: cols[3], XPOS: cols[4], Lemma: cols[2], Rel: cols[7]})
		heads = append(heads, head)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

func commentValue(line, key string) (string, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimPrefix(line, "#")), key)
	if !ok {
		return "", false
	}
	rest = strings.TrimSpace(rest)
	v, ok := strings.CutPrefix(rest, "=")
	return strings.TrimSpace(v), ok
}

// WriteCoNLLU writes sentences in CoNLL-U (FEATS, DEPS and MISC empty).
func WriteCoNLLU(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range sents {
		if s.ID != "" {
			fmt.Fprintf(bw, "# sent_id = %s\n", s.ID)
		}
		if s.Text != "" {
			fmt.Fprintf(bw, "# text = %s\n", s.Text)
		}
		for i, wd := range s.Words {
			fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t_\t%d\t%s\t_\t_\n", i+1, s.Forms[i], orUnderscore(wd.Lemma), orUnderscore(wd.UPOS), orUnderscore(wd.XPOS), wd.Head+1, orUnderscore(wd.Rel))
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

func orUnderscore(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
