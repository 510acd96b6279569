package actors

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
	// honorifics are stripped from person names and are not roles.
	honorifics = lex.Words("honorifics.txt")
	// roleHeads name a role; written just before a name they make a title
	// ("CIA Director Mike Pompeo", "leader Kim Jong Un").
	roleHeads = lex.Words("role-heads.txt")
	// roleModifiers extend a role leftwards ("Prime Minister", "first lady",
	// "intelligence chief") but are no role alone.
	roleModifiers = lex.Words("role-modifiers.txt")
	// nameParticles may be lower case inside a person's name.
	nameParticles = lex.Words("name-particles.txt")
	// calendarWords are dates, never people, whatever the tagger says.
	calendarWords = lex.Words("calendar-words.txt")
	// kinshipNouns before a capitalised word make it a person: "his wife Akie".
	kinshipNouns = lex.Words("kinship-nouns.txt")
	// venueHeads after (or ending) a name make it a venue: "Mar-a-Lago estate".
	venueHeads = lex.Words("venue-heads.txt")
	// venueNameHeads ending a multi-word name make it a venue ("Capella Hotel");
	// "Club" or "Centre" ending a name more often make an organisation.
	venueNameHeads = lex.Words("venue-name-heads.txt")
	// titleCaseFiller are the words title case may leave lower case.
	titleCaseFiller = lex.Words("title-case-fillers.txt")
	// actingVerbs are done by people (or the bodies they run), never by a
	// place: an unknown name tagged as a place right before one of them, or
	// right after one that takes a person as its object, is a person the
	// tagger mistook ("Obama met Putin in Paris" tagged LOC O LOC O LOC in a
	// lone sentence).
	actingVerbs = lex.Words("acting-verbs.txt")
	// personObjectWords take a person after them: "met Putin", "with Putin".
	personObjectWords = lex.Words("person-object-words.txt")
	// placePrepositions introduce places, times and media, rarely a person.
	placePrepositions = lex.Words("place-prepositions.txt")
	// noiseLineOpeners open lines that name no actor: word -> byline or stamp.
	noiseLineOpeners = lex.Table("noise-line-openers.tsv", "word", "kind").Map("word", "kind", "byline", "stamp")
)
