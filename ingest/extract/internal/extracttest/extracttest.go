// Package extracttest holds what the extraction stages' tests share: fake
// taggers that label exactly the phrases a test lists, so that each rule is
// tested on the tags it must handle whatever the entity model, and
// articles built from a few sentences.
package extracttest

import (
	"sort"
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// PhraseTagger labels the longest listed phrase at each token ("Mike
// Pompeo" -> B-PER I-PER).
type PhraseTagger map[string]string

// TagDocument implements document.Tagger.
func (p PhraseTagger) TagDocument(sentences [][]string) [][]string {
	type phrase struct {
		words []string
		typ   string
	}
	var phrases []phrase
	for s, typ := range p {
		var ws []string
		for _, t := range text.Tokenize(s) {
			ws = append(ws, t.Text)
		}
		phrases = append(phrases, phrase{ws, typ})
	}
	sort.Slice(phrases, func(i, j int) bool { return len(phrases[i].words) > len(phrases[j].words) })
	out := make([][]string, len(sentences))
	for si, words := range sentences {
		labels := make([]string, len(words))
		for i := range labels {
			labels[i] = "O"
		}
		for i := 0; i < len(words); {
			matched := 0
			for _, ph := range phrases {
				if i+len(ph.words) <= len(words) && equalWords(words[i:i+len(ph.words)], ph.words) {
					labels[i] = "B-" + ph.typ
					for k := 1; k < len(ph.words); k++ {
						labels[i+k] = "I-" + ph.typ
					}
					matched = len(ph.words)
					break
				}
			}
			if matched == 0 {
				matched = 1
			}
			i += matched
		}
		out[si] = labels
	}
	return out
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// SentenceTagger tags sentence i with its own phrases.
type SentenceTagger []PhraseTagger

// TagDocument implements document.Tagger.
func (st SentenceTagger) TagDocument(sentences [][]string) [][]string {
	out := make([][]string, len(sentences))
	for i, s := range sentences {
		tags := PhraseTagger{}
		if i < len(st) {
			tags = st[i]
		}
		out[i] = tags.TagDocument([][]string{s})[0]
	}
	return out
}

// Article parses an article whose title is title and whose body is body.
func Article(t testing.TB, title, body string) *ingest.Document {
	t.Helper()
	doc, err := ingest.Parse(ingest.Article{Source: "test:" + t.Name(), Text: []byte(title + "\n\n" + body + "\n")})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
