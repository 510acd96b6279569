package evaluate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	extractor "github.com/newsgraph/newsgraph/ingest/extract"
)

func TestAnyNameMatches(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Hillary Clinton", "Hillary Clinton", true},
		{"Hillary Clinton", "Clinton", true},
		{"Mrs. Clinton", "Hillary Clinton", true},
		{"Bill Clinton", "Hillary Clinton", false},
		{"Enrique Pena Nieto", "Enrique Peña Nieto", true},
		{"Donald J. Trump", "Donald Trump", true},
		{"United States", "the United States", true},
		{"Russia", "Belarus", false},
		{"Van Voorhis", "Eric Van Voorhis", true},
		{"Eric Van Voorhis", "Van Voorhis", true},
		{"Anne Van Voorhis", "Eric Van Voorhis", false},
	}
	for _, tc := range tests {
		if got := anyNameMatches([]string{tc.a}, []string{tc.b}); got != tc.want {
			t.Errorf("anyNameMatches(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSameSentence(t *testing.T) {
	tests := []struct {
		predicted, gold string
		want            bool
	}{
		{"Trump met Kim in Singapore on Tuesday.", "Trump met Kim in", true},
		{"He said so. Trump met Kim in Singapore.", "Trump met Kim in", true}, // the splitter joined two
		{`The summit achieved little, he added.`, `The summit achieved little, he added. "We`, true},
		{"Trump met Kim.", "Trump met Abe", false},
		{"", "Trump met Kim", false},
	}
	for _, tc := range tests {
		if got := sameSentence(tc.predicted, tc.gold); got != tc.want {
			t.Errorf("sameSentence(%q, %q) = %v, want %v", tc.predicted, tc.gold, got, tc.want)
		}
	}
}

func TestReadArticleGoldRejectsABadStatus(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gold.jsonl")
	line := `{"file": "a.txt", "persons": [], "meetings": [{"sentence": "Trump met Abe", "trigger": "met", "participants": [], "status": "happened"}]}`
	if err := os.WriteFile(path, []byte(line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadArticleGold(path)
	if err == nil || !strings.Contains(err.Error(), "gold.jsonl:1") {
		t.Fatalf("err = %v, want one naming the file and line", err)
	}
}

// TestScoreArticles scores one article against a gold that has one meeting
// the extractor finds, one it cannot (no meeting word) and two persons.
func TestScoreArticles(t *testing.T) {
	dir := t.TempDir()
	text := "Leaders meet\n\nDonald Trump met Shinzo Abe in Tokyo on Monday. The two men later played golf with Tiger Woods.\n"
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	gold := []ArticleGold{{
		File:    "a.txt",
		Persons: []string{"Donald Trump", "Shinzo Abe", "Tiger Woods"},
		Meetings: []GoldMeeting{
			{Sentence: "Donald Trump met Shinzo Abe", Trigger: "met", Participants: []string{"Donald Trump", "Shinzo Abe"}, Status: "held"},
			{Sentence: "The two men later played golf", Trigger: "played", Participants: []string{"Donald Trump", "Shinzo Abe", "Tiger Woods"}, Status: "held"},
		},
	}}
	ex, err := extractor.New(extractor.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var trace strings.Builder
	rep, err := ScoreArticles(ex, gold, dir, &trace)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Detection.Gold != 2 || rep.Detection.GoldTP != 1 || rep.Meetings.GoldTP != 1 {
		t.Errorf("detection %+v, meetings %+v; want 1 of 2 found and right", rep.Detection, rep.Meetings)
	}
	if rep.Participants.PredTP != 2 {
		t.Errorf("participants %+v, want both names of the found meeting right", rep.Participants)
	}
	if rep.Persons.Gold != 3 || rep.Persons.PredTP < 2 {
		t.Errorf("persons %+v, want Trump and Abe found among 3", rep.Persons)
	}
	if !strings.Contains(trace.String(), `gold MISS "played"`) {
		t.Errorf("trace does not list the missed meeting:\n%s", trace.String())
	}
}
