package statements_test

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/internal/extracttest"
)

func TestSpeakerPatterns(t *testing.T) {
	tests := []struct {
		name, body, quote, speaker, cue, addressee string
	}{
		{"X said after", "“We will meet again soon,” Mike Pompeo said.", "meet again soon", "Mike Pompeo", "said", ""},
		{"said X", "“We will meet again soon,” said Mike Pompeo.", "meet again soon", "Mike Pompeo", "said", ""},
		{"X told Y colon", "Shinzo Abe told Donald Trump: “We stand with you on this.”", "stand with you", "Shinzo Abe", "told", "Donald Trump"},
		{"X told Y after", "“We stand with you on this,” Shinzo Abe told Donald Trump.", "stand with you", "Shinzo Abe", "told", "Donald Trump"},
		{"replied", "Asked about the venue, Donald Trump replied: “No.”", "No.", "Donald Trump", "replied", ""},
		{"according to", "“The talks went very well,” according to Mike Pompeo.", "talks went very well", "Mike Pompeo", "according", ""},
		{"wrote on Twitter", "Donald Trump on Wednesday wrote on Twitter that the meeting “went smoothly and a good relationship was formed”.", "went smoothly", "Donald Trump", "wrote", ""},
		{"saying colon", "Donald Trump later made it clear that he had not gone, saying: “Let’s leave it a little bit short of the highest level.”", "leave it a little", "Donald Trump", "saying", ""},
		{"pronoun he said", "Donald Trump stressed that the allies were united.\n\n“We are very unified on the subject,” he said.", "very unified", "Donald Trump", "said", ""},
		{"pronoun she by gender", "Donald Trump thanked first lady Melania Trump.\n\n“It was a wonderful evening for all of us,” she said.", "wonderful evening", "Melania Trump", "said", ""},
		{"interrupted", "“We are ready,” Mike Pompeo said, “and we will not wait any longer.”", "not wait any longer", "Mike Pompeo", "said", ""},
		{"straight quotes", "\"The door is open for talks,\" Shinzo Abe said.", "door is open", "Shinzo Abe", "said", ""},
		{"single quotes", "Mike Pompeo said the talks were 'very productive and useful for both'.", "very productive", "Mike Pompeo", "said", ""},
		{"embedded partial quote", "Donald Trump said the talks were at “extremely high levels” with North Korea.", "extremely high levels", "Donald Trump", "said", ""},
		{"a quote that goes on after an attribution with an aside", "\"We must act now for the families,\" said Sen. Angela Merkel (D-Minn.), who sponsored the act. \"This constant threat is unjust for all of us.\"", "constant threat is unjust", "Angela Merkel", "", ""},
		{"a quote after a sentence of reported speech", "The administration may wait until the vote, Mike Pompeo said. “The other factor is the Senate and what it will do.”", "other factor", "Mike Pompeo", "said", ""},
		{"a quote that goes on after its attribution", "“The talks went well,” Mike Pompeo said at a briefing on Monday before the vote in the Senate. “We will see what happens next.”", "what happens next", "Mike Pompeo", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := extracttest.ExtractBody(t, tc.body)
			st := extracttest.DirectWith(f, tc.quote)
			if st == nil {
				t.Fatalf("no direct quote with %q in %q; statements %+v", tc.quote, tc.body, f.Statements)
			}
			if got := extracttest.SpeakerOf(st); got != tc.speaker {
				t.Errorf("speaker = %q, want %q", got, tc.speaker)
			}
			if st.Cue != tc.cue {
				t.Errorf("cue = %q, want %q", st.Cue, tc.cue)
			}
			got := ""
			if st.Addressee != nil {
				got = *st.Addressee
			}
			if got != tc.addressee {
				t.Errorf("addressee = %q, want %q", got, tc.addressee)
			}
			if st.SpeakerSpan == nil {
				t.Errorf("no speaker span")
			}
		})
	}
}

func TestQuoteShapes(t *testing.T) {
	// An interrupted quote is one statement in two parts.
	f := extracttest.ExtractBody(t, "“We are ready,” Mike Pompeo said, “and we will not wait any longer.”")
	st := extracttest.DirectWith(f, "We are ready")
	if st == nil || len(st.Parts) != 2 || !strings.Contains(st.Text, "wait any longer") {
		t.Fatalf("interrupted quote = %+v, want one statement of two parts", st)
	}
	// A quote that goes on into the next paragraph.
	f = extracttest.ExtractBody(t, "“The first paragraph of the quote says one thing.\n\n“And the second paragraph ends it,” Mike Pompeo said.")
	st = extracttest.DirectWith(f, "first paragraph")
	if st == nil || !strings.Contains(st.Text, "second paragraph") || extracttest.SpeakerOf(st) != "Mike Pompeo" {
		t.Fatalf("multi-paragraph quote = %+v, want one statement by Mike Pompeo", st)
	}
	// A paragraph that is only a quote continues the previous speaker.
	f = extracttest.ExtractBody(t, "“I believe there is goodwill,” Donald Trump told reporters.\n\n“We will see what happens in the end.”")
	if st = extracttest.DirectWith(f, "see what happens"); extracttest.SpeakerOf(st) != "Donald Trump" {
		t.Errorf("continuation quote speaker = %q, want Donald Trump", extracttest.SpeakerOf(st))
	}
	// No speaker in the text: kept, speaker nil, never guessed.
	f = extracttest.ExtractBody(t, "Donald Trump arrived late.\n\nThe crowd outside chanted “lock them all up” for an hour.")
	st = extracttest.DirectWith(f, "lock them all up")
	if st == nil || st.Speaker != nil || st.SpeakerSpan != nil {
		t.Errorf("unattributed quote = %+v, want kept with a nil speaker", st)
	}
	// Apostrophes are not quotes.
	f = extracttest.ExtractBody(t, "Donald Trump said Shinzo Abe’s plan and the Trumps’ dinner went well.")
	for _, s := range f.Statements {
		if s.Kind == ingest.StatementDirect {
			t.Errorf("apostrophes read as a quote: %q", s.Text)
		}
	}
	// Offsets are code points into the text.
	f = extracttest.ExtractBody(t, "“Ça va très bien,” Shinzo Abe said.")
	st = extracttest.DirectWith(f, "Ça va")
	doc := []rune("18/04/2018 12:30 BST\n\nA Headline For The Test\n\n“Ça va très bien,” Shinzo Abe said.\n")
	if st == nil || string(doc[st.Evidence.Start:st.Evidence.End]) != "Ça va très bien," {
		t.Errorf("evidence offsets do not cut the quote out of the text: %+v", st)
	}
}

// indirectOf returns the last indirect statement of f, nil when none.
func indirectOf(f *ingest.Facts) *ingest.Statement {
	var st *ingest.Statement
	for i := range f.Statements {
		if f.Statements[i].Kind == ingest.StatementIndirect {
			st = &f.Statements[i]
		}
	}
	return st
}

func TestIndirectSpeech(t *testing.T) {
	for _, tc := range []struct {
		name, body, speaker, textStart string
	}{
		{"said", "Mike Pompeo said the aim of the summit would be a lasting agreement.", "Mike Pompeo", "the aim of the summit"},
		// the addressee is no part of what was said
		{"told an addressee", "Tony Blair told MPs the UK was losing its power of veto over asylum.", "Tony Blair", "the UK was losing"},
		// the name after the cue speaks, its apposition is no content
		{"inverted", "Japan lacks support in the region, said Shinzo Abe, a former adviser to the government.", "Shinzo Abe", "Japan lacks support"},
	} {
		st := indirectOf(extracttest.ExtractBody(t, tc.body))
		if st == nil || extracttest.SpeakerOf(st) != tc.speaker || !strings.HasPrefix(st.Text, tc.textStart) {
			t.Errorf("%s: indirect statement = %+v, want %s saying %q...", tc.name, st, tc.speaker, tc.textStart)
		}
	}
	// an adjunct after the cue is not what was said
	for _, body := range []string{
		"Mike Pompeo said in a statement on Tuesday afternoon: “We will meet again soon.”",
		"Mike Pompeo spoke of his long conversation with the leader of the country.",
		"“We had a good talk,” Mike Pompeo told Japan's television station in an interview aired on Monday when asked about the plan.",
	} {
		if st := indirectOf(extracttest.ExtractBody(t, body)); st != nil {
			t.Errorf("%q: indirect statement %q", body, st.Text)
		}
	}
	f := extracttest.ExtractBody(t, "Kim Jong Un has agreed to discuss denuclearisation, according to US and South Korean officials.")
	for _, s := range f.Statements {
		if s.Kind == ingest.StatementIndirect && s.Speaker != nil {
			t.Errorf("unnamed officials became a speaker: %+v", s)
		}
	}
}

// TestTitleQuotes: a quoted title or name is no statement; short speech
// in sentence case is one.
func TestTitleQuotes(t *testing.T) {
	tests := []struct {
		body, quote string
		statement   bool
	}{
		{"Mike Pompeo said on “Face the Nation” that talks would go on.", "Face the Nation", false},
		{"Donald Trump, the former host of “The Apprentice,” spoke on Monday.", "The Apprentice", false},
		{"Shinzo Abe wrote an essay titled “Trade Isn't the Villain.”", "Trade Isn't the Villain", false},
		{"“Don't you do it,” Angela Merkel said.", "Don't you do it", true},
		{"“We will meet again soon,” Donald Trump said.", "We will meet again soon", true},
	}
	for _, tc := range tests {
		f := extracttest.ExtractBody(t, tc.body)
		if got := extracttest.DirectWith(f, tc.quote) != nil; got != tc.statement {
			t.Errorf("%q: statement %q = %v, want %v", tc.body, tc.quote, got, tc.statement)
		}
	}
}

// TestQuoteAfterNarrativeKeepsNoSpeaker: a quote goes on with the speaker
// of the quote before it only when nothing but that quote's attribution
// stands between them.
func TestQuoteAfterNarrativeKeepsNoSpeaker(t *testing.T) {
	body := "“The talks went well,” Mike Pompeo said at a briefing. Critics of the agency disagreed sharply. “This was a failure for the whole country.”"
	f := extracttest.ExtractBody(t, body)
	st := extracttest.DirectWith(f, "failure for the whole country")
	if st == nil {
		t.Fatalf("no direct quote in %q; statements %+v", body, f.Statements)
	}
	if got := extracttest.SpeakerOf(st); got != "" {
		t.Errorf("speaker = %q, want none", got)
	}
}
