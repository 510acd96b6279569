package statements_test

import (
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
	extract "github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/extract/internal/extracttest"
)

// speakerTags tags the names of the speaker tests, whatever the entity
// model; the parse is the embedded model's.
var speakerTags = extracttest.PhraseTagger{
	"Tony Blair": "PER", "Blair": "PER", "Gordon Brown": "PER", "Brown": "PER",
	"Hillary Clinton": "PER", "Clinton": "PER", "Tim Kaine": "PER", "Kaine": "PER",
	"Angela Merkel": "PER", "Merkel": "PER", "Emmanuel Macron": "PER", "Macron": "PER",
	"Donald Trump": "PER", "Trump": "PER", "Shinzo Abe": "PER", "Abe": "PER",
	"Berlin": "LOC", "Paris": "LOC", "London": "LOC",
}

func extractSpeakers(t *testing.T, body string) *ingest.Facts {
	t.Helper()
	ex, err := extract.New(extract.Options{Tagger: speakerTags})
	if err != nil {
		t.Fatal(err)
	}
	f, err := ex.Extract(extracttest.Dated(t, body))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestParsedSpeakers: the speaker is the subject of the speech verb that
// governs the quote, wherever it stands, and a pronoun is the person its
// gender and the paragraph's last speaker say.
func TestParsedSpeakers(t *testing.T) {
	tests := []struct {
		name, body, quote, speaker, cue string
	}{
		{"inversion said Mr Blair",
			"Tony Blair arrived in London on Monday.\n\n“We will meet again soon,” said Mr Blair.",
			"meet again soon", "Tony Blair", "said"},
		{"inversion with an apposition",
			"“The door is open,” said Gordon Brown, the chancellor, on Tuesday.",
			"door is open", "Gordon Brown", "said"},
		{"according to a name",
			"The talks were “a real success for both sides”, according to Angela Merkel.",
			"real success", "Angela Merkel", "according"},
		{"subject of a verb whose complement holds the quote",
			"Donald Trump, who met Shinzo Abe in Paris, said the talks had been “very productive for both of us”.",
			"very productive", "Donald Trump", "said"},
		{"subject across a parataxis",
			"“We are ready to talk to anyone,” Emmanuel Macron, standing beside Angela Merkel in Berlin, told reporters.",
			"ready to talk", "Emmanuel Macron", "told"},
		{"subject of a participle",
			"Hillary Clinton ended the rally in Paris, saying: “We will never give up on this fight.”",
			"never give up", "Hillary Clinton", "saying"},
		{"he added: the paragraph's last speaker",
			"“We are ready,” Donald Trump said. Emmanuel Macron stood beside him at the lectern. “We will not wait any longer,” he added.",
			"not wait any longer", "Donald Trump", "added"},
		{"she by first name",
			"Tony Blair met Angela Merkel in Berlin.\n\n“It was a very good meeting for Europe,” she said.",
			"good meeting", "Angela Merkel", "said"},
		{"he by first name",
			"Hillary Clinton campaigned with Tim Kaine in Paris.\n\n“We will carry this state in November,” he said.",
			"carry this state", "Tim Kaine", "said"},
		{"she by honorific",
			"Mr Blair met Mrs Clinton in London.\n\n“The meeting went very well for both of us,” she said.",
			"went very well", "Clinton", "said"},
		{"he by honorific",
			"Mrs Clinton met Mr Blair in London.\n\n“The meeting went very well for both of us,” he said.",
			"went very well", "Blair", "said"},
		{"she after a clause of his",
			"Angela Merkel said she had spoken to Donald Trump, who said he was ready. She added: “We have a lot of work ahead of us.”",
			"a lot of work", "Angela Merkel", "added"},
		{"byline after a quote",
			"“We will build a wall around the whole city.” ― Tony Blair",
			"build a wall", "Tony Blair", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := extractSpeakers(t, tc.body)
			st := extracttest.DirectWith(f, tc.quote)
			if st == nil {
				t.Fatalf("no direct quote with %q; statements %+v", tc.quote, f.Statements)
			}
			if got := extracttest.SpeakerOf(st); got != tc.speaker {
				span := ""
				if st.SpeakerSpan != nil {
					span = st.SpeakerSpan.Text
				}
				t.Errorf("speaker = %q (words %q), want %q", got, span, tc.speaker)
			}
			if st.Cue != tc.cue {
				t.Errorf("cue = %q, want %q", st.Cue, tc.cue)
			}
		})
	}
}

// TestUnnamedSpeakerWords: a speaker no actor stands for is kept as the
// words that name it, and a subject that names no speaker is none.
func TestUnnamedSpeakerWords(t *testing.T) {
	tests := []struct{ name, body, quote, words string }{
		{"role noun", "“We are not going to comment on the talks,” a senior official said.", "not going to comment", "a senior official"},
		{"inverted role noun", "“We are not going to comment on the talks,” said the spokesman.", "not going to comment", "the spokesman"},
		{"no speaker", "The crowd outside chanted “lock them all up” for an hour.", "lock them all up", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := extracttest.DirectWith(extractSpeakers(t, tc.body), tc.quote)
			if st == nil {
				t.Fatalf("no direct quote with %q", tc.quote)
			}
			got := ""
			if st.SpeakerSpan != nil {
				got = st.SpeakerSpan.Text
			}
			if got != tc.words {
				t.Errorf("speaker words = %q, want %q", got, tc.words)
			}
		})
	}
}
