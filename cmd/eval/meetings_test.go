package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest/extract/evaluate"
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

func TestRunMeetingsRefusals(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "text_only_event.json")
	if err := os.WriteFile(data, []byte(tinyM2E2), 0o644); err != nil {
		t.Fatal(err)
	}
	audit := filepath.Join(dir, "audit.tsv")
	if err := os.WriteFile(audit, []byte("# empty\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts MeetingsOptions
		want string
	}{
		{"audit on test", MeetingsOptions{M2E2: data, Split: "test", Audit: audit}, "--audit"},
		{"audit on all", MeetingsOptions{M2E2: data, Split: "all", Audit: audit}, "--audit"},
		{"unknown context", MeetingsOptions{M2E2: data, Split: "dev", Context: "paragraph"}, "--context"},
		{"gold names by document", MeetingsOptions{M2E2: data, Split: "dev", Context: "document", GoldNames: true}, "--gold-names"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := runMeetings(&tc.opts, &out)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want a refusal naming %s", err, tc.want)
			}
		})
	}
}

// TestRunMeetingsAudit: the audit joins its rows with the gold; an
// occurrence of an audited word without a row is an error naming it.
func TestRunMeetingsAudit(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "text_only_event.json")
	// DOC_B hashes to dev; "talks" there is not marked by the gold.
	const devM2E2 = `[{"sentence_id":"DOC_B_0","sentence_start":0,"sentence":"Obama met Putin before the talks",
"words":["Obama","met","Putin","before","the","talks","."],
"index":[["0","4"],["6","8"],["10","14"],["16","21"],["23","25"],["27","31"],["32","32"]],
"golden-entity-mentions":[],
"golden-event-mentions":[{"trigger":{"start":1,"end":2,"text":"met"},"event_type":"Contact:Meet","arguments":[]}]}]`
	if err := os.WriteFile(data, []byte(devM2E2), 0o644); err != nil {
		t.Fatal(err)
	}
	if evaluate.M2E2Split("DOC_B_0") != "dev" {
		t.Fatalf("the fixture must be a dev document")
	}
	audit := filepath.Join(dir, "audit.tsv")
	var out bytes.Buffer
	if err := os.WriteFile(audit, []byte("# no rows\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := runMeetings(&MeetingsOptions{M2E2: data, Split: "dev", Audit: audit}, &out); err == nil || !strings.Contains(err.Error(), `"talks"`) {
		t.Errorf("audit without a row for talks: err = %v", err)
	}
	if err := os.WriteFile(audit, []byte("DOC_B_0\t5\ttalks\tevent\tthe talks\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := runMeetings(&MeetingsOptions{M2E2: data, Split: "dev", Audit: audit}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "the gold marks 1 of the 2 meeting reports") {
		t.Errorf("output:\n%s", out.String())
	}
}
