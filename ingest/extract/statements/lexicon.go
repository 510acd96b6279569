package statements

import (
	"embed"

	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
)

// The stage's word lists, one file each in lexicon/ (each file's header
// says what the list is for).

//go:embed lexicon
var lexiconFiles embed.FS

var lex = lexicon.Embedded(lexiconFiles, "lexicon")

var (
	// speechCues are the verbs of attribution; indirectCues also introduce
	// reported speech as a clause ("said the aim was ..."); participleCues
	// take the subject of the main clause ("He made it clear, saying: “...”").
	speechCues, indirectCues, participleCues = readCues(lex.Table("speech-cues.tsv", "cue", "flags"))
	// npStops end a bare noun phrase.
	npStops = lex.Words("np-stops.txt")
	// speakerNouns are nouns for people and bodies that speak.
	speakerNouns = lex.Words("speaker-nouns.txt")
	// cueAdverbs may stand between a speaker and its cue: "Trump also said".
	cueAdverbs = lex.Words("cue-adverbs.txt")
	// speechVerbs, by lemma, report a quote their parse governs; their
	// subject is its speaker. quoteVerbs ("call", "describe") do so only
	// for a quote in their own clause.
	speechVerbs = lex.Words("speech-verbs.txt")
	quoteVerbs  = lex.Words("quote-verbs.txt")
	// speechNouns, by lemma, are things said; their possessor is the
	// speaker ("Trump’s claim that ...").
	speechNouns = lex.Words("speech-nouns.txt")
)

func readCues(t *lexicon.Table) (speech, indirect, participle map[string]bool) {
	speech, indirect, participle = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, r := range t.Rows {
		cue, fl := r.Get("cue"), t.Flags(r, "flags", "indirect", "participle")
		speech[cue] = true
		if fl["indirect"] {
			indirect[cue] = true
		}
		if fl["participle"] {
			participle[cue] = true
		}
	}
	return speech, indirect, participle
}
