package places

import (
	"testing"

	"github.com/newsgraph/newsgraph/ingest/extract/lexicon/lexicontest"
)

func TestLexicon(t *testing.T) { lexicontest.AllRead(t, lex) }

// TestDemonyms: every demonym of the table names its country, so no row
// is shadowed by another name or carries an unknown code.
func TestDemonyms(t *testing.T) {
	g := Default()
	for _, r := range demonyms.Rows {
		p, ok := g.Country(r.Get("demonym"))
		if !ok || p.CountryCode != r.Get("code") {
			t.Errorf("%s: Country = %s %v, want %s", r.Get("demonym"), p.CountryCode, ok, r.Get("code"))
		}
	}
}
