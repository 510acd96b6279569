package extract

import (
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
)

func directWith(f *ingest.Facts, fragment string) *ingest.Statement {
	for i := range f.Statements {
		if f.Statements[i].Kind == ingest.StatementDirect && strings.Contains(f.Statements[i].Text, fragment) {
			return &f.Statements[i]
		}
	}
	return nil
}

func speakerOf(s *ingest.Statement) string {
	if s == nil || s.Speaker == nil {
		return ""
	}
	return *s.Speaker
}

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
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := extractBody(t, tc.body)
			st := directWith(f, tc.quote)
			if st == nil {
				t.Fatalf("no direct quote with %q in %q; statements %+v", tc.quote, tc.body, f.Statements)
			}
			if got := speakerOf(st); got != tc.speaker {
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
	f := extractBody(t, "“We are ready,” Mike Pompeo said, “and we will not wait any longer.”")
	st := directWith(f, "We are ready")
	if st == nil || len(st.Parts) != 2 || !strings.Contains(st.Text, "wait any longer") {
		t.Fatalf("interrupted quote = %+v, want one statement of two parts", st)
	}
	// A quote that goes on into the next paragraph.
	f = extractBody(t, "“The first paragraph of the quote says one thing.\n\n“And the second paragraph ends it,” Mike Pompeo said.")
	st = directWith(f, "first paragraph")
	if st == nil || !strings.Contains(st.Text, "second paragraph") || speakerOf(st) != "Mike Pompeo" {
		t.Fatalf("multi-paragraph quote = %+v, want one statement by Mike Pompeo", st)
	}
	// A paragraph that is only a quote continues the previous speaker.
	f = extractBody(t, "“I believe there is goodwill,” Donald Trump told reporters.\n\n“We will see what happens in the end.”")
	if st = directWith(f, "see what happens"); speakerOf(st) != "Donald Trump" {
		t.Errorf("continuation quote speaker = %q, want Donald Trump", speakerOf(st))
	}
	// No speaker in the text: kept, speaker nil, never guessed.
	f = extractBody(t, "Donald Trump arrived late.\n\nThe crowd outside chanted “lock them all up” for an hour.")
	st = directWith(f, "lock them all up")
	if st == nil || st.Speaker != nil || st.SpeakerSpan != nil {
		t.Errorf("unattributed quote = %+v, want kept with a nil speaker", st)
	}
	// Apostrophes are not quotes.
	f = extractBody(t, "Donald Trump said Shinzo Abe’s plan and the Trumps’ dinner went well.")
	for _, s := range f.Statements {
		if s.Kind == ingest.StatementDirect {
			t.Errorf("apostrophes read as a quote: %q", s.Text)
		}
	}
	// Offsets are code points into the text.
	f = extractBody(t, "“Ça va très bien,” Shinzo Abe said.")
	st = directWith(f, "Ça va")
	doc := []rune("18/04/2018 12:30 BST\n\nA Headline For The Test\n\n“Ça va très bien,” Shinzo Abe said.\n")
	if st == nil || string(doc[st.Evidence.Start:st.Evidence.End]) != "Ça va très bien," {
		t.Errorf("evidence offsets do not cut the quote out of the text: %+v", st)
	}
}

func TestIndirectSpeech(t *testing.T) {
	f := extractBody(t, "Mike Pompeo said the aim of the summit would be a lasting agreement.")
	var st *ingest.Statement
	for i := range f.Statements {
		if f.Statements[i].Kind == ingest.StatementIndirect {
			st = &f.Statements[i]
		}
	}
	if st == nil || speakerOf(st) != "Mike Pompeo" || !strings.HasPrefix(st.Text, "the aim of the summit") {
		t.Fatalf("indirect statement = %+v", st)
	}
	f = extractBody(t, "Kim Jong Un has agreed to discuss denuclearisation, according to US and South Korean officials.")
	for _, s := range f.Statements {
		if s.Kind == ingest.StatementIndirect && s.Speaker != nil {
			t.Errorf("unnamed officials became a speaker: %+v", s)
		}
	}
}

func referenceDoc(t testing.TB) *ingest.Document {
	path := "../../testdata/articles/pompeo-kim-2018-04-18.txt"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ingest.Parse(ingest.Article{Source: path, Text: raw})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestReferenceArticleEvents checks the events of the reference article
// with the real entity model: these names depend on the entity layer.
func TestReferenceArticleEvents(t *testing.T) {
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := ex.Extract(referenceDoc(t))
	if err != nil {
		t.Fatal(err)
	}
	// Pompeo met Kim, in North Korea over Easter 2018.
	m := meetingOf(f, "Mike Pompeo", "Kim Jong Un")
	if m == nil || m.Status != ingest.StatusHeld {
		t.Errorf("Pompeo-Kim held meeting missing: %v", meetingsSummary(f))
	} else {
		if m.LocationID != "country:KP" {
			t.Errorf("Pompeo-Kim location = %v, want North Korea", m.Location)
		}
		if m.Date == nil || (*m.Date != "2018-04-01" && !(*m.Date <= "2018-04-01" && m.DateEnd >= "2018-04-01")) {
			t.Errorf("Pompeo-Kim date = %v..%s, want Easter 2018", m.Date, m.DateEnd)
		}
	}
	// Trump and Abe met at Mar-a-Lago.
	if m := meetingOf(f, "Donald Trump", "Shinzo Abe"); m == nil || m.Status != ingest.StatusHeld || m.Location == nil || *m.Location != "Mar-a-Lago" {
		t.Errorf("Trump-Abe held at Mar-a-Lago missing: %+v in %v", m, meetingsSummary(f))
	}
	// The dinner of the two couples. "his wife Akie" is named Akie Abe
	// only if the entity layer gives her the surname.
	dinner := false
	for _, m := range f.Meetings {
		if m.Kind == "dinner" && m.Status == ingest.StatusHeld && len(m.Participants) == 4 {
			set := participantSet(m)
			if strings.Contains(set, "Donald Trump") && strings.Contains(set, "Melania Trump") && strings.Contains(set, "Shinzo Abe") && strings.Contains(set, "Akie") {
				dinner = true
				if !strings.Contains(set, "Akie Abe") {
					t.Logf("entity layer: the fourth diner is %q, not Akie Abe", set)
				}
			}
		}
	}
	if !dinner {
		t.Errorf("held dinner of four missing: %v", meetingsSummary(f))
	}
	// The Trump-Kim summit is only planned or proposed, never held.
	prospect := false
	for _, m := range f.Meetings {
		if participantSet(m) != "Donald Trump+Kim Jong Un" {
			continue
		}
		if m.Status == ingest.StatusHeld {
			t.Errorf("a held Trump-Kim meeting: %+v", m)
		}
		if m.Status == ingest.StatusPlanned || m.Status == ingest.StatusProposed {
			prospect = true
		}
	}
	if !prospect {
		t.Errorf("no planned or proposed Trump-Kim summit: %v", meetingsSummary(f))
	}
	// James Clapper visited North Korea in 2014.
	clapper := false
	for _, v := range f.Visits {
		if v.Visitor == "James Clapper" && v.LocationID == "country:KP" && v.Date != nil && strings.HasPrefix(*v.Date, "2014") {
			clapper = true
		}
	}
	if !clapper {
		t.Errorf("James Clapper's 2014 visit to North Korea missing: %+v", f.Visits)
	}
	// Direct quotes and their speakers.
	want := map[string]string{
		"went smoothly":                       "Donald Trump",
		"Let’s leave it a little bit short":   "Donald Trump",
		"an agreement":                        "Mike Pompeo",
		"I really believe":                    "Donald Trump",
		"As I always say":                     "Donald Trump",
		"For the North Korean issue":          "Shinzo Abe",
		"Japan and ourselves are locked":      "Donald Trump",
		"It’s possible things won’t go well":  "Donald Trump",
		"People don’t realize the Korean War": "Donald Trump",
		"extremely high levels":               "Donald Trump",
		"No.":                                 "Donald Trump",
	}
	right := 0
	for frag, who := range want {
		st := directWith(f, frag)
		if got := speakerOf(st); got != who {
			t.Errorf("quote %q: speaker %q, want %q", frag, got, who)
		} else {
			right++
		}
	}
	if right < 9 {
		t.Errorf("%d quotes attributed right, want at least 9", right)
	}
	if st := directWith(f, "For the North Korean issue"); st == nil || st.Addressee == nil || *st.Addressee != "Donald Trump" {
		t.Errorf("Abe's quote should be addressed to Donald Trump: %+v", st)
	}
	// The subtitle's quote has no speaker in the text.
	if st := directWith(f, "smoothly and a good relationship was formed"); st == nil {
		t.Errorf("subtitle quote missing")
	}
}
