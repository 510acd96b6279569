package eval

import (
	"io"
	"strings"
	"testing"
)

// TestRunArticlesRefusesTraceOnTest: a test gold is scored, never traced.
func TestRunArticlesRefusesTraceOnTest(t *testing.T) {
	err := runArticles(&ArticlesOptions{Gold: "../../docs/article-gold/polnear-test.jsonl", Trace: t.TempDir() + "/trace"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--trace") {
		t.Fatalf("err = %v, want a refusal of --trace", err)
	}
	err = runArticles(&ArticlesOptions{}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--gold") {
		t.Fatalf("err = %v, want a missing --gold", err)
	}
}
