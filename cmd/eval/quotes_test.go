package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunQuotesTrace: the trace lists a missed gold quote, and a test
// split is scored, never inspected item by item.
func TestRunQuotesTrace(t *testing.T) {
	for _, split := range []string{"dev", "test"} {
		dir := filepath.Join(t.TempDir(), split)
		for _, sub := range []string{"text", "attributions"} {
			if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		text := "Nobody said much. The plan, the memo added, was “a first step for all of us.”\n"
		ann := "T1\tSource 19 27\tthe memo\nT2\tCue 28 33\tadded\nT3\tContent 40 72\t“a first step for all of us.”\nE1\tAttribution:T2 Source:T1 Content:T3\n"
		if err := os.WriteFile(filepath.Join(dir, "text", "nyt_2016-09-08_plan.txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "attributions", "nyt_2016-09-08_plan_a1.ann"), []byte(ann), 0o644); err != nil {
			t.Fatal(err)
		}
		trace := filepath.Join(t.TempDir(), "trace.txt")
		var out bytes.Buffer
		err := runQuotes(&QuotesOptions{PolNeAR: dir, Trace: trace}, &out)
		if split == "test" {
			if err == nil || !strings.Contains(err.Error(), "--trace") {
				t.Errorf("--trace on a test split: err = %v, want a refusal", err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(trace)
		if err != nil || !strings.Contains(string(b), "first step") {
			t.Errorf("trace = %q (%v), want the gold quote listed\n%s", b, err, out.String())
		}
	}
}
