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

// firstNames say the gender a first name usually has: name -> "f" or "m"
// (the shared ingest/extract/lexicon/first-names.tsv).
var firstNames = lexicon.FirstNameGenders

// groupNouns name a numbered group of actors ("the two leaders"): noun ->
// person, country or any (lexicon/group-nouns.tsv).
var groupNouns = lex.Table("group-nouns.tsv", "noun", "kind").Map("noun", "kind", "person", "country", "nonperson", "any")

// partyQualifiers make "parties" political parties, not parties to talks
// (lexicon/party-qualifiers.txt).
var partyQualifiers = lex.Words("party-qualifiers.txt")
