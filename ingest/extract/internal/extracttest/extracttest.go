// Package extracttest holds what the extraction stages' tests share: fake
// taggers that label exactly the phrases a test lists, so that each rule is
// tested on the tags it must handle whatever the entity model; articles
// built from a few sentences; the whole extractor run on them; and look-ups
// in its facts.
package extracttest

import (
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract"
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

// EventTags tags the names the event tests use, so that each rule is
// tested on exactly the mentions it must handle, whatever the entity model.
var EventTags = PhraseTagger{
	"Mike Pompeo": "PER", "Pompeo": "PER", "Kim Jong Un": "PER", "Kim": "PER", "Donald Trump": "PER",
	"Trump": "PER", "Shinzo Abe": "PER", "Abe": "PER", "Melania Trump": "PER", "Akie Abe": "PER",
	"James Clapper": "PER", "Angela Merkel": "PER", "Emmanuel Macron": "PER", "Xi Jinping": "PER",
	"North Korea": "LOC", "South Korea": "LOC", "Japan": "LOC", "Pyongyang": "LOC", "Tokyo": "LOC",
	"Florida": "LOC", "Mar-a-Lago": "ORG", "China": "LOC", "Singapore": "LOC", "Berlin": "LOC",
	"Tony Blair": "PER", "Silvio Berlusconi": "PER", "Gerhard Schroeder": "PER", "Gordon Brown": "PER",
	"Iran": "LOC", "Russia": "LOC", "Geneva": "LOC", "Security Council": "ORG", "Italian": "MISC", "German": "MISC", "Japanese": "MISC",
}

// Dated parses an article dated Wednesday 18 April 2018 whose body is body.
func Dated(t testing.TB, body string) *ingest.Document {
	t.Helper()
	return Article(t, "18/04/2018 12:30 BST\n\nA Headline For The Test", body)
}

// ExtractBody runs the whole extractor, with EventTags for the entity
// model, on an article dated Wednesday 18 April 2018 whose body is body.
func ExtractBody(t testing.TB, body string) *ingest.Facts {
	t.Helper()
	_, f := ExtractBodyDoc(t, body)
	return f
}

// ExtractBodyDoc is ExtractBody that also returns the parsed article.
func ExtractBodyDoc(t testing.TB, body string) (*ingest.Document, *ingest.Facts) {
	t.Helper()
	doc := Dated(t, body)
	ex, err := extract.New(extract.Options{Tagger: EventTags})
	if err != nil {
		t.Fatal(err)
	}
	f, err := ex.Extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, f
}

// ParticipantSet is a meeting's participants, sorted, joined by "+".
func ParticipantSet(m ingest.Meeting) string {
	p := append([]string(nil), m.Participants...)
	sort.Strings(p)
	return strings.Join(p, "+")
}

// MeetingOf returns the meeting with exactly these participants, or nil.
func MeetingOf(f *ingest.Facts, names ...string) *ingest.Meeting {
	sort.Strings(names)
	want := strings.Join(names, "+")
	for i := range f.Meetings {
		if ParticipantSet(f.Meetings[i]) == want {
			return &f.Meetings[i]
		}
	}
	return nil
}

// MeetingsSummary lists the meetings as participants/status/kind.
func MeetingsSummary(f *ingest.Facts) []string {
	var out []string
	for _, m := range f.Meetings {
		out = append(out, ParticipantSet(m)+"/"+m.Status+"/"+m.Kind)
	}
	return out
}

// DirectWith returns the direct statement whose text holds fragment, or nil.
func DirectWith(f *ingest.Facts, fragment string) *ingest.Statement {
	for i := range f.Statements {
		if f.Statements[i].Kind == ingest.StatementDirect && strings.Contains(f.Statements[i].Text, fragment) {
			return &f.Statements[i]
		}
	}
	return nil
}

// SpeakerOf is the statement's speaker, "" when it has none.
func SpeakerOf(s *ingest.Statement) string {
	if s == nil || s.Speaker == nil {
		return ""
	}
	return *s.Speaker
}

// ActorNamed returns the actor of that name, or nil.
func ActorNamed(f *ingest.Facts, name string) *ingest.Actor {
	for i := range f.Actors {
		if f.Actors[i].Name == name {
			return &f.Actors[i]
		}
	}
	return nil
}

// ActorNames lists the names of the actors of type typ, sorted.
func ActorNames(f *ingest.Facts, typ ingest.ActorType) []string {
	var out []string
	for _, a := range f.Actors {
		if a.Type == typ {
			out = append(out, a.Name)
		}
	}
	sort.Strings(out)
	return out
}
