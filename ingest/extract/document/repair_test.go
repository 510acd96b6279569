package document

import (
	"testing"

	"github.com/newsgraph/newsgraph/ingest/syntax"
)

// TestIsTree: the parse repairs are undone when they would leave a word
// that never reaches the root.
func TestIsTree(t *testing.T) {
	tests := []struct {
		name  string
		heads []int
		want  bool
	}{
		{"chain", []int{1, -1, 1}, true},
		{"cycle", []int{1, 0, -1}, false},
		{"self", []int{0, -1}, false},
		{"out of range", []int{5, -1}, false},
	}
	for _, tt := range tests {
		ws := make([]syntax.Word, len(tt.heads))
		for i, h := range tt.heads {
			ws[i].Head = h
		}
		if got := isTree(ws); got != tt.want {
			t.Errorf("%s: isTree = %v, want %v", tt.name, got, tt.want)
		}
	}
}
