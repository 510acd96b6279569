package meetings

import (
	"testing"

	"github.com/newsgraph/newsgraph/ingest/extract/lexicon/lexicontest"
)

func TestLexicon(t *testing.T) { lexicontest.AllRead(t, lex) }
