package meetings

import (
	"embed"
	"strings"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
)

// The stage's word lists, one file each in lexicon/ (each file's header
// says what the list is for).

//go:embed lexicon
var lexiconFiles embed.FS

var lex = lexicon.Embedded(lexiconFiles, "lexicon")

var (
	// meetingTriggers are the words that name a meeting: form -> what it names.
	meetingTriggers = readTriggers(lex.Table("triggers.tsv", "form", "pos", "kind", "flags"))
	// visitTriggers are the words that report a trip to a place.
	visitTriggers = readVisitTriggers(lex.Table("visit-triggers.tsv", "form", "pos", "flags"))

	// Status cues, looked for in the clause of the trigger (status.go).
	statusCues       = lex.Table("status-cues.tsv", "cue", "class")
	cancelCues       = cueClass(statusCues, "cancel")
	refuseCues       = cueClass(statusCues, "refuse")
	denyCues         = cueClass(statusCues, "deny")
	hypotheticalCues = cueClass(statusCues, "hypothetical")
	proposalCues     = cueClass(statusCues, "proposal")
	plannedCues      = cueClass(statusCues, "planned")
	negationCues     = cueClass(statusCues, "negation")
	// superlatives make "to meet" a past fact: "the first leader to meet".
	superlativeCues = cueClass(statusCues, "superlative")
	// statusHeads: a noun heading "of" the trigger sets its status ("talk of
	// an early summit").
	statusHeads = readStatusHeads(lex.Table("status-heads.tsv", "head", "status"))

	// Senses and readings of the trigger words (meetings.go).
	nounContext     = lex.Words("noun-context.txt")
	verbContext     = lex.Words("verb-context.txt")
	phoneWords      = lex.Words("phone-words.txt")
	hostVerbContext = lex.Words("host-verb-context.txt")
	// pressNouns before "conference" make it a news conference: one speaker
	// addressing reporters, a meeting only when two or more hold it together.
	pressNouns = lex.Words("press-nouns.txt")
	// satisfyObjects after "meet" make it "satisfy", not an encounter.
	satisfyObjects = lex.Words("satisfy-objects.txt")
	// objectPhraseEnds end the object of "meet" on its right.
	objectPhraseEnds = lex.Words("object-phrase-ends.txt")

	// Participants (participants.go).
	rightClauseEnds = lex.Words("right-clause-ends.txt")
	compoundFillers = lex.Words("compound-fillers.txt")
	nounAdjuncts    = lex.Words("noun-adjuncts.txt")
	// nounModifiers are common words that stand before a meeting noun.
	nounModifiers = lex.Words("noun-modifiers.txt")
	// reportVerbs after the subject of a fronted meeting phrase name the
	// other party as their object.
	reportVerbs = lex.Words("report-verbs.txt")

	// The predicate of a meeting noun (status.go).
	predicateEnds     = lex.Words("predicate-ends.txt")
	eventPredicates   = lex.Words("event-predicates.txt")
	ofPhraseModifiers = lex.Words("of-phrase-modifiers.txt")

	// Dates (where.go): dateLeadWords are kept with a date's text ("over
	// Easter", "in 2014"); dateAnchors say whose a date after them is.
	dateLeadWords = lex.Words("date-lead-words.txt")
	dateAnchors   = readDateAnchors(lex.Table("date-anchors.tsv", "word", "date"))
)

var meetingKinds = map[string]bool{"meeting": true, "talks": true, "summit": true, "dinner": true, "visit": true, "call": true, "conference": true}

func readTriggers(t *lexicon.Table) map[string]triggerKind {
	out := map[string]triggerKind{}
	for _, r := range t.Rows {
		k := triggerKind{kind: r.Get("kind"), noun: readPOS(t, r)}
		if !meetingKinds[k.kind] {
			panic(t.Errorf(r, "kind %q is no meeting kind", k.kind))
		}
		for _, fl := range readFlags(t, r, "either", "host", "object", "phone", "intent") {
			switch fl {
			case "either":
				k.either = true
			case "host":
				k.host = true
			case "object":
				k.needsObject = true
			case "phone":
				k.phone = true
			case "intent":
				k.intent = true
			}
		}
		out[r.Get("form")] = k
	}
	return out
}

// visitTrigger says how a visit trigger behaves.
type visitTrigger struct {
	noun        bool // a noun ("visit", "trip") rather than a verb ("visited")
	either      bool // the words around it decide between noun and verb
	withMeeting bool // in a meeting verb's clause it makes the meeting a visit
}

func readVisitTriggers(t *lexicon.Table) map[string]visitTrigger {
	out := map[string]visitTrigger{}
	for _, r := range t.Rows {
		v := visitTrigger{noun: readPOS(t, r)}
		for _, fl := range readFlags(t, r, "either", "with-meeting") {
			switch fl {
			case "either":
				v.either = true
			case "with-meeting":
				v.withMeeting = true
			}
		}
		out[r.Get("form")] = v
	}
	return out
}

// readPOS reads the pos column: true for a noun.
func readPOS(t *lexicon.Table, r lexicon.Row) bool {
	switch pos := r.Get("pos"); pos {
	case "NOUN":
		return true
	case "VERB":
		return false
	default:
		panic(t.Errorf(r, "pos %q, want NOUN or VERB", pos))
	}
}

// readFlags reads the flags column: comma-separated, "-" for none.
func readFlags(t *lexicon.Table, r lexicon.Row, known ...string) []string {
	if r.Get("flags") == "-" {
		return nil
	}
	flags := strings.Split(r.Get("flags"), ",")
	for _, fl := range flags {
		ok := false
		for _, k := range known {
			ok = ok || fl == k
		}
		if !ok {
			panic(t.Errorf(r, "unknown flag %q (known: %s)", fl, strings.Join(known, ", ")))
		}
	}
	return flags
}

// cueClass is the set of status cues of one class.
func cueClass(t *lexicon.Table, class string) map[string]bool {
	set := map[string]bool{}
	for _, r := range t.Rows {
		switch c := r.Get("class"); c {
		case "cancel", "refuse", "deny", "hypothetical", "proposal", "planned", "negation", "superlative":
			if c == class {
				set[r.Get("cue")] = true
			}
		default:
			panic(t.Errorf(r, "unknown class %q", c))
		}
	}
	return set
}

func readStatusHeads(t *lexicon.Table) map[string]string {
	out := map[string]string{}
	for _, r := range t.Rows {
		switch st := r.Get("status"); st {
		case ingest.StatusProposed, ingest.StatusPlanned:
			out[r.Get("head")] = st
		default:
			panic(t.Errorf(r, "status %q, want proposed or planned", st))
		}
	}
	return out
}

func readDateAnchors(t *lexicon.Table) map[string]string {
	out := map[string]string{}
	for _, r := range t.Rows {
		switch d := r.Get("date"); d {
		case "event", "other":
			out[r.Get("word")] = d
		default:
			panic(t.Errorf(r, "date %q, want event or other", d))
		}
	}
	return out
}
