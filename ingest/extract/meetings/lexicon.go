package meetings

import (
	"embed"

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
	statusCues = lex.Table("status-cues.tsv", "cue", "class").Map("cue", "class",
		"cancel", "refuse", "deny", "hypothetical", "proposal", "planned", "negation", "superlative")
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
	statusHeads = lex.Table("status-heads.tsv", "head", "status").Map("head", "status", ingest.StatusProposed, ingest.StatusPlanned)

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
	dateAnchors   = lex.Table("date-anchors.tsv", "word", "date").Map("word", "date", "event", "other")
)

var meetingKinds = map[string]bool{"meeting": true, "talks": true, "summit": true, "dinner": true, "visit": true, "call": true, "conference": true}

func readTriggers(t *lexicon.Table) map[string]triggerKind {
	out := map[string]triggerKind{}
	for _, r := range t.Rows {
		fl := t.Flags(r, "flags", "either", "host", "object", "phone", "intent")
		k := triggerKind{kind: r.Get("kind"), noun: readPOS(t, r),
			either: fl["either"], host: fl["host"], needsObject: fl["object"], phone: fl["phone"], intent: fl["intent"]}
		if !meetingKinds[k.kind] {
			panic(t.Errorf(r, "kind %q is no meeting kind", k.kind))
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
		fl := t.Flags(r, "flags", "either", "with-meeting")
		out[r.Get("form")] = visitTrigger{noun: readPOS(t, r), either: fl["either"], withMeeting: fl["with-meeting"]}
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

// cueClass is the set of status cues of one class.
func cueClass(cues map[string]string, class string) map[string]bool {
	set := map[string]bool{}
	for cue, c := range cues {
		if c == class {
			set[cue] = true
		}
	}
	return set
}
