// Package lexicontest checks a package's lexicon directory in its tests.
package lexicontest

import (
	"testing"

	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
)

// AllRead fails the test when a file of d is read by nothing: a list
// that was renamed, or one that no rule uses any more. The lists read
// are known to be well formed, since reading them at initialisation
// panics otherwise.
func AllRead(t testing.TB, d *lexicon.Dir) {
	t.Helper()
	unread, err := d.Unread()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range unread {
		t.Errorf("lexicon file %s is read by nothing", name)
	}
}
