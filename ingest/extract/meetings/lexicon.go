package meetings

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

// frame is what a meeting word names and where its participants are.
type frame struct {
	kind  string
	noun  bool
	roles map[string]bool // subj, obj, with, to, poss, mod, of, support
	// flags (frames.tsv)
	actorObject, needsOther, host, visit, trip, phone, group bool
	// unnamed: a report whose parties the sentence leaves unnamed
	// ("European leaders gathered", "a summit of 27 leaders") stands for a
	// meeting someone is later placed at
	unnamed bool
	// plural: the singular names a meeting only with its other party
	// ("talks", but "talk of a deal", "a talk on history")
	plural bool
}

var (
	// frames maps "lemma/VERB" and "lemma/NOUN" to the meeting it names.
	frames = readFrames(lex.Table("frames.tsv", "lemma", "pos", "kind", "roles", "flags"))
	// supportRoles: verbs that carry a meeting noun, and how their subject
	// stands to the meeting: participant, host or none.
	supportRoles = lex.Table("support-verbs.tsv", "lemma", "role").Map("lemma", "role", "participant", "host", "none")
	// statusWords: lemma -> class, by where they act (verb, aux, mod).
	statusVerbs, statusAux, statusMods = readStatus(lex.Table("status.tsv", "lemma", "class", "where"))
	// statusHeads: a noun heading "of" the trigger sets its status ("talk of
	// an early summit", "the announcement of the summit").
	statusHeads = lex.Table("status-heads.tsv", "head", "status").Map("head", "status", "proposed", "planned")
	// phoneWords make a call of a conversation ("by phone").
	phoneWords = lex.Words("phone-words.txt")
	// timeNouns are times a parser may take for a verb's object.
	timeNouns = lex.Words("time-nouns.txt")
	// addressVerbs take the person spoken to as object: "In a phone
	// call, Pompeo told Abe ...", "at the meeting she urged Merkel".
	addressVerbs = lex.Words("address-verbs.txt")
	// measureNouns count a meeting or place it in time ("two rounds of
	// talks with Iran").
	measureNouns = lex.Words("measure-nouns.txt")
	// contestNouns make a meeting verb a contest: "meet for the first of
	// three debates", "meet in the final".
	contestNouns = lex.Words("contest-nouns.txt")
	// journeyVerbs make a purpose "to meet" of their past journey a meeting held.
	journeyVerbs = lex.Words("journey-verbs.txt")
	// pressNouns before "conference" make it a news conference.
	pressNouns = lex.Words("press-nouns.txt")
	// satisfyObjects are what "meet" means "satisfy" of ("meet its
	// obligations"); an object that is no actor is never met, but these
	// are not even people in a metonymy.
	satisfyObjects = lex.Words("satisfy-objects.txt")
	// peopleNouns are bodies and groups of people one meets ("met the
	// board"), besides the shared role and agent nouns.
	peopleNouns = lex.Words("people-nouns.txt")
	// counterpartNouns are people a talk is held with though unnamed
	// ("talked with police leaders"), not the press or an audience.
	counterpartNouns = lex.Words("counterpart-nouns.txt")
	// journeyNouns: whoever goes on one meets the people its "to"
	// infinitive names ("has gone on a tour to talk with police leaders").
	journeyNouns = lex.Words("journey-nouns.txt")
	// quantityNouns head a phrase whose people follow "of" ("a number of
	// advisers").
	quantityNouns = lex.Words("quantity-nouns.txt")
	// figurativeContests are contests as often said of a struggle ("the
	// fight against Islamic State"): never what "the encounter" refers to.
	figurativeContests = lex.Words("figurative-contests.txt")
	// occurrenceVerbs: only their negation denies the meeting that is
	// their subject ("did not take place", not "did not improve ties").
	occurrenceVerbs = lex.Words("occurrence-verbs.txt")
)

// meetingKinds are the kinds frames.tsv may give; "none" marks a phrasal
// verb that names no meeting though its verb does ("speak out").
var meetingKinds = map[string]bool{"meeting": true, "talks": true, "summit": true, "dinner": true, "visit": true, "call": true, "conference": true, "none": true}

func readFrames(t *lexicon.Table) map[string]frame {
	out := map[string]frame{}
	for _, r := range t.Rows {
		fl := t.Flags(r, "flags", "actor-object", "needs-other", "host", "visit", "trip", "phone", "group", "plural", "unnamed")
		rl := t.Flags(r, "roles", "subj", "obj", "with", "to", "poss", "mod", "of", "support")
		f := frame{kind: r.Get("kind"), roles: rl,
			actorObject: fl["actor-object"], needsOther: fl["needs-other"], host: fl["host"], visit: fl["visit"],
			trip: fl["trip"], phone: fl["phone"], group: fl["group"], plural: fl["plural"], unnamed: fl["unnamed"]}
		if !meetingKinds[f.kind] {
			panic(t.Errorf(r, "kind %q is no meeting kind", f.kind))
		}
		switch pos := r.Get("pos"); pos {
		case "NOUN":
			f.noun = true
		case "VERB":
		default:
			panic(t.Errorf(r, "pos %q, want NOUN or VERB", pos))
		}
		out[frameKey(r.Get("lemma"), f.noun)] = f
	}
	return out
}

func frameKey(lemma string, noun bool) string {
	if noun {
		return strings.ToLower(lemma) + "/NOUN"
	}
	return strings.ToLower(lemma) + "/VERB"
}

// Status classes (status.tsv).
const (
	classCancel  = "cancel"
	classRefuse  = "refuse"
	classDeny    = "deny"
	classPropose = "propose"
	classPlan    = "plan"
	classModal   = "modal"
	classFuture  = "future"
	classHeld    = "held"
)

func readStatus(t *lexicon.Table) (verbs, aux, mods map[string]string) {
	verbs, aux, mods = map[string]string{}, map[string]string{}, map[string]string{}
	for _, r := range t.Rows {
		class := r.Get("class")
		switch class {
		case classCancel, classRefuse, classDeny, classPropose, classPlan, classModal, classFuture, classHeld:
		default:
			panic(t.Errorf(r, "unknown class %q", class))
		}
		switch w := r.Get("where"); w {
		case "verb":
			verbs[r.Get("lemma")] = class
		case "aux":
			aux[r.Get("lemma")] = class
		case "mod":
			mods[r.Get("lemma")] = class
		default:
			panic(t.Errorf(r, "where %q, want verb, aux or mod", w))
		}
	}
	return verbs, aux, mods
}

// IsTrigger says whether a word form can name a meeting or a visit: a
// possessive before one names its holder ("Pompeo's visit"). It reads the
// noun frames by form, as the possessive is read before any parse.
func IsTrigger(word string) bool {
	w := strings.ToLower(word)
	for _, cand := range []string{w, strings.TrimSuffix(w, "s"), strings.TrimSuffix(w, "es")} {
		if _, ok := frames[frameKey(cand, true)]; ok {
			return true
		}
	}
	return false
}
