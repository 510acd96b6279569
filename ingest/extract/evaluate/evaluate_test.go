package evaluate

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
)

func TestParseBrat(t *testing.T) {
	text := "Trump said: “We will win.” He smiled.\nNext line"
	ann := "T1\tSource 0 5\tTrump\nT2\tCue 6 10\tsaid\nT3\tContent 12 26\t“We will win.”\n" +
		"T4\tContent 0 5;6 10\tTrump\nsaid\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
	attrs, err := parseBrat(strings.NewReader(ann), text)
	if err != nil {
		t.Fatal(err)
	}
	if len(attrs) != 1 || attrs[0].SourceText != "Trump" || attrs[0].ContentText != "“We will win.”" {
		t.Fatalf("attributions = %+v", attrs)
	}
	if !isDirectQuote(attrs[0]) {
		t.Errorf("content with quotation marks is a direct quote")
	}
	if _, err := parseBrat(strings.NewReader("T1\tSource 0 500\tx\n"), text); err == nil {
		t.Errorf("offsets past the text must fail")
	}
}

func TestM2E2Split(t *testing.T) {
	// FNV-1a 32 of the document part decides; sentences of one document
	// always fall in the same split.
	a, b := M2E2Split("VOA_EN_NW_2016.04.19.3291980_0"), M2E2Split("VOA_EN_NW_2016.04.19.3291980_17")
	if a != b {
		t.Errorf("one document in two splits: %s, %s", a, b)
	}
	if M2E2Document("VOA_EN_NW_2016.04.19.3291980_17") != "VOA_EN_NW_2016.04.19.3291980" {
		t.Errorf("document part wrong")
	}
	seen := map[string]bool{}
	for _, id := range []string{"A_1", "B_1", "C_1", "D_1", "E_1", "F_1", "G_1", "H_1"} {
		seen[M2E2Split(id)] = true
	}
	if !seen["dev"] || !seen["test"] {
		t.Errorf("eight documents all in one split: %v", seen)
	}
}

// fixedExtractor returns the same facts for every document.
type fixedExtractor struct{ f ingest.Facts }

func (e fixedExtractor) Extract(*ingest.Document) (*ingest.Facts, error) { f := e.f; return &f, nil }

func TestScoreQuotes(t *testing.T) {
	text := "Title\n\nTrump said: “We will win.” Clinton laughed.\n"
	doc := PolNeARDoc{Name: "x", Text: text, Attributions: []Attribution{{
		Source: []span{{7, 12}}, SourceText: "Trump", Content: []span{{19, 33}}, ContentText: "“We will win.”",
	}}}
	speaker := "Donald Trump"
	right := ingest.Statement{Kind: ingest.StatementDirect, Speaker: &speaker, SpeakerSpan: &ingest.Span{Text: "Trump", Start: 7, End: 12},
		Evidence: ingest.Evidence{Start: 20, End: 32}}
	wrong := right
	wrong.SpeakerSpan = &ingest.Span{Text: "Clinton", Start: 34, End: 41}
	other := "Hillary Clinton"
	wrong.Speaker = &other
	unattributed := ingest.Statement{Kind: ingest.StatementDirect, Evidence: ingest.Evidence{Start: 20, End: 32}}
	rep, err := ScoreQuotes(fixedExtractor{ingest.Facts{Statements: []ingest.Statement{right, wrong, unattributed}}}, []PolNeARDoc{doc})
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Counts
	if c.Predicted != 2 || c.PredTP != 1 || c.Gold != 1 || c.GoldTP != 1 || rep.Unattributed != 1 {
		t.Errorf("counts = %+v, unattributed %d", c, rep.Unattributed)
	}
	var b strings.Builder
	if err := rep.Write(&b); err != nil || !strings.HasSuffix(b.String(), "F1 0.6667\n") {
		t.Errorf("report must end with the F1 line:\n%s", b.String())
	}
}

func TestScoreMeetings(t *testing.T) {
	s := M2E2Sentence{ID: "D_1", Sentence: "Obama met Putin in Paris", Offset: 100,
		Words: []string{"Obama", "met", "Putin", "in", "Paris"},
		Index: [][]string{{"100", "104"}, {"106", "108"}, {"110", "114"}, {"116", "117"}, {"119", "123"}}}
	s.Events = []M2E2Event{{
		Type:      "Contact:Meet",
		Trigger:   M2E2Span{Start: 1, End: 2, Text: "met"},
		Arguments: []M2E2Argument{{Role: "Entity", M2E2Span: M2E2Span{Start: 2, End: 3, Text: "Putin"}}},
	}}
	m := ingest.Meeting{Trigger: "met", ParticipantSpans: []ingest.Span{{Text: "Obama", Start: 0, End: 5}, {Text: "Putin", Start: 10, End: 15}}}
	rep, err := ScoreMeetings(fixedExtractor{ingest.Facts{Meetings: []ingest.Meeting{m}}}, []M2E2Sentence{s}, "all")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Detection.PredTP != 1 || rep.Detection.Gold != 1 {
		t.Errorf("detection = %+v", rep.Detection)
	}
	if rep.Participants.PredTP != 1 || rep.Participants.Predicted != 2 || rep.EventParticipants.GoldTP != 1 {
		t.Errorf("participants = %+v / %+v", rep.Participants, rep.EventParticipants)
	}
}

// m2e2Sentence builds a sentence from its words, one space apart, with one
// gold event of the given type on word trigger.
func m2e2Sentence(t *testing.T, words []string, typ string, trigger int) M2E2Sentence {
	t.Helper()
	s := M2E2Sentence{ID: "D_1", Sentence: strings.Join(words, " "), Words: words}
	off := 0
	for _, w := range words {
		s.Index = append(s.Index, []string{strconv.Itoa(off), strconv.Itoa(off + len(w) - 1)})
		off += len(w) + 1
	}
	if err := json.Unmarshal([]byte(`[{"event_type":"`+typ+`","trigger":{"start":`+strconv.Itoa(trigger)+
		`,"end":`+strconv.Itoa(trigger+1)+`,"text":"`+words[trigger]+`"}}]`), &s.Events); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestGoldConversations: a Phone-Write event is a conversation when its
// trigger is a call word, or a speaking word with a call word within the
// window; writing is not.
func TestGoldConversations(t *testing.T) {
	tests := []struct {
		words   string
		trigger int
		want    bool
	}{
		{"Kurdi spoke to both her brothers by phone on Friday", 1, true},
		{"In a much anticipated call , Trump also spoke with Putin", 8, true},
		{"Obama revealed his phone call with Rouhani", 4, true},
		{"Students wrote letters to pupils in Yemen", 1, false},
		{"Trump spoke to reporters at the White House", 1, false},
	}
	for _, tc := range tests {
		s := m2e2Sentence(t, strings.Fields(tc.words), "Contact:Phone-Write", tc.trigger)
		if got := len(goldMeetings(s)) == 1; got != tc.want {
			t.Errorf("%q: conversation = %v, want %v", tc.words, got, tc.want)
		}
	}
}

// TestGoldSpansAreSentenceOffsets: gold word offsets, given in the
// document, become code point offsets into the sentence text.
func TestGoldSpansAreSentenceOffsets(t *testing.T) {
	s := M2E2Sentence{Sentence: "Erdoğan met Bahceli", Offset: 50, Words: []string{"Erdoğan", "met", "Bahceli"},
		Index: [][]string{{"50", "56"}, {"58", "60"}, {"62", "68"}}}
	sp, ok := s.wordSpan(2, 3)
	if !ok || string([]rune(s.Sentence)[sp.Start:sp.End]) != "Bahceli" {
		t.Errorf("span = %+v, want the code points of Bahceli", sp)
	}
}
