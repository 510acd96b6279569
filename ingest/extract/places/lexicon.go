package places

import (
	"embed"

	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
)

// The places package's word lists, one file each under lexicon/.

//go:embed lexicon/*.tsv
var lexiconFiles embed.FS

var lex = lexicon.Embedded(lexiconFiles, "lexicon")

// demonyms name countries by their people: code -> forms ("PK" ->
// "Pakistani", "Pakistanis").
var demonyms = lex.Table("demonyms.tsv", "code", "demonym")
