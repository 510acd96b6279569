package refs

import (
	"embed"

	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
)

//go:embed lexicon
var lexiconFiles embed.FS

var lex = lexicon.Embedded(lexiconFiles, "lexicon")

// genderWords before a name say the person's gender: word -> "f" or "m"
// (lexicon/gender-words.tsv).
var genderWords = lex.Table("gender-words.tsv", "word", "gender").Map("word", "gender", "f", "m")
