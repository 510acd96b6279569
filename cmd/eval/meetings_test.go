package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const tinyM2E2 = `[{"sentence_id":"DOC_A_0","sentence_start":0,"sentence":"Obama met Putin in Paris",
"words":["Obama","met","Putin","in","Paris"],
"index":[["0","4"],["6","8"],["10","14"],["16","17"],["19","23"]],
"golden-entity-mentions":[],
"golden-event-mentions":[{"trigger":{"start":1,"end":2,"text":"met"},"event_type":"Contact:Meet",
"arguments":[{"role":"Entity","start":2,"end":3,"text":"Putin"}]}]}]`

func TestRunMeetingsTrace(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "text_only_event.json")
	if err := os.WriteFile(data, []byte(tinyM2E2), 0o644); err != nil {
		t.Fatal(err)
	}
	trace := filepath.Join(dir, "trace.txt")
	var out bytes.Buffer
	if err := runMeetings(&MeetingsOptions{M2E2: data, Split: "all", Trace: trace}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "F1 1.0000") {
		t.Errorf("one sentence, one meeting found: want F1 1.0000, got\n%s", out.String())
	}
	b, err := os.ReadFile(trace)
	if err != nil || !strings.Contains(string(b), `gold ok   "met"`) || !strings.Contains(string(b), `pred ok+  "met"`) {
		t.Errorf("trace = %q (%v)", b, err)
	}
	// The test split is scored, never inspected item by item.
	err = runMeetings(&MeetingsOptions{M2E2: data, Split: "test", Trace: trace}, &out)
	if err == nil || !strings.Contains(err.Error(), "--trace") {
		t.Errorf("--trace with --split test: err = %v, want a refusal", err)
	}
}
