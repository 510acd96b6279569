package lexicon

import "embed"

// The word lists several stages share, one file each in this directory
// (each file's header says what the list is for).

//go:embed *.txt *.tsv
var sharedFiles embed.FS

var shared = Embedded(sharedFiles, ".")

var (
	// ClauseStops end the clause of a word on its left.
	ClauseStops = shared.Words("clause-stops.txt")
	// RoleNouns head a noun phrase that names no one ("a US official",
	// "North Korean leader").
	RoleNouns = shared.Words("role-nouns.txt")
	// AgentNouns are groups of people who act for the country or body that
	// qualifies them ("Russian prosecutors").
	AgentNouns = shared.Words("agent-nouns.txt")
	// GroupFillers may stand inside a coordinated group of actors or before
	// its first member.
	GroupFillers = shared.Words("group-fillers.txt")
	// SupportVerbs carry a meeting noun: "held talks", "had a meeting".
	SupportVerbs = shared.Words("support-verbs.txt")
	// Prepositions open a phrase whose object is a place or a
	// circumstance: a mention after one is not a subject.
	Prepositions = shared.Words("prepositions.txt")
	// GivenNames open person names (generated from CoNLL-2003 train by
	// ingest/extract/actors/internal/gengiven).
	GivenNames = shared.Words("given-names.txt")
	// FirstNameGenders say the gender a first name usually has: name ->
	// "f" or "m" (names common for both are left out).
	FirstNameGenders = shared.Table("first-names.tsv", "name", "gender").Map("name", "gender", "f", "m")
	// CaptionPositions place a person in a photo caption (", left,").
	CaptionPositions = shared.Words("caption-positions.txt")
	// TitleModifiers may open a person's title in lower case ("incoming
	// French President").
	TitleModifiers = shared.Words("title-modifiers.txt")
)
