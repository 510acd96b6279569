package evaluate

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/ingest"
	extractor "github.com/newsgraph/newsgraph/ingest/extract"
)

// auditSentences: "met" marked by the gold in A_0, "talks" unmarked in A_1,
// "meet" in the sense of "satisfy" in B_0.
func auditSentences() []M2E2Sentence {
	mk := func(id string, words []string, events []M2E2Event) M2E2Sentence {
		return M2E2Sentence{ID: id, Sentence: strings.Join(words, " "), Words: words, Events: events}
	}
	return []M2E2Sentence{
		mk("A_0", []string{"Obama", "met", "Putin"}, []M2E2Event{{Type: "Contact:Meet", Trigger: M2E2Span{Start: 1, End: 2, Text: "met"}}}),
		mk("A_1", []string{"The", "talks", "stalled"}, nil),
		mk("B_0", []string{"Iran", "must", "meet", "its", "obligations"}, nil),
	}
}

func TestAuditMeetings(t *testing.T) {
	full := "# comment\nA_1\t1\ttalks\tevent\tthe talks\nB_0\t2\tmeet\tnot\tsatisfy\n"
	tests := []struct {
		name    string
		audit   string
		preds   []ScoredMeeting
		wantErr string
		check   func(t *testing.T, a MeetingAudit)
	}{
		{name: "complete", audit: full,
			preds: []ScoredMeeting{{SentenceID: "A_0", Trigger: "met", Matched: true}, {SentenceID: "A_1", Trigger: "talks"}},
			check: func(t *testing.T, a MeetingAudit) {
				if a.Total.Annotated != 1 || a.Total.Unannotated != 1 || a.Total.NotEvent != 1 || a.Total.Occurrences != 3 {
					t.Errorf("totals = %+v, want 1 annotated, 1 unannotated, 1 not an event of 3", a.Total)
				}
				if a.Total.Coverage() != 0.5 || a.Total.Found != 2 {
					t.Errorf("coverage %.2f found %d, want 0.50 and 2", a.Total.Coverage(), a.Total.Found)
				}
				if a.Unmatched != 1 || a.UnmatchedEvents != 1 || a.Unjudged != 0 {
					t.Errorf("unmatched %d judged events %d unjudged %d, want 1 1 0", a.Unmatched, a.UnmatchedEvents, a.Unjudged)
				}
			}},
		{name: "missed report", audit: full,
			check: func(t *testing.T, a MeetingAudit) {
				if a.Total.Found != 0 || len(a.Missed) != 2 {
					t.Errorf("found %d, missed %v; want 0 found and both reports missed", a.Total.Found, a.Missed)
				}
			}},
		{name: "unjudged prediction", audit: full, preds: []ScoredMeeting{{SentenceID: "B_0", Trigger: "obligations"}},
			check: func(t *testing.T, a MeetingAudit) {
				if a.Unjudged != 1 {
					t.Errorf("unjudged = %d, want 1", a.Unjudged)
				}
			}},
		{name: "occurrence without a row", audit: "A_1\t1\ttalks\tevent\t\n", wantErr: "B_0 token 2"},
		{name: "row on a gold trigger", audit: full + "A_0\t1\tmet\tevent\t\n", wantErr: "gold trigger"},
		{name: "row on another word", audit: full + "A_0\t0\tPutin\tevent\t\n", wantErr: `is "Obama"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			labels, err := parseMeetingAudit(strings.NewReader(tc.audit), "audit.tsv")
			if err != nil {
				t.Fatal(err)
			}
			a, err := AuditMeetings(auditSentences(), labels, tc.preds)
			if tc.wantErr != "" {
				if !errors.Is(err, ErrAuditIncomplete) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want ErrAuditIncomplete mentioning %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, a)
			var out bytes.Buffer
			if err := a.Write(&out); err != nil || !strings.Contains(out.String(), "gold coverage") {
				t.Errorf("Write = %q, %v", out.String(), err)
			}
		})
	}
}

func TestParseMeetingAuditErrors(t *testing.T) {
	for _, bad := range []string{
		"A_1\t1\ttalks\n",         // too few fields
		"A_1\tx\ttalks\tevent\n",  // token not a number
		"A_1\t1\ttalks\tmaybe\n",  // unknown judgement
		"A_1\t-1\ttalks\tevent\n", // negative token
	} {
		if _, err := parseMeetingAudit(strings.NewReader(bad), "audit.tsv"); err == nil || !strings.Contains(err.Error(), "audit.tsv:1") {
			t.Errorf("%q: err = %v, want one naming audit.tsv:1", bad, err)
		}
	}
}

// docSentences are three sentences of one document, the middle one left
// out by the corpus: offsets in code points, the full stop past the text.
func docSentences() []M2E2Sentence {
	mk := func(id string, off int, words []string) M2E2Sentence {
		s := M2E2Sentence{ID: id, Offset: off, Words: words}
		at := off
		for i, w := range words {
			if i == len(words)-1 {
				s.Sentence = strings.TrimSuffix(s.Sentence, " ")
				at-- // the full stop follows the last word directly
			}
			s.Index = append(s.Index, []string{strconv.Itoa(at), strconv.Itoa(at + utf8.RuneCountInString(w) - 1)})
			if i < len(words)-1 {
				s.Sentence += w + " "
			}
			at += utf8.RuneCountInString(w) + 1
		}
		return s
	}
	return []M2E2Sentence{
		mk("VOA_EN_NW_2016.04.01.1_0", 0, []string{"Barack", "Obama", "arrived", "in", "Paris", "."}),
		// A_1 is left out; A_2 starts well after A_0 ends.
		mk("VOA_EN_NW_2016.04.01.1_2", 60, []string{"Obama", "met", "Vladimir", "Putin", "on", "Friday", "."}),
	}
}

func TestM2E2Documents(t *testing.T) {
	sents := docSentences()
	docs := M2E2Documents(sents)
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	d := docs[0]
	runes := []rune(d.Document.Text)
	for _, s := range sents {
		n := utf8.RuneCountInString(s.Sentence)
		if got := string(runes[s.Offset : s.Offset+n]); got != s.Sentence {
			t.Errorf("%s at %d reads %q, want %q", s.ID, s.Offset, got, s.Sentence)
		}
		if runes[s.Offset+n] != '.' {
			t.Errorf("%s: the full stop is missing after the sentence", s.ID)
		}
	}
	if len(d.Document.Segments) != 2 {
		t.Errorf("segments = %+v, want two paragraphs around the left-out sentence", d.Document.Segments)
	}
	if got := d.Document.Published.Format("2006-01-02"); got != "2016-04-01" {
		t.Errorf("published = %s, want 2016-04-01 from the id", got)
	}
	if s, ok := d.sentenceAt(62); !ok || s.ID != sents[1].ID {
		t.Errorf("sentenceAt(62) = %s %v, want %s", s.ID, ok, sents[1].ID)
	}
	if _, ok := d.sentenceAt(40); ok {
		t.Errorf("offset 40 lies in the left-out sentence, yet a sentence was found")
	}
}

// TestScoreMeetingsByDocument: in document context the bare "Obama" of the
// second sentence is the Barack Obama of the first, and the meeting is
// scored in the sentence that holds its trigger, spans made relative to it.
func TestScoreMeetingsByDocument(t *testing.T) {
	sents := docSentences()
	sents[1].Events = []M2E2Event{{Type: "Contact:Meet", Trigger: M2E2Span{Start: 1, End: 2, Text: "met"},
		Arguments: []M2E2Argument{{Role: "Entity", M2E2Span: M2E2Span{Start: 2, End: 4, Text: "Vladimir Putin"}}}}}
	ex, err := extractor.New(extractor.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ScoreMeetingsByDocument(ex, sents, "all", nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Detection.PredTP != 1 || rep.Detection.Predicted != 1 || rep.EventParticipants.PredTP != 1 {
		t.Errorf("report = %+v, want the one meeting found with its participant", rep)
	}
	if len(rep.Predictions) != 1 || rep.Predictions[0].SentenceID != sents[1].ID {
		t.Errorf("predictions = %+v, want one in %s", rep.Predictions, sents[1].ID)
	}
}

// TestMentionPrediction: a meeting reported twice gives one prediction per
// report, each with its own trigger and spans.
func TestMentionPrediction(t *testing.T) {
	m := ingest.Meeting{Trigger: "met", Mentions: []ingest.MeetingMention{
		{Trigger: ingest.Span{Text: "met", Start: 10, End: 13}, ParticipantSpans: []ingest.Span{{Text: "Putin", Start: 14, End: 19}}},
		{Trigger: ingest.Span{Text: "talks", Start: 40, End: 45}},
	}}
	var got []string
	for _, mm := range mentions(m) {
		p := mentionPrediction(m, mm, -10)
		got = append(got, p.Trigger)
		if p.Trigger == "met" && (len(p.ParticipantSpans) != 1 || p.ParticipantSpans[0].Start != 4) {
			t.Errorf("spans = %+v, want Putin moved to 4", p.ParticipantSpans)
		}
	}
	if strings.Join(got, ",") != "met,talks" {
		t.Errorf("predictions = %v, want met,talks", got)
	}
}
