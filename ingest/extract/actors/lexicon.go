package actors

import (
	"embed"
	"strings"

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
	// capitalsNotCountries are capitals that do not stand for their
	// country when they act ("Brussels" is the European Union's).
	capitalsNotCountries = lex.Words("capitals-not-countries.txt")
	// relationNouns make a capital in their "with" or "between" phrase
	// its country ("talks between Washington and Pyongyang").
	relationNouns = lex.Words("relation-nouns.txt")
	// nameFormingTitles stay in a one-word name: "Lord Falconer", "Prince Charles".
	nameFormingTitles = lex.Words("name-forming-titles.txt")
	// givenNames open person names (generated from CoNLL-2003 train by
	// internal/gengiven).
	givenNames = lexicon.GivenNames
	// nameSuffixWords end adjectives made of a name ("Obama-era").
	nameSuffixWords = lex.Words("name-suffix-words.txt")
	// postNominals follow a name and are no part of it ("Frank Field MP").
	postNominals = lex.Words("post-nominals.txt")
	// thingHeads end names of places, bodies and documents, not of people.
	thingHeads = lex.Words("thing-heads.txt")
	// placeFinalWords end place names: "Bethnal Green", "Dorset West".
	placeFinalWords = lex.Words("place-final-words.txt")
	// sentenceOpeners are capitalised only because they open a sentence.
	sentenceOpeners = lex.Words("sentence-openers.txt")
	// personVerbs are verbs of saying and thinking: their subject is a person.
	personVerbs = lex.Words("person-verbs.txt")
	// partyNames maps party and organisation name variants to the canonical name.
	partyNames, maxPartyWords = readPartyNames()
	// noiseLineOpeners open lines that name no actor: word -> byline or stamp.
	noiseLineOpeners = lex.Table("noise-line-openers.tsv", "word", "kind").Map("word", "kind", "byline", "stamp")
)

func readPartyNames() (map[string]string, int) {
	t := lex.Table("party-names.tsv", "variant", "canonical")
	out := map[string]string{}
	longest := 0
	for _, r := range t.Rows {
		v, c := r.Get("variant"), r.Get("canonical")
		if v == "" || c == "" {
			panic(t.Errorf(r, "empty variant or canonical name"))
		}
		out[v] = c
		longest = max(longest, len(strings.Fields(v)))
	}
	return out, longest
}
