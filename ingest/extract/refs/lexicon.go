package refs

import (
	"embed"

	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
)

//go:embed lexicon
var lexiconFiles embed.FS

var lex = lexicon.Embedded(lexiconFiles, "lexicon")

// genderWords before a name say the person's gender: word -> 'f' or 'm'
// (lexicon/gender-words.tsv).
var genderWords = readGenders(lex.Table("gender-words.tsv", "word", "gender"))

func readGenders(t *lexicon.Table) map[string]byte {
	out := map[string]byte{}
	for _, r := range t.Rows {
		switch g := r.Get("gender"); g {
		case "f", "m":
			out[r.Get("word")] = g[0]
		default:
			panic(t.Errorf(r, "gender %q, want f or m", g))
		}
	}
	return out
}
