package evaluate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest"
)

// TestScoreFrameNet: a frame is found when a meeting mention's trigger
// overlaps it; precision counts exhaustive documents only; the frames
// that name an actor are counted apart.
func TestScoreFrameNet(t *testing.T) {
	docs := []FrameNetDocument{{
		ID: "d1", Text: "Obama met Putin. They had talks.", Exhaustive: true,
		Meetings: []FrameNetMeeting{
			{Trigger: Span{Text: "met", Start: 6, End: 9}, Type: "meet", Participants: []Span{{Text: "Obama"}}},
			{Trigger: Span{Text: "talks", Start: 26, End: 31}, Type: "meet", Participants: []Span{{Text: "They"}}},
		},
	}}
	m := ingest.Meeting{Mentions: []ingest.MeetingMention{{Trigger: ingest.Span{Text: "met", Start: 6, End: 9}}}}
	rep, err := ScoreFrameNet(fixedExtractor{ingest.Facts{Meetings: []ingest.Meeting{m}}}, docs)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Triggers.Gold != 2 || rep.Triggers.GoldTP != 1 || rep.Triggers.Predicted != 1 || rep.Triggers.PredTP != 1 {
		t.Errorf("triggers = %+v", rep.Triggers)
	}
	if rep.Named.Gold != 1 || rep.Named.GoldTP != 1 {
		t.Errorf("named = %+v", rep.Named)
	}
	var out strings.Builder
	if err := rep.Write(&out); err != nil || !strings.HasSuffix(out.String(), "Recall 0.5000\n") {
		t.Errorf("report ends %q (%v)", out.String(), err)
	}
}

func TestReadFrameNetNamesTheBadLine(t *testing.T) {
	file := filepath.Join(t.TempDir(), "dev.jsonl")
	if err := os.WriteFile(file, []byte("{\"doc_id\":\"a\",\"text\":\"x\"}\n{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFrameNet(file)
	if err == nil || !strings.Contains(err.Error(), file+":2") {
		t.Errorf("err = %v, want the file and line 2", err)
	}
}
