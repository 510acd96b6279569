package extract

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
)

// Meetings are found from trigger words (met, talks, summit, dined,
// hosted, spoke by phone, ...) and the coordinated groups of actors around
// them: the subject before a verb ("Trump and Abe opened two days of
// talks"), the object after it ("met with leader Kim Jong Un"), the members
// of "between X and Y", and the compounds before a noun ("a Trump-Kim
// summit"). The words around the trigger set the status: negation, modals,
// conditionals, intent and future, cancellation and refusal. Only an
// asserted past meeting is held.

// triggerKind says what a trigger word names and how it behaves.
type triggerKind struct {
	kind string // meeting, talks, summit, visit, call, dinner
	noun bool   // a noun ("talks", "summit") rather than a verb ("met")
	// host: the subject is the host of the other participants ("hosted",
	// "received"); needs a named object.
	host bool
	// needsObject: the verb is a meeting only with a named actor after it
	// ("visited Trump", "greeted Abe"), not with a place or a thing.
	needsObject bool
	// phone: the verb is a meeting (a call) only with "by phone" and the like.
	phone bool
	// intent: the trigger itself says the meeting is only sought.
	intent bool
}

var meetingTriggers = map[string]triggerKind{
	"meet": {kind: "meeting"}, "meets": {kind: "meeting"}, "met": {kind: "meeting"},
	"meeting": {kind: "meeting", noun: true}, "meetings": {kind: "meeting", noun: true},
	"talks": {kind: "talks", noun: true}, "negotiations": {kind: "talks", noun: true},
	"negotiated": {kind: "talks", needsObject: true},
	"summit":     {kind: "summit", noun: true}, "summits": {kind: "summit", noun: true},
	"dined": {kind: "dinner"}, "dine": {kind: "dinner"}, "dines": {kind: "dinner"}, "dining": {kind: "dinner"},
	"dinner": {kind: "dinner", noun: true}, "lunch": {kind: "dinner", noun: true}, "luncheon": {kind: "dinner", noun: true},
	"breakfast": {kind: "dinner", noun: true},
	"hosted":    {kind: "visit", host: true, needsObject: true}, "hosts": {kind: "visit", host: true, needsObject: true},
	"host": {kind: "visit", host: true, needsObject: true}, "hosting": {kind: "visit", host: true, needsObject: true},
	"received": {kind: "visit", host: true, needsObject: true}, "receives": {kind: "visit", host: true, needsObject: true},
	"welcomed": {kind: "visit", host: true, needsObject: true}, "welcomes": {kind: "visit", host: true, needsObject: true},
	"greeted": {kind: "meeting", needsObject: true}, "greets": {kind: "meeting", needsObject: true},
	"visited": {kind: "visit", needsObject: true}, "visit": {kind: "visit", needsObject: true}, "visits": {kind: "visit", needsObject: true},
	"visiting": {kind: "visit", needsObject: true},
	"spoke":    {kind: "call", phone: true}, "speak": {kind: "call", phone: true}, "speaks": {kind: "call", phone: true},
	"spoken": {kind: "call", phone: true}, "speaking": {kind: "call", phone: true},
	"talked": {kind: "call", phone: true}, "talk": {kind: "call", phone: true}, "talking": {kind: "call", phone: true},
	"phoned": {kind: "call"}, "telephoned": {kind: "call"},
	"reaching": {kind: "call", phone: true}, "reached": {kind: "call", phone: true},
	"call": {kind: "call", noun: true, phone: true}, "calls": {kind: "call", noun: true, phone: true},
	"conversation": {kind: "call", noun: true, phone: true}, "conversations": {kind: "call", noun: true, phone: true},
	// A conference is a gathering where the parties confer; a news or press
	// conference only when held jointly (see jointOnly).
	"conference": {kind: "conference", noun: true}, "conferences": {kind: "conference", noun: true},
}

// pressNouns before "conference" make it a news conference: one speaker
// addressing reporters, a meeting of actors only when two or more hold it
// together ("Trump and King Abdullah hold a joint news conference").
var pressNouns = map[string]bool{"news": true, "press": true}

// satisfyObjects after "meet" make it "satisfy", not an encounter: "Iran
// meeting its obligations", "failed to meet the deadline".
var satisfyObjects = map[string]bool{
	"obligation": true, "obligations": true, "demand": true, "demands": true, "requirement": true,
	"requirements": true, "target": true, "targets": true, "goal": true, "goals": true, "need": true,
	"needs": true, "criteria": true, "criterion": true, "standard": true, "standards": true, "deadline": true,
	"deadlines": true, "expectations": true, "expectation": true, "conditions": true, "condition": true,
	"commitments": true, "commitment": true, "challenge": true, "challenges": true, "threshold": true,
	"quota": true, "quotas": true, "terms": true, "costs": true, "cost": true, "payroll": true, "end": true,
	"ends": true, "benchmark": true, "benchmarks": true, "criteria.": true, "requests": true, "request": true,
}

// Status cues. Each is looked for in the clause of the trigger, before it
// (and, for nouns, in the predicate after it: "could take place").
var (
	cancelCues = map[string]bool{
		"cancelled": true, "canceled": true, "cancel": true, "cancels": true, "cancelling": true, "canceling": true,
		"scrapped": true, "scrap": true, "postponed": true, "aborted": true, "abandoned": true, "cancellation": true,
		"off": true, // "called off" (checked with its verb below)
	}
	refuseCues = map[string]bool{
		"refused": true, "refuses": true, "refuse": true, "declined": true, "declines": true, "decline": true,
		"rejected": true, "rejects": true, "reject": true, "rebuffed": true, "snubbed": true, "boycotted": true,
		"boycott": true, "spurned": true, "shunned": true, "ruled": true, // "ruled out"
	}
	denyCues = map[string]bool{
		"denied": true, "denies": true, "deny": true, "denying": true, "dismissed": true,
	}
	hypotheticalCues = map[string]bool{
		"if": true, "could": true, "might": true, "may": true, "would": true, "possible": true, "possibility": true,
		"possibly": true, "unless": true, "whether": true, "perhaps": true, "potential": true, "hypothetical": true,
		"should": true,
	}
	proposalCues = map[string]bool{
		"proposed": true, "propose": true, "proposes": true, "proposal": true, "offered": true, "offer": true,
		"offers": true, "suggested": true, "suggest": true, "suggests": true, "invited": true, "invite": true,
		"invites": true, "invitation": true, "urged": true, "urges": true, "urge": true, "sought": true,
		"seek": true, "seeks": true, "seeking": true, "want": true, "wants": true, "wanted": true, "hopes": true,
		"hoped": true, "hope": true, "willing": true, "willingness": true, "ready": true, "requested": true,
		"request": true, "asked": true, "demanded": true, "open": false,
	}
	plannedCues = map[string]bool{
		"will": true, "'ll": true, "’ll": true, "shall": true, "plan": true, "plans": true, "planned": true,
		"planning": true, "scheduled": true, "schedule": true, "expected": true, "expects": true, "set": true,
		"due": true, "upcoming": true, "prospective": true, "arrange": true, "arranging": true, "arranged": true,
		"prepare": true, "prepares": true, "preparing": true, "agreed": true, "agree": true, "agrees": true,
		"intend": true, "intends": true, "intended": true, "next": true, "future": true, "forthcoming": true,
		"going": true, "try": true, "trying": true, "efforts": true, "effort": true, "pursue": true,
	}
	negationCues = map[string]bool{
		"not": true, "n't": true, "n’t": true, "never": true, "no": true, "neither": true, "nor": true, "without": true,
	}
	// superlatives make "to meet" a past fact: "the first leader to meet".
	superlativeCues = map[string]bool{
		"first": true, "only": true, "last": true, "most": true, "highest": true, "latest": true, "second": true,
	}
)

// participant is an actor taking part in a meeting and the words that name it.
type participant struct {
	actor      int
	sent       int
	start, end int // byte offsets of the naming words
}

// eventState is what the event stages share: per sentence token views and
// per actor knowledge gathered from the text.
type eventState struct {
	gender   []byte // per actor: 'm', 'f' or 0 when the text does not say
	surnames map[string][]int
	byName   map[string]int
	pronouns map[[2]int]int // resolved pronoun (sentence, token) -> actor
	// visitMeetings lists per sentence the participants of visits with a
	// named host, which are meetings and so not also bare visits.
	visitMeetings map[int][]string
	// speakers records per sentence the speaker of its last statement, so
	// that "He added ..." continues it.
	speakers map[int]speakerRef
}

// prepareEvents builds the event state once; every event stage calls it.
func (a *analysis) prepareEvents() *eventState {
	if a.events != nil {
		return a.events
	}
	ev := &eventState{
		gender:   make([]byte, len(a.doc.Actors)),
		surnames: map[string][]int{},
		byName:   map[string]int{},
		pronouns: map[[2]int]int{},

		visitMeetings: map[int][]string{},
		speakers:      map[int]speakerRef{},
	}
	a.events = ev
	for i, act := range a.doc.Actors {
		names := append([]string{act.Name}, act.Aliases...)
		for _, n := range names {
			k := strings.ToLower(document.CleanName(n))
			if prev, ok := ev.byName[k]; ok && prev != i {
				ev.byName[k] = -1
			} else if !ok {
				ev.byName[k] = i
			}
		}
		if act.Type == ingest.Person {
			parts := strings.Fields(act.Name)
			if len(parts) > 1 {
				last := strings.ToLower(parts[len(parts)-1])
				ev.surnames[last] = append(ev.surnames[last], i)
			}
		}
	}
	a.learnGenders()
	return ev
}

// findMeetings detects meetings in every sentence and merges the reports
// of one meeting within the article.
func (a *analysis) findMeetings() {
	ev := a.prepareEvents()
	var found []ingest.Meeting
	var anaphors []meetingAnaphor
	for si := range a.doc.Sentences {
		used := map[int]bool{} // tokens already consumed by a trigger phrase
		for ti := range a.doc.Sentences[si].Tokens {
			if used[ti] {
				continue
			}
			w := a.doc.Sentences[si].Lower[ti]
			trig, ok := meetingTriggers[w]
			if !ok {
				continue
			}
			if m, ok := a.meetingAt(si, ti, trig, used); ok {
				found = append(found, m)
				if m.Kind == "visit" {
					ev.visitMeetings[si] = append(ev.visitMeetings[si], m.ParticipantIDs...)
				}
			} else if trig.noun && trig.kind != "visit" && a.definiteNounAt(si, ti) {
				anaphors = append(anaphors, meetingAnaphor{si: si, ti: ti, kind: trig.kind})
			}
		}
	}
	merged := mergeMeetings(found)
	a.attachAnaphors(merged, anaphors)
	for i := range merged {
		m := &merged[i]
		date, dateEnd := "", m.DateEnd
		if m.Date != nil {
			date = *m.Date
		}
		// Article-independent: two articles that report the same meeting
		// with the same date and place give the same ID; the graph writer
		// joins compatible reports whose IDs differ (see docs/events.md).
		m.ID = document.StableID("meeting", ingest.MeetingKey(*m), date, dateEnd, m.LocationID)
	}
	a.out.Meetings = append(a.out.Meetings, merged...)
}

// meetingAnaphor is a definite meeting noun that names no participant:
// "the talks appear to be stuck", "Following the call, ...".
type meetingAnaphor struct {
	si, ti int
	kind   string
}

// anaphorWindow is how many sentences back a definite meeting noun looks
// for the meeting it refers to.
const anaphorWindow = 5

// definiteNounAt says whether the noun trigger at ti is definite: "the"
// or a demonstrative before it, past modifiers ("the planned
// meeting", "that two-day summit"), and not part of a name.
func (a *analysis) definiteNounAt(si, ti int) bool {
	if a.doc.Sentences[si].MentionAt[ti] >= 0 {
		return false
	}
	lw := a.doc.Sentences[si].Lower
	for k := ti - 1; k >= 0 && ti-k <= 4; k-- {
		switch w := lw[k]; {
		case w == "the" || w == "that" || w == "this" || w == "these" || w == "those":
			return true
		case nounModifiers[w] || strings.Contains(w, "-") && a.doc.Sentences[si].MentionAt[k] < 0:
			continue
		}
		return false
	}
	return false
}

// attachAnaphors adds each definite meeting noun as a further mention of
// the meeting it refers to: the latest meeting reported before it, within
// anaphorWindow sentences, of its kind ("the summit" a summit, "the call" a
// call), or of any kind but a call for "the meeting". It names no one, so
// it adds evidence, never a meeting.
func (a *analysis) attachAnaphors(meetings []ingest.Meeting, anaphors []meetingAnaphor) {
	for _, an := range anaphors {
		tok := a.doc.Sentences[an.si].Tokens[an.ti]
		at := a.doc.Offset(tok.Start)
		from := a.doc.Offset(a.doc.Sentences[max(0, an.si-anaphorWindow)].Start)
		best, bestAt := -1, -1
		for i, m := range meetings {
			if m.Kind != an.kind && (an.kind != "meeting" || m.Kind == "call") {
				continue
			}
			for _, mm := range m.Mentions {
				if mm.Trigger.Start < at && mm.Evidence.Start >= from && mm.Trigger.Start > bestAt {
					best, bestAt = i, mm.Trigger.Start
				}
			}
		}
		if best < 0 {
			continue
		}
		meetings[best].Mentions = append(meetings[best].Mentions, ingest.MeetingMention{
			Trigger:  ingest.Span{Text: tok.Text, Start: at, End: a.doc.Offset(tok.End)},
			Evidence: a.doc.Evidence(an.si),
		})
	}
}

// meetingAt reads the meeting a trigger at token ti names, if any.
func (a *analysis) meetingAt(si, ti int, trig triggerKind, used map[int]bool) (ingest.Meeting, bool) {
	s := a.doc.Sentences[si]
	lw := a.doc.Sentences[si].Lower
	if a.doc.Sentences[si].MentionAt[ti] >= 0 {
		return ingest.Meeting{}, false // part of a name: "Summit of the Americas"
	}
	if a.meetsAThing(si, ti) || a.hostIsATitle(si, ti) {
		return ingest.Meeting{}, false
	}
	if trig.noun && !a.nounReading(si, ti) {
		if lw[ti] != "meeting" {
			return ingest.Meeting{}, false
		}
		trig.noun = false // "after meeting with Mattis"
	}
	if !trig.noun && a.nounReading(si, ti) {
		if w := lw[ti]; w == "meeting" || w == "visit" || w == "visits" || w == "talk" || w == "host" || w == "calls" || w == "call" {
			trig.noun = true
		} else {
			return ingest.Meeting{}, false
		}
	}
	kind := trig.kind
	mode := "meet"
	if trig.phone {
		if !a.phoneContext(si, ti) {
			return ingest.Meeting{}, false
		}
		kind, mode = "call", "phone"
	}
	if kind == "call" {
		mode = "phone"
	}
	var parts []participant
	var left, right []participant
	explicitBetween := false

	// Right side: "with X", "between X and Y", a direct object.
	rstart := ti + 1
	rlimit := a.clauseEndRight(si, ti)
	obj, between, objEnd := a.rightGroup(si, rstart, rlimit, trig)
	if between && len(obj) >= 2 {
		explicitBetween = true
	}
	right = obj

	// Left side: the subject, or for a noun the holder ("Pompeo's visit",
	// "Trump and Abe opened talks") and compounds ("a Trump-Kim summit").
	if !explicitBetween {
		if trig.noun {
			left = a.nounLeftParticipants(si, ti)
		} else {
			left = a.subjectGroup(si, ti)
		}
	}
	// "was greeted at the palace by Hollande": the agent of a passive
	// meeting verb comes after "by", past adjuncts.
	if !trig.noun && len(right) == 0 && a.passiveAt(si, ti) {
		for k := ti + 1; k < rlimit; k++ {
			if lw[k] == "by" {
				right, objEnd = a.collectGroup(si, k+1, rlimit)
				break
			}
		}
	}
	if trig.needsObject && len(right) == 0 {
		return ingest.Meeting{}, false
	}
	if trig.kind == "visit" && !trig.host && a.onlyPlaces(right) {
		// "visited North Korea": a visit to a place (visits.go), not a
		// meeting with its people.
		return ingest.Meeting{}, false
	}
	if trig.host && len(left) == 0 && !trig.noun {
		// "was hosted by X" names the host after the verb.
		if ti > 0 && (lw[ti-1] == "was" || lw[ti-1] == "were" || lw[ti-1] == "been" || lw[ti-1] == "being") {
			left = nil
		}
	}
	parts = append(parts, left...)
	parts = append(parts, right...)
	parts = dedupeParticipants(parts)
	if len(parts) == 0 {
		return ingest.Meeting{}, false
	}
	if kind == "visit" && !trig.host && len(parts) < 2 {
		// "In past visits, she answered questions": one visitor and no
		// host is a visit to a place (visits.go), not a meeting.
		return ingest.Meeting{}, false
	}
	if len(left) > 0 && len(right) > 0 && len(parts) == 1 {
		// Both sides name one actor: no one meets themselves ("as much
		// change as Shawn welcomes, she said" took "she" as the object).
		return ingest.Meeting{}, false
	}
	if kind == "conference" && ti > 0 && pressNouns[lw[ti-1]] && len(parts) < 2 {
		return ingest.Meeting{}, false // one actor's news conference
	}
	for k := ti; k < objEnd && k < len(s.Tokens); k++ {
		used[k] = true
	}

	// A visit with a named host is a meeting of kind visit.
	if trig.host {
		mode = "host"
	} else if kind == "visit" {
		mode = "visit"
	}
	// "made a visit to X and met with Y": the visit names the place.
	if kind == "meeting" && a.visitInClause(si, ti) {
		kind, mode = "visit", "visit"
	}

	status := a.meetingStatus(si, ti, trig)
	loc := a.meetingLocation(si, ti, parts)
	m := ingest.Meeting{
		Status:   status,
		Kind:     kind,
		Trigger:  s.Tokens[ti].Text,
		Evidence: a.doc.Evidence(si),
	}
	for _, p := range parts {
		m.Participants = append(m.Participants, a.doc.Actors[p.actor].Name)
		m.ParticipantIDs = append(m.ParticipantIDs, a.doc.Actors[p.actor].ID)
		m.ParticipantSpans = append(m.ParticipantSpans, ingest.Span{
			Text: a.doc.Article.Text[p.start:p.end], Start: a.doc.Offset(p.start), End: a.doc.Offset(p.end),
		})
	}
	if loc >= 0 {
		name := a.doc.Locations[loc].Name
		m.Location, m.LocationID = &name, a.doc.Locations[loc].ID
	}
	if d, ok := a.eventDate(si, ti, status == ingest.StatusHeld); ok {
		v := d.Value
		m.Date, m.DateEnd, m.DateText, m.DateGranular = &v, d.End, d.Text, d.Granularity
	}
	m.CAMEO, m.PLOVER = cameoCode(status, kind, mode, a.thirdLocation(loc, parts)), "CONSULT:"+mode
	tok := s.Tokens[ti]
	m.Mentions = []ingest.MeetingMention{{
		Trigger:          ingest.Span{Text: tok.Text, Start: a.doc.Offset(tok.Start), End: a.doc.Offset(tok.End)},
		Evidence:         m.Evidence,
		ParticipantSpans: m.ParticipantSpans,
	}}
	return m, true
}

// nounReading says whether the token at ti is used as a noun: after a
// determiner, adjective, number, possessive or "of", or before "with",
// "between", "on", "in", "at". "meeting" after "been"/"after" is a verb.
func (a *analysis) nounReading(si, ti int) bool {
	lw := a.doc.Sentences[si].Lower
	w := lw[ti]
	prev := ""
	if ti > 0 {
		prev = lw[ti-1]
	}
	switch w {
	case "meeting", "visit", "visits", "host", "talk", "call", "calls", "talks":
	default:
		_, isTrig := meetingTriggers[w]
		return isTrig && meetingTriggers[w].noun
	}
	switch prev {
	case "the", "a", "an", "this", "that", "their", "his", "her", "its", "our", "my", "your", "of", "first",
		"second", "two", "three", "several", "many", "more", "further", "direct", "secret", "private",
		"formal", "bilateral", "peace", "face-to-face", "emergency", "no", "any", "another", "each",
		"every", "cabinet", "council", "committee", "closed-door", "phone", "telephone", "upcoming",
		"’s", "'s", "high-level", "unprecedented", "planned", "proposed", "prospective", "historic", "state",
		"official", "recent", "previous", "earlier", "last", "next", "brief", "hour-long", "lengthy", "some":
		return true
	case "been", "be", "is", "are", "was", "were", "after", "before", "while", "by", "not", "he", "she",
		"they", "we", "i", "to", "will", "would", "could", "can", "may", "might", "should", "also", "and":
		if w == "talks" && (prev == "and" || prev == "also") {
			return false
		}
		if w == "talks" && prev == "to" {
			return true
		}
		return false
	}
	if strings.HasSuffix(prev, "-long") || strings.HasSuffix(prev, "-day") || strings.HasSuffix(prev, "-level") {
		return true
	}
	if ti > 0 && a.doc.Sentences[si].MentionAt[ti-1] >= 0 {
		// "Trump talks ..." is a verb, "the Trump-Kim talks" a noun.
		m := a.doc.Mentions[a.doc.Sentences[si].MentionAt[ti-1]]
		if m.Start > 0 && (lw[m.Start-1] == "the" || lw[m.Start-1] == "a") {
			return true
		}
		return w == "talks" && false || (w != "talks" && w != "visits" && w != "calls" && w != "meeting")
	}
	if w == "talks" || w == "calls" {
		// Plural noun unless a subject stands right before it.
		if prev == "it" || prev == "who" {
			return false
		}
		return true
	}
	if w == "meeting" {
		if ti+1 < len(lw) && a.doc.Sentences[si].MentionAt[ti+1] >= 0 {
			return false // "denied meeting Kim": a gerund with its object
		}
		if ti+1 < len(lw) && lw[ti+1] == "with" {
			return prev == "" || unicode.IsUpper(document.FirstRune(a.doc.Sentences[si].Tokens[ti].Text))
		}
		return true
	}
	return false
}

// phoneContext says whether a speaking or calling word is about a call:
// "by phone", "by telephone", "on the phone", "phone call", "telephone
// conversation", "spoke ... with X by phone".
func (a *analysis) phoneContext(si, ti int) bool {
	lw := a.doc.Sentences[si].Lower
	w := lw[ti]
	isPhone := func(k int) bool {
		if k < 0 || k >= len(lw) {
			return false
		}
		switch lw[k] {
		case "phone", "telephone", "videoconference", "video-conference", "cellphone", "video", "phones":
			return true
		}
		return false
	}
	noun := w == "call" || w == "calls" || w == "conversation" || w == "conversations"
	if noun && isPhone(ti-1) {
		return true // "phone call", "telephone conversation"
	}
	// "spoke by phone", "talked on the phone", "spoke with X by telephone",
	// "reaching out by telephone".
	for k := ti + 1; k < len(lw) && k <= ti+8; k++ {
		if lw[k] == "." || lw[k] == ";" || lw[k] == "," && k > ti+1 {
			break
		}
		if (lw[k] == "by" || lw[k] == "on" || lw[k] == "over" || lw[k] == "via") && (isPhone(k+1) || lw[k+1] == "the" && isPhone(k+2)) {
			return true
		}
	}
	if !noun && ti >= 2 && lw[ti-2] == "by" && isPhone(ti-1) {
		return true
	}
	if !noun {
		// "In a much anticipated call, Trump also spoke with Putin": a call
		// named earlier in the sentence.
		for k := ti - 1; k >= 0 && ti-k <= 8; k-- {
			if lw[k] == "." || lw[k] == ";" || lw[k] == "“" || lw[k] == "”" {
				break
			}
			if (lw[k] == "call" || lw[k] == "conversation") && k > 0 && (lw[k-1] == "a" || lw[k-1] == "the" || isPhone(k-1) || strings.HasSuffix(lw[k-1], "ed")) {
				return true
			}
		}
	}
	if noun {
		// "a call with X", "a conversation between X and Y".
		if ti+1 < len(lw) && (lw[ti+1] == "with" || lw[ti+1] == "between") {
			return true
		}
	}
	return false
}

// clauseEndRight is the token index where the clause of a trigger ends on
// its right.
func (a *analysis) clauseEndRight(si, ti int) int {
	lw := a.doc.Sentences[si].Lower
	for k := ti + 1; k < len(lw); k++ {
		switch lw[k] {
		case ".", ";", ":", "(", ")", "—", "–", "that", "which", "who", "said", "says", "but", "because", "while", "when", "although", "to", "after", "before", "-":
			return k
		}
	}
	return len(lw)
}

// member is a token run that names one participant.
type member struct {
	parts      []participant
	start, end int // token span
	unnamed    bool
}

// memberAt reads the participant named at token k of sentence si: an actor
// mention, a pronoun, a plural family name ("the Trumps"), or a hyphenated
// compound of names ("Trump-Kim"). modifier mentions ("Japan's" in
// "Japan's Prime Minister Shinzo Abe", "US" in "US officials") are not
// members.
func (a *analysis) memberAt(si, k int) (member, bool) {
	ev := a.events
	s := a.doc.Sentences[si]
	if k < 0 || k >= len(s.Tokens) || a.doc.Sentences[si].Quoted[k] {
		return member{}, false
	}
	if mem, ok := a.hyphenMember(si, k); ok {
		return mem, true
	}
	if mi := a.doc.Sentences[si].MentionAt[k]; mi >= 0 {
		m := a.doc.Mentions[mi]
		act := m.Actor
		if act < 0 && m.Location < 0 {
			if alt := a.actorByName(m.Text); alt >= 0 {
				act = alt
			}
		}
		if act < 0 {
			return member{}, false
		}
		if a.isModifier(si, m) {
			// "US officials", "HDP leaders", "his Turkish counterpart": an
			// unnamed agent stands for the country or organisation that
			// qualifies it, as event coders code "US officials" as USA.
			if e, ok := a.agentOf(si, m); ok && a.doc.Actors[act].Type != ingest.Person {
				return member{
					parts: []participant{{actor: act, sent: si, start: s.Tokens[m.Start].Start, end: s.Tokens[e-1].End}},
					start: m.Start, end: e,
				}, true
			}
			return member{start: m.Start, end: m.End, unnamed: true}, true
		}
		return member{
			parts: []participant{{actor: act, sent: si, start: s.Tokens[m.Start].Start, end: s.Tokens[m.End-1].End}},
			start: m.Start, end: m.End,
		}, true
	}
	w := a.doc.Sentences[si].Lower[k]
	tok := s.Tokens[k]
	switch w {
	case "he", "him", "she", "her":
		if w == "her" && k+1 < len(s.Tokens) && !lexicon.ClauseStops[a.doc.Sentences[si].Lower[k+1]] && a.doc.Sentences[si].Lower[k+1] != "and" && a.doc.Sentences[si].Lower[k+1] != "," && a.doc.Sentences[si].Lower[k+1] != "." {
			return member{}, false // possessive "her"
		}
		if act := a.resolvePronoun(si, k); act >= 0 {
			return member{parts: []participant{{actor: act, sent: si, start: tok.Start, end: tok.End}}, start: k, end: k + 1}, true
		}
		return member{start: k, end: k + 1, unnamed: true}, true
	}
	// "the Trumps", "the Abes": every person of that family in the article.
	if k > 0 && a.doc.Sentences[si].Lower[k-1] == "the" && len(w) > 2 && strings.HasSuffix(w, "s") && unicode.IsUpper(document.FirstRune(tok.Text)) {
		if fam := ev.surnames[strings.TrimSuffix(w, "s")]; len(fam) > 0 {
			var ps []participant
			for _, act := range fam {
				ps = append(ps, participant{actor: act, sent: si, start: tok.Start, end: tok.End})
			}
			return member{parts: ps, start: k, end: k + 1}, true
		}
	}
	return member{}, false
}

// hyphenMember reads names joined by hyphens in one token: "Trump-Kim",
// "U.S.-Turkey", "Trump-Abe".
func (a *analysis) hyphenMember(si, k int) (member, bool) {
	tok := a.doc.Sentences[si].Tokens[k]
	if !strings.Contains(tok.Text, "-") || !unicode.IsUpper(document.FirstRune(tok.Text)) || strings.HasPrefix(strings.ToLower(tok.Text), "then-") {
		return member{}, false
	}
	var ps []participant
	off := tok.Start
	for _, piece := range strings.Split(tok.Text, "-") {
		if piece == "" || !unicode.IsUpper(document.FirstRune(piece)) {
			return member{}, false
		}
		act := a.actorByName(piece)
		if act < 0 {
			return member{}, false
		}
		ps = append(ps, participant{actor: act, sent: si, start: off, end: off + len(piece)})
		off += len(piece) + 1
	}
	if len(ps) < 2 {
		return member{}, false
	}
	return member{parts: ps, start: k, end: k + 1}, true
}

// agentOf returns the end of the role nouns that follow a modifier
// mention when they name no one ("US officials", "Chinese officials"),
// so the mention stands for them; ok is false when a name follows
// ("Japanese Prime Minister Shinzo Abe") or no role noun does.
func (a *analysis) agentOf(si int, m document.Mention) (int, bool) {
	lw := a.doc.Sentences[si].Lower
	k := m.End
	if k < len(lw) && (lw[k] == "'s" || lw[k] == "’s") {
		return 0, false
	}
	j := k
	for j < len(lw) && (lexicon.RoleNouns[lw[j]] || lexicon.AgentNouns[lw[j]]) && j-k < 4 {
		j++
	}
	// A capitalised word after the role nouns is a name ("officials Kim
	// Yong Chol"), unless it starts a date ("EU foreign ministers Monday").
	if j == k || (j < len(lw) && (a.doc.Sentences[si].MentionAt[j] >= 0 || document.Capitalised(a.doc.Sentences[si].Tokens[j].Text) && a.doc.Sentences[si].DateStartingAt(j) == j)) {
		return 0, false
	}
	return j, true
}

// isModifier says whether a mention qualifies the words after it rather
// than naming a participant: "Japan's Prime Minister Shinzo Abe", "North
// Korean leader Kim", "US officials", "Trump administration".
func (a *analysis) isModifier(si int, m document.Mention) bool {
	lw := a.doc.Sentences[si].Lower
	k := m.End
	if k >= len(lw) {
		return false
	}
	if lw[k] == "'s" || lw[k] == "’s" {
		// A possessive before a title or a name is a modifier; before a
		// meeting noun it is the holder ("Pompeo's visit").
		if k+1 < len(lw) {
			if _, trig := meetingTriggers[lw[k+1]]; trig {
				return false
			}
			if a.doc.Sentences[si].MentionAt[k+1] >= 0 || lexicon.RoleNouns[lw[k+1]] || document.Capitalised(a.doc.Sentences[si].Tokens[k+1].Text) {
				return true
			}
		}
		return true
	}
	if a.doc.Sentences[si].MentionAt[k] >= 0 && a.doc.Mentions[a.doc.Sentences[si].MentionAt[k]].Type == "PER" {
		return true
	}
	if lexicon.RoleNouns[lw[k]] || lexicon.AgentNouns[lw[k]] {
		return true
	}
	// "South Korean and Japanese officials": a run of modifiers.
	if (lw[k] == "and" || lw[k] == ",") && k+1 < len(lw) && a.doc.Sentences[si].MentionAt[k+1] >= 0 && m.Actor >= 0 && a.doc.Actors[m.Actor].Type == ingest.Country {
		next := a.doc.Mentions[a.doc.Sentences[si].MentionAt[k+1]]
		if next.Type != "PER" && next.Start == k+1 {
			return a.isModifier(si, next)
		}
	}
	return false
}

// isAllCapsWord: "CIA", "U.S.", "UN" — short all-capital words that stand in
// titles ("CIA Director Mike Pompeo").
func isAllCapsWord(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2 && len(s) <= 8
}

// actorByName finds an actor by a name, alias or surname the article uses,
// or a country by any of its names; -1 when none or ambiguous.
func (a *analysis) actorByName(name string) int {
	ev := a.events
	k := strings.ToLower(document.CleanName(name))
	if k == "" {
		return -1
	}
	if i, ok := ev.byName[k]; ok {
		return i
	}
	if fam := ev.surnames[k]; len(fam) == 1 {
		return fam[0]
	} else if len(fam) > 1 {
		// The family member the article names most: "Trump" is Donald, not Melania.
		best, bestN, tie := -1, -1, false
		for _, i := range fam {
			if n := a.doc.Actors[i].Mentions; n > bestN {
				best, bestN, tie = i, n, false
			} else if n == bestN {
				tie = true
			}
		}
		if !tie {
			return best
		}
		return -1
	}
	// Any word of one person's full name: "Kim" of "Kim Jong Un".
	if len(k) >= 3 {
		found := -1
		for i, act := range a.doc.Actors {
			if act.Type != ingest.Person {
				continue
			}
			for _, part := range strings.Fields(strings.ToLower(act.Name)) {
				if part == k {
					if found >= 0 && found != i {
						found = -2
					} else if found != -2 {
						found = i
					}
				}
			}
		}
		if found >= 0 {
			return found
		}
	}
	if c, ok := a.doc.Places.Country(name); ok {
		for i, act := range a.doc.Actors {
			if act.ID == c.ID {
				return i
			}
		}
		a.doc.Actors = append(a.doc.Actors, ingest.Actor{ID: c.ID, Name: c.Name, Type: ingest.Country, Aliases: []string{}, MatchedBy: "country-name"})
		ev.gender = append(ev.gender, 0)
		ev.byName[k] = len(a.doc.Actors) - 1
		found := false
		for _, l := range a.doc.Locations {
			if l.ID == c.ID {
				found = true
			}
		}
		if !found {
			a.doc.Locations = append(a.doc.Locations, ingest.Location{ID: c.ID, Name: c.Name, Kind: c.Kind, CountryCode: c.CountryCode,
				Latitude: c.Latitude, Longitude: c.Longitude, PartOf: c.PartOf})
		}
		return len(a.doc.Actors) - 1
	}
	return -1
}

// rightGroup reads the participants after a trigger: "with X and Y",
// "between X and Y", "met X", skipping adverbs, dates and "by phone".
// between reports a "between" group; end is the token after the group.
func (a *analysis) rightGroup(si, start, limit int, trig triggerKind) (parts []participant, between bool, end int) {
	lw := a.doc.Sentences[si].Lower
	k := start
	sawPrep := false
	for steps := 0; k < limit && steps < 14; steps++ {
		w := lw[k]
		if a.doc.Sentences[si].Quoted[k] || w == "“" || w == "”" || w == "\"" {
			if !trig.noun {
				return nil, false, k
			}
			k++ // "talks at “extremely high levels” with X"
			continue
		}
		switch {
		case w == "with" || w == "between" || w == "among" || w == "of":
			if w == "of" && !trig.noun {
				return nil, false, k
			}
			between = w == "between" || w == "among"
			sawPrep = true
			k++
			g, e := a.collectGroup(si, k, limit)
			return g, between, e
		case w == "by" || w == "on" || w == "over" || w == "via":
			// "by phone", "on the phone", "over the phone"; "by X" after a
			// passive host verb names the host.
			if k+1 < limit && (lw[k+1] == "phone" || lw[k+1] == "telephone" || lw[k+1] == "the" || lw[k+1] == "video") {
				k += 2
				if k < limit && (lw[k] == "phone" || lw[k] == "telephone") {
					k++
				}
				continue
			}
			if w == "by" && trig.host {
				k++
				g, e := a.collectGroup(si, k, limit)
				return g, false, e
			}
			return nil, false, k
		case w == "to" && (trig.kind == "call" || trig.kind == "visit"):
			k++
			g, e := a.collectGroup(si, k, limit)
			return g, false, e
		case strings.HasSuffix(w, "ly") && len(w) > 4 && !document.Capitalised(a.doc.Sentences[si].Tokens[k].Text):
			k++ // separately, directly, secretly
		case a.doc.Sentences[si].DateStartingAt(k) > k:
			k = a.doc.Sentences[si].DateStartingAt(k)
		case w == "again" || w == "privately" || w == "briefly" || w == "today" || w == "also" || w == "for" && false:
			k++
		default:
			if trig.noun || sawPrep {
				// Noun triggers take participants only through a preposition,
				// possibly after a short adjunct: "talks at “high levels” with X".
				if w == "at" || w == "in" || w == "on" || w == "this" || w == "last" || w == "next" || w == "levels" || w == "level" || w == "extremely" || w == "high" {
					k++
					continue
				}
				// "talks in Jeddah this week with officials": a place
				// after "in" or "at" is an adjunct.
				if mi := a.doc.Sentences[si].MentionAt[k]; mi >= 0 && a.doc.Mentions[mi].Location >= 0 && k > 0 && (lw[k-1] == "in" || lw[k-1] == "at") {
					k = a.doc.Mentions[mi].End
					continue
				}
				return nil, false, k
			}
			// A verb's direct object: "met Kim", "hosted Abe"; not a
			// coordinated clause after an adjunct ("Bill Clinton visited
			// Sunday and Obama on Monday").
			if k > start && (w == "and" || w == "or" || w == ",") {
				return nil, false, k
			}
			g, e := a.collectGroup(si, k, limit)
			return g, false, e
		}
	}
	return nil, false, k
}

// collectGroup reads a coordinated group of participants starting at k:
// members joined by "and", commas and role words, with the fillers a name
// may carry ("Japan's Prime Minister Shinzo Abe and his wife Akie").
func (a *analysis) collectGroup(si, k, limit int) ([]participant, int) {
	lw := a.doc.Sentences[si].Lower
	s := a.doc.Sentences[si]
	var parts []participant
	gap := 0
	end := k
	agentStart := -1 // byte offset of "officials" in "officials from Egypt"
	for k < limit && k < len(lw) {
		if m, ok := a.memberAt(si, k); ok {
			if agentStart >= 0 && len(m.parts) > 0 {
				// The first country or body after "officials from" stands
				// for them, named by the whole phrase.
				m.parts[0].start = agentStart
				agentStart = -1
			}
			parts = append(parts, m.parts...)
			k = m.end
			end = k
			gap = 0
			continue
		}
		w := lw[k]
		// "officials from Egypt, Turkey and Jordan": people from a country
		// or body stand for it, as in "Egyptian officials".
		if (lexicon.RoleNouns[w] || lexicon.AgentNouns[w]) && k+2 < len(lw) && k+2 < limit && lw[k+1] == "from" && a.doc.Sentences[si].MentionAt[k+2] >= 0 {
			if mm := a.doc.Mentions[a.doc.Sentences[si].MentionAt[k+2]]; mm.Actor >= 0 && a.doc.Actors[mm.Actor].Type != ingest.Person {
				agentStart = s.Tokens[k].Start
				k += 2
				gap = 0
				continue
			}
		}
		// "the Prime Minister of New Zealand Bill English": "of" inside a
		// title, between a role and a capitalised name.
		titleOf := w == "of" && k > 0 && lexicon.RoleNouns[lw[k-1]] && k+1 < len(lw) && document.Capitalised(s.Tokens[k+1].Text)
		if lexicon.GroupFillers[w] || titleOf || lexicon.RoleNouns[w] || strings.HasPrefix(w, "then-") || strings.HasPrefix(w, "ex-") || isAllCapsWord(s.Tokens[k].Text) || a.doc.IsCountryWord(s.Tokens[k].Text) {
			if w == "," && len(parts) > 0 && k+1 < len(lw) && lw[k+1] != "and" && a.doc.Sentences[si].MentionAt[k+1] < 0 && !lexicon.RoleNouns[lw[k+1]] && !lexicon.GroupFillers[lw[k+1]] {
				break // an apposition or a new clause, not the next member
			}
			gap++
			if gap > 5 {
				break
			}
			k++
			continue
		}
		break
	}
	return parts, end
}

// subjectGroup finds the subject of a verb trigger: the nearest group of
// actors on its left within the clause that is not inside a prepositional
// phrase. "Xi, who met Obama" takes the antecedent of "who"; "After
// meeting Kim, Trump said" takes the subject after the comma.
func (a *analysis) subjectGroup(si, ti int) []participant {
	lw := a.doc.Sentences[si].Lower
	// Sentence-initial participle: "After meeting X, Y ..." / "After
	// speaking by phone, X and Y ...".
	if ti <= 2 && ti > 0 && (lw[ti-1] == "after" || lw[ti-1] == "before" || lw[ti-1] == "while" || lw[ti-1] == "since") {
		for k := ti + 1; k < len(lw); k++ {
			if lw[k] == "," {
				g, _ := a.collectGroup(si, k+1, len(lw))
				return g
			}
		}
		return nil
	}
	if ti > 0 && (lw[ti-1] == "to" || ti > 1 && lw[ti-2] == "to" && lw[ti-1] == "have") && a.superlativeBefore(si, ti) {
		// "made him the most senior official ever known to have met with
		// Kim": the subject is the one the superlative is said of.
		for k := ti - 2; k >= 0 && ti-k <= 16; k-- {
			if lexicon.ClauseStops[lw[k]] {
				break
			}
			if mem, ok := a.memberAt(si, k); ok && len(mem.parts) == 1 && a.doc.Actors[mem.parts[0].actor].Type == ingest.Person {
				return mem.parts
			}
		}
		return nil
	}
	k := ti - 1
	for ; k >= 0 && ti-k <= 18; k-- {
		w := lw[k]
		if w == "who" || w == "whom" {
			// The antecedent of the relative pronoun.
			j := k - 1
			if j >= 0 && lw[j] == "," {
				j--
			}
			return a.groupEndingAt(si, j)
		}
		if lexicon.ClauseStops[w] {
			return nil
		}
		if a.doc.Sentences[si].Quoted[k] {
			return nil
		}
		mem, ok := a.memberAt(si, k)
		if !ok {
			// an unnamed subject ("a US official met") ends the search
			if lexicon.RoleNouns[w] && (k+1 >= len(lw) || a.doc.Sentences[si].MentionAt[k+1] < 0) && !a.titleOfNext(si, k) && k+1 < ti {
				if k > 0 && (lw[k-1] == "the" || lw[k-1] == "a" || lw[k-1] == "an" || a.doc.Sentences[si].MentionAt[k-1] >= 0) {
					return nil
				}
			}
			continue
		}
		start := mem.start
		if a.doc.Sentences[si].MentionAt[k] >= 0 {
			start = a.doc.Mentions[a.doc.Sentences[si].MentionAt[k]].Start
		}
		if start > 0 && isPlacePreposition(lw[start-1]) {
			k = start
			continue
		}
		if mem.unnamed && len(mem.parts) == 0 {
			// "US officials met": the modifier heads no named subject
			if !(start > 0 && (lw[start-1] == "the" || lw[start-1] == "a")) && a.doc.Sentences[si].MentionAt[k] >= 0 {
				continue
			}
			continue
		}
		return a.groupEndingAt(si, k)
	}
	return nil
}

// titleOfNext says whether the role word at k is part of a title before a
// name ("leader Kim").
func (a *analysis) titleOfNext(si, k int) bool {
	lw := a.doc.Sentences[si].Lower
	for j := k + 1; j < len(lw) && j <= k+4; j++ {
		if a.doc.Sentences[si].MentionAt[j] >= 0 {
			return a.doc.Mentions[a.doc.Sentences[si].MentionAt[j]].Type == "PER"
		}
		if !lexicon.RoleNouns[lw[j]] && !document.Capitalised(a.doc.Sentences[si].Tokens[j].Text) {
			return false
		}
	}
	return false
}

// isPlacePreposition: a mention after one of these is a place or a
// circumstance, not a subject.
func isPlacePreposition(w string) bool {
	switch w {
	case "to", "in", "at", "from", "into", "across", "near", "inside", "outside", "toward", "towards", "for",
		"about", "on", "over", "against", "through", "of", "by", "under", "within", "around":
		return true
	}
	return false
}

// groupEndingAt reads the coordinated group whose last member ends at or
// covers token k, scanning left for its other members.
func (a *analysis) groupEndingAt(si, k int) []participant {
	lw := a.doc.Sentences[si].Lower
	if k < 0 {
		return nil
	}
	// Move left to the start of the group.
	start := k
	gap := 0
	for j := k; j >= 0; j-- {
		if _, ok := a.memberAt(si, j); ok {
			start = j
			gap = 0
			continue
		}
		w := lw[j]
		if lexicon.GroupFillers[w] || lexicon.RoleNouns[w] || strings.HasPrefix(w, "then-") || isAllCapsWord(a.doc.Sentences[si].Tokens[j].Text) || a.doc.IsCountryWord(a.doc.Sentences[si].Tokens[j].Text) {
			gap++
			if gap > 5 {
				break
			}
			continue
		}
		break
	}
	g, _ := a.collectGroup(si, start, k+1)
	return g
}

// nounLeftParticipants finds participants to the left of a noun trigger:
// a compound or possessive right before it ("a Trump-Kim summit",
// "Pompeo's visit", "U.S.-Turkey meeting") or the subject of a support
// verb ("Trump and Abe opened two days of talks").
func (a *analysis) nounLeftParticipants(si, ti int) []participant {
	lw := a.doc.Sentences[si].Lower
	var parts []participant
	// Compounds and possessives inside the noun phrase.
	k := ti - 1
	for ; k >= 0 && ti-k <= 5; k-- {
		w := lw[k]
		if mem, ok := a.memberAt(si, k); ok {
			if len(mem.parts) >= 2 {
				parts = append(parts, mem.parts...)
				k = mem.start
				continue
			}
			if a.doc.Sentences[si].MentionAt[k] >= 0 {
				mm := a.doc.Mentions[a.doc.Sentences[si].MentionAt[k]]
				if mm.Actor >= 0 && (mm.End == ti || (mm.End < len(lw) && (lw[mm.End] == "'s" || lw[mm.End] == "’s"))) {
					parts = append(parts, participant{actor: mm.Actor, sent: si, start: a.doc.Sentences[si].Tokens[mm.Start].Start, end: a.doc.Sentences[si].Tokens[mm.End-1].End})
					k = mm.Start
					continue
				}
				if mm.Actor >= 0 && mm.End < len(lw) && (lw[mm.End] == "-" || lw[mm.End] == "–") {
					parts = append(parts, participant{actor: mm.Actor, sent: si, start: a.doc.Sentences[si].Tokens[mm.Start].Start, end: a.doc.Sentences[si].Tokens[mm.End-1].End})
					k = mm.Start
					continue
				}
			}
			parts = append(parts, mem.parts...)
			k = mem.start
			continue
		}
		switch w {
		case "'s", "’s", "-", "–", "and", ",", "first", "secret", "two", "three", "direct", "bilateral", "formal",
			"phone", "telephone", "joint", "planned", "proposed", "prospective", "unprecedented", "historic",
			"private", "brief", "high-level", "peace", "recent", "face-to-face", "upcoming", "second", "latest":
			continue
		}
		break
	}
	if len(parts) > 0 {
		return parts
	}
	if g := a.frontedPhraseSubject(si, ti); len(g) > 0 {
		return g
	}
	// A possessive determiner or a circumstance: "his phone call with X",
	// "after their meeting", "X reads papers during a meeting".
	for j := ti - 1; j >= 0 && ti-j <= 6; j-- {
		w := lw[j]
		switch w {
		case "his", "her":
			if ti-j > 4 || !a.modifiersOnly(si, j+1, ti) {
				return nil // "his hospitality and the phone call", "His comments come as talks ..."
			}
			if act := a.resolvePronoun(si, j); act >= 0 {
				t := a.doc.Sentences[si].Tokens[j]
				return []participant{{actor: act, sent: si, start: t.Start, end: t.End}}
			}
			return nil
		case "their":
			if ti-j > 4 || !a.modifiersOnly(si, j+1, ti) {
				return nil
			}
			return a.personsBefore(si, j, 4)
		case "part":
			// "as part of a meeting with X"
			if j > 0 && lw[j-1] == "as" {
				return a.subjectGroup(si, j-1)
			}
		case "during", "at", "after", "following", "throughout":
			// "before the summit", "until after the summit" date another
			// event by this one; they say nothing of who attended.
			if w == "after" && j > 0 && (lw[j-1] == "until" || lw[j-1] == "till") {
				return nil
			}
			return a.subjectGroup(si, j)
		case "before", "ahead":
			return nil
		}
		// "at the All-India Congress committee meeting": the names and
		// nouns of the meeting's own phrase are passed over.
		if lexicon.ClauseStops[w] || w == "," || lexicon.SupportVerbs[w] || a.doc.Sentences[si].MentionAt[j] >= 0 && (ti-j > 4 || a.doc.Mentions[a.doc.Sentences[si].MentionAt[j]].Location >= 0) {
			break
		}
	}
	// The subject of a support verb within a few words: "X held talks",
	// "X opened two days of talks", "X had a secret meeting with Y".
	for j := ti - 1; j >= 0 && ti-j <= 6; j-- {
		w := lw[j]
		if lexicon.ClauseStops[w] && !lexicon.SupportVerbs[w] || w == "," {
			break // "told" ends a clause, yet "X told a meeting" is X's
		}
		if lexicon.SupportVerbs[w] {
			if (w == "have" || w == "has" || w == "had" || w == "having") && j+1 < ti && isParticiple(lw[j+1]) {
				// "supposed to have blessed the talks": an auxiliary.
				return nil
			}
			return a.subjectGroup(si, j)
		}
	}
	return nil
}

// isParticiple says whether a word looks like a past participle:
// "blessed", "broken", "made".
func isParticiple(w string) bool {
	if lexicon.SupportVerbs[w] && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en")) {
		return true
	}
	return len(w) > 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en"))
}

// personsBefore returns up to n persons named before token k of the
// sentence, outside quotes: the people "their" stands for.
func (a *analysis) personsBefore(si, k, n int) []participant {
	var out []participant
	for j := 0; j < k && len(out) < n; j++ {
		if a.doc.Sentences[si].Quoted[j] {
			continue
		}
		if mem, ok := a.memberAt(si, j); ok {
			for _, p := range mem.parts {
				if a.doc.Actors[p.actor].Type == ingest.Person {
					out = append(out, p)
				}
			}
			if mem.end > j {
				j = mem.end - 1
			}
		}
	}
	return out
}

// visitInClause says whether the clause of a meeting verb also reports a
// visit to a place: "made a secret visit to North Korea and met with Kim".
func (a *analysis) visitInClause(si, ti int) bool {
	lw := a.doc.Sentences[si].Lower
	for k := ti - 1; k >= 0 && ti-k <= 14; k-- {
		if lexicon.ClauseStops[lw[k]] {
			return false
		}
		switch lw[k] {
		case "visit", "visited", "trip", "travelled", "traveled", "flew", "visiting":
			if loc, _ := a.visitPlace(si, k); loc >= 0 {
				return true
			}
		}
	}
	return false
}

// meetingStatus reads the status from the words around the trigger.
func (a *analysis) meetingStatus(si, ti int, trig triggerKind) string {
	lw := a.doc.Sentences[si].Lower
	left := a.leftWindow(si, ti, 9)
	right := a.predicateAfter(si, ti, trig)
	has := func(words []int, set map[string]bool) bool {
		for _, k := range words {
			if set[lw[k]] {
				return true
			}
		}
		return false
	}
	all := append(append([]int(nil), left...), right...)
	for _, k := range all {
		w := lw[k]
		if cancelCues[w] && w != "off" {
			return ingest.StatusCancelled
		}
		if w == "off" && k > 0 && (lw[k-1] == "called" || lw[k-1] == "call" || lw[k-1] == "calls") {
			return ingest.StatusCancelled
		}
		if w == "pulled" && k+1 < len(lw) && lw[k+1] == "out" {
			return ingest.StatusCancelled
		}
	}
	for _, k := range all {
		w := lw[k]
		if refuseCues[w] && (w != "ruled" || (k+1 < len(lw) && lw[k+1] == "out")) {
			return ingest.StatusRefused
		}
		if w == "turned" && k+1 < len(lw) && lw[k+1] == "down" {
			return ingest.StatusRefused
		}
	}
	if has(left, denyCues) {
		return ingest.StatusDenied
	}
	negated := has(left, negationCues) || has(right, negationCues)
	if has(all, hypotheticalCues) {
		return ingest.StatusProposed
	}
	future := has(all, plannedCues)
	if !future && !trig.noun && ti > 0 && lw[ti-1] == "to" {
		// "to meet": intent, unless "the first leader to meet", "known
		// to have met" (perfect: handled by "have" before a past form).
		future = !a.superlativeBefore(si, ti)
	}
	if !future && !trig.noun && ti > 1 && lw[ti-2] == "to" && (lw[ti-1] == "have" || lw[ti-1] == "has") {
		future = false
	}
	if !future && trig.noun && a.purposeBefore(si, ti) {
		future = true
	}
	if trig.noun {
		switch a.headOfPhrase(si, ti) {
		case "talk", "prospect", "prospects", "idea", "chance", "chances":
			return ingest.StatusProposed // "talk of an early summit between X and Y"
		case "announcement", "preparations", "date", "venue", "agenda":
			future = true // "the announcement of the X-Y summit"
		}
	}
	if future {
		if negated {
			return ingest.StatusRefused
		}
		return ingest.StatusPlanned
	}
	if has(all, proposalCues) {
		return ingest.StatusProposed
	}
	if trig.intent {
		return ingest.StatusProposed
	}
	if negated {
		return ingest.StatusDenied
	}
	// Present tense of the verb itself names a scheduled or habitual
	// meeting in headlines and captions ("Obama meets Friday with ..."):
	// a caption describes a photo of it, so it is held.
	return ingest.StatusHeld
}

// leftWindow is the token indices before ti within its clause, nearest
// first, at most n of them; a relative clause or complement clause the
// trigger sits in is the clause.
func (a *analysis) leftWindow(si, ti, n int) []int {
	lw := a.doc.Sentences[si].Lower
	var out []int
	for k := ti - 1; k >= 0 && ti-k <= n; k-- {
		w := lw[k]
		if lexicon.ClauseStops[w] && w != "that" && w != "when" {
			break
		}
		if a.doc.Sentences[si].Quoted[k] != a.doc.Sentences[si].Quoted[ti] {
			break
		}
		out = append(out, k)
		if w == "that" || w == "when" || w == "if" {
			break
		}
	}
	return out
}

// predicateAfter is the verb phrase after a noun trigger used as subject
// ("the summit ... could take place", "the meeting was cancelled"), or the
// words right after a verb trigger ("met ... , he denied").
func (a *analysis) predicateAfter(si, ti int, trig triggerKind) []int {
	lw := a.doc.Sentences[si].Lower
	var out []int
	if !trig.noun {
		return nil
	}
	// A noun trigger that is the object of something before it has no
	// predicate of its own.
	if ti > 0 {
		switch lw[ti-1] {
		case "the", "this", "that", "a", "an":
			if ti > 1 && (lexicon.SupportVerbs[lw[ti-2]] || isPlacePreposition(lw[ti-2])) {
				return nil
			}
		}
	}
	for k := ti + 1; k < len(lw) && k-ti <= 30; k++ {
		w := lw[k]
		if w == "." || w == ";" || w == "“" || w == "”" {
			break
		}
		out = append(out, k)
		if w == "happen" || w == "place" || w == "held" || w == "happened" || w == "occur" || w == "cancelled" || w == "canceled" || w == "off" || w == "scheduled" {
			break
		}
	}
	// Only keep the predicate when it has an event verb: the summit "could
	// take place", "may not happen", "was cancelled", "will be held".
	for _, k := range out {
		switch lw[k] {
		case "happen", "happened", "place", "held", "occur", "cancelled", "canceled", "off", "scheduled", "planned", "postponed", "scrapped", "go":
			return out
		}
	}
	return nil
}

// infinitiveAt says whether "to" at token k starts an infinitive ("to
// plan a summit") rather than a place ("a visit to North Korea").
func (a *analysis) infinitiveAt(si, k int) bool {
	lw := a.doc.Sentences[si].Lower
	if lw[k] != "to" || k+1 >= len(lw) {
		return false
	}
	next := a.doc.Sentences[si].Tokens[k+1].Text
	if a.doc.Sentences[si].MentionAt[k+1] >= 0 || document.Capitalised(next) {
		return false
	}
	switch lw[k+1] {
	case "the", "a", "an", "his", "her", "their", "its", "this", "that", "be":
		return lw[k+1] == "be"
	}
	return unicode.IsLetter(document.FirstRune(next))
}

// superlativeBefore says whether "to V" follows "the first/most senior ...
// (ever)": the relative infinitive of a superlative reports a fact.
func (a *analysis) superlativeBefore(si, ti int) bool {
	lw := a.doc.Sentences[si].Lower
	for k := ti - 2; k >= 0 && ti-k <= 9; k-- {
		if superlativeCues[lw[k]] {
			// "willingness to become the first president to meet": a
			// superlative still to be reached is an intent.
			for j := k - 1; j >= 0 && k-j <= 3; j-- {
				switch lw[j] {
				case "become", "becoming", "be", "would", "will", "could":
					return false
				}
			}
			return true
		}
		if lexicon.ClauseStops[lw[k]] || proposalCues[lw[k]] || plannedCues[lw[k]] {
			return false
		}
	}
	return false
}

// purposeBefore says whether a noun trigger is the object of an infinitive
// of purpose: "to plan a summit", "to set up a summit", "to arrange talks".
func (a *analysis) purposeBefore(si, ti int) bool {
	lw := a.doc.Sentences[si].Lower
	for k := ti - 1; k >= 0 && ti-k <= 6; k-- {
		if lw[k] == "to" {
			return k+1 < ti && lw[k+1] != "the" && !isPlacePreposition(lw[k+1])
		}
		if lexicon.ClauseStops[lw[k]] || lw[k] == "," {
			return false
		}
	}
	return false
}

// meetingLocation finds where the meeting was: a place after "at", "in"
// or "to" (of a visit) in the clause, the most specific first; a country
// that is a participant is not its place.
func (a *analysis) meetingLocation(si, ti int, parts []participant) int {
	lw := a.doc.Sentences[si].Lower
	isPart := func(id string) bool {
		for _, p := range parts {
			if a.doc.Actors[p.actor].ID == id {
				return true
			}
		}
		return false
	}
	lo := ti - 14
	if lo < 0 {
		lo = 0
	}
	for k := ti - 1; k >= 0 && k >= lo; k-- {
		if lexicon.ClauseStops[lw[k]] || a.infinitiveAt(si, k) {
			lo = k + 1
			break
		}
	}
	hi := ti + 20
	if hi > len(lw) {
		hi = len(lw)
	}
	for k := ti + 1; k < hi; k++ {
		if lw[k] == "." || lw[k] == ";" || lw[k] == "“" || lw[k] == "”" || lw[k] == "that" || lw[k] == "said" {
			hi = k
			break
		}
	}
	best, bestDist := -1, 1<<30
	for k := lo; k < hi; k++ {
		mi := a.doc.Sentences[si].MentionAt[k]
		if mi < 0 || a.doc.Mentions[mi].Start != k {
			continue
		}
		m := a.doc.Mentions[mi]
		prep := ""
		j := k - 1
		for j >= 0 && (lw[j] == "the" || lw[j] == "'s" || lw[j] == "’s" || a.doc.Sentences[si].MentionAt[j] >= 0 && a.doc.Sentences[si].MentionAt[j] != mi || lw[j] == "president" || lw[j] == "a") && k-j < 6 {
			j--
		}
		if j >= 0 {
			prep = lw[j]
		}
		if prep != "at" && prep != "in" && prep != "to" && prep != "inside" {
			continue
		}
		loc := m.Location
		if loc < 0 {
			if m.Type == "PER" || (m.Actor >= 0 && a.doc.Actors[m.Actor].Type == ingest.Person) {
				continue
			}
			// "at Mar-a-Lago": a named venue the tagger took for an organisation.
			if prep != "at" {
				continue
			}
			loc = a.venue(m)
		}
		if loc < 0 || isPart(a.doc.Locations[loc].ID) {
			continue
		}
		d := k - ti
		if d < 0 {
			d = -d + 3 // places after the trigger are likelier its place
		}
		// The most specific place wins over a country or region further out.
		if a.doc.Locations[loc].Kind == "country" {
			d += 6
		}
		if d < bestDist {
			best, bestDist = loc, d
		}
	}
	return best
}

// venue makes a location of an organisation-tagged name after "at".
func (a *analysis) venue(m document.Mention) int {
	name := document.CleanName(m.Text)
	if name == "" {
		return -1
	}
	id := "place:" + document.Slug(name)
	for i, l := range a.doc.Locations {
		if l.ID == id || strings.EqualFold(l.Name, name) {
			return i
		}
	}
	ev := a.doc.Evidence(m.Sent)
	a.doc.Locations = append(a.doc.Locations, ingest.Location{ID: id, Name: name, Kind: "venue", Mentions: 1, Evidence: &ev})
	return len(a.doc.Locations) - 1
}

// thirdLocation says whether a meeting's place lies outside every
// participant country (CAMEO 044, meet at a third location).
func (a *analysis) thirdLocation(loc int, parts []participant) bool {
	if loc < 0 {
		return false
	}
	cc := a.doc.Locations[loc].CountryCode
	if cc == "" {
		return false
	}
	for _, p := range parts {
		act := a.doc.Actors[p.actor]
		if act.Type != ingest.Country {
			return false // a person's country is unknown here
		}
		if strings.EqualFold(strings.TrimPrefix(act.ID, "country:"), cc) {
			return false
		}
	}
	return true
}

// eventDate picks the date expression of the clause that belongs to the
// event at ti: dates after "take place", "be held" or the trigger itself
// win over dates after other verbs ("first proposed in March").
func (a *analysis) eventDate(si, ti int, past bool) (ingest.DateRef, bool) {
	lw := a.doc.Sentences[si].Lower
	best, bestScore := -1, 1<<30
	for di, d := range a.doc.Sentences[si].Dates {
		if a.doc.Sentences[si].Quoted[d.Start] != a.doc.Sentences[si].Quoted[ti] {
			continue
		}
		// Same clause: no sentence-level stop between date and trigger.
		lo, hi := d.Start, ti
		if lo > hi {
			lo, hi = ti, d.Start
		}
		blocked := false
		for k := lo + 1; k < hi; k++ {
			if lw[k] == ";" || lw[k] == "said" || lw[k] == "says" || lw[k] == "“" || lw[k] == "”" || lw[k] == "but" ||
				lw[k] == "that" || lw[k] == "told" || lw[k] == "since" || a.infinitiveAt(si, k) && d.Start < ti {
				blocked = true
			}
		}
		if blocked {
			continue
		}
		score := hi - lo
		if d.Start < ti {
			score += 2
		}
		// A date after another verb belongs to that verb.
		for k := d.Start - 1; k >= 0 && d.Start-k <= 3; k-- {
			switch lw[k] {
			case "place", "held", "happen", "happened", "met", "meet", "meeting", "visit", "visited", "talks", "summit":
				score -= 20
			case "proposed", "announced", "reported", "said", "confirmed", "agreed", "suggested", "offered", "born", "elected", "since":
				score += 25
			}
		}
		if score < bestScore {
			best, bestScore = di, score
		}
	}
	if best < 0 {
		return ingest.DateRef{}, false
	}
	d := a.doc.Sentences[si].Dates[best]
	s := a.doc.Sentences[si]
	start := d.Start
	if start > 0 && dateLeadWords[lw[start-1]] {
		start--
	}
	return d.Ref(a.doc.Article.Published, !past, a.doc.Article.Text[s.Tokens[start].Start:s.Tokens[d.End-1].End])
}

// dateLeadWords are kept with a date's text: "over Easter", "in 2014".
var dateLeadWords = map[string]bool{
	"on": true, "in": true, "over": true, "at": true, "during": true, "since": true, "by": true, "until": true,
	"before": true, "after": true, "from": true, "between": true,
}

// cameoCode maps a meeting to its CAMEO event code: 036 intent to meet,
// 040 consult, 041 discuss by telephone, 042 make a visit, 043 host a
// visit, 044 meet at a third location, 046 engage in negotiation, 125
// reject a proposal to meet, 164 cancel (halt) a meeting. A denied meeting
// is no event and has no code.
func cameoCode(status, kind, mode string, thirdPlace bool) string {
	switch status {
	case ingest.StatusPlanned, ingest.StatusProposed:
		return "036"
	case ingest.StatusRefused:
		return "125"
	case ingest.StatusCancelled:
		return "164"
	case ingest.StatusDenied:
		return ""
	}
	switch {
	case mode == "host":
		return "043"
	case mode == "visit":
		return "042"
	case kind == "call":
		return "041"
	case kind == "talks":
		return "046"
	case thirdPlace:
		return "044"
	}
	return "040"
}

// onlyPlaces says whether every participant is a country: the object of a
// visit that names no one to meet.
func (a *analysis) onlyPlaces(ps []participant) bool {
	for _, p := range ps {
		if a.doc.Actors[p.actor].Type != ingest.Country {
			return false
		}
	}
	return true
}

func dedupeParticipants(ps []participant) []participant {
	seen := map[int]bool{}
	out := ps[:0]
	for _, p := range ps {
		if seen[p.actor] {
			continue
		}
		seen[p.actor] = true
		out = append(out, p)
	}
	return out
}

// mergeMeetings joins the reports of one meeting within an article: same
// key, compatible dates and places. The first report gives the evidence;
// later ones fill in a missing place or date. IDs derive from the key and
// the article, so re-extracting gives the same IDs.
func mergeMeetings(found []ingest.Meeting) []ingest.Meeting {
	var out []ingest.Meeting
	for _, m := range found {
		merged := false
		for i := range out {
			o := &out[i]
			if ingest.MeetingKey(*o) != ingest.MeetingKey(m) || !ingest.DatesCompatible(o.Date, o.DateEnd, m.Date, m.DateEnd) ||
				(o.LocationID != "" && m.LocationID != "" && o.LocationID != m.LocationID) {
				continue
			}
			if o.LocationID == "" && m.LocationID != "" {
				o.Location, o.LocationID = m.Location, m.LocationID
			}
			if o.Date == nil && m.Date != nil {
				o.Date, o.DateEnd, o.DateText, o.DateGranular = m.Date, m.DateEnd, m.DateText, m.DateGranular
			}
			if o.Kind == "meeting" && m.Kind != "meeting" {
				o.Kind, o.CAMEO, o.PLOVER = m.Kind, m.CAMEO, m.PLOVER
			}
			if o.Status != m.Status && m.Status == ingest.StatusPlanned {
				o.Status = m.Status
			}
			o.Mentions = append(o.Mentions, m.Mentions...)
			merged = true
			break
		}
		if !merged {
			out = append(out, m)
		}
	}
	return out
}

// meetsAThing says whether "meet" at ti means "satisfy": its object is a
// demand, target or deadline ("Iran meeting its obligations").
func (a *analysis) meetsAThing(si, ti int) bool {
	lw := a.doc.Sentences[si].Lower
	switch lw[ti] {
	case "meet", "meets", "met", "meeting":
	default:
		return false
	}
	// The object's head may follow determiners and modifiers: "meet
	// their defense spending obligations", "meet Iran's demands".
	for k := ti + 1; k < len(lw) && k <= ti+5; k++ {
		if satisfyObjects[lw[k]] {
			return true
		}
		if objectPhraseEnds[lw[k]] || !unicode.IsLetter(document.FirstRune(lw[k])) && lw[k] != "'s" && lw[k] != "’s" {
			return false
		}
	}
	return false
}

// objectPhraseEnds end the object of "meet" on its right.
var objectPhraseEnds = map[string]bool{
	"with": true, "in": true, "on": true, "at": true, "to": true, "for": true, "from": true, "of": true,
	"and": true, "or": true, "who": true, "that": true, "which": true, "this": true, "last": true, "next": true,
	"again": true, "during": true, "before": true, "after": true, "since": true, "until": true, "while": true,
}

// modifiersOnly says whether tokens [i, j) can all modify a noun: a
// possessive determiner before them then owns the noun ("his first
// official visit"), not when a noun or verb stands between ("His
// comments come as talks ...").
func (a *analysis) modifiersOnly(si, i, j int) bool {
	lw := a.doc.Sentences[si].Lower
	for k := i; k < j; k++ {
		w := lw[k]
		switch {
		case nounModifiers[w], strings.Contains(w, "-"), unicode.IsDigit(document.FirstRune(w)):
		case strings.HasSuffix(w, "al") || strings.HasSuffix(w, "ic") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly"):
		default:
			return false
		}
	}
	return true
}

// nounModifiers are common words that stand before a meeting noun.
var nounModifiers = map[string]bool{
	"first": true, "second": true, "third": true, "last": true, "latest": true, "next": true, "previous": true,
	"recent": true, "secret": true, "surprise": true, "state": true, "two": true, "three": true, "direct": true,
	"brief": true, "short": true, "long": true, "private": true, "joint": true, "phone": true, "telephone": true,
	"peace": true, "upcoming": true, "planned": true, "proposed": true, "rare": true, "weekly": true,
	"annual": true, "regular": true, "emergency": true, "informal": true, "formal": true, "historic": true,
	"bilateral": true, "summit": true, "own": true, "earlier": true, "final": true, "many": true, "several": true,
}

// headOfPhrase returns the noun that a noun trigger at ti complements
// through "of" ("talk of an early summit" -> "talk"), or "".
func (a *analysis) headOfPhrase(si, ti int) string {
	lw := a.doc.Sentences[si].Lower
	for k := ti - 1; k >= 1 && ti-k <= 5; k-- {
		switch lw[k] {
		case "of":
			return lw[k-1]
		case "a", "an", "the", "early", "possible", "new", "another", "first", "second", "next", "-", "–":
			continue
		}
		if a.doc.Sentences[si].MentionAt[k] >= 0 || strings.Contains(lw[k], "-") {
			continue // "the Putin-Rouhani-Aliyev summit"
		}
		return ""
	}
	return ""
}

// hostIsATitle says whether "host" at ti is a noun of occupation
// ("television host Khaled Abol Naga", "talk show host") rather than the
// verb, which follows its subject, an auxiliary or "to".
func (a *analysis) hostIsATitle(si, ti int) bool {
	lw := a.doc.Sentences[si].Lower
	if lw[ti] != "host" && lw[ti] != "hosts" || ti == 0 {
		return false
	}
	prev := lw[ti-1]
	if a.doc.Sentences[si].MentionAt[ti-1] >= 0 {
		return false
	}
	switch prev {
	case "to", "will", "would", "could", "can", "may", "might", "shall", "should", "did", "does", "do",
		"also", "not", "n't", "n’t", "they", "we", "i", "you", "he", "she", "it", "who", "which", "'ll", "’ll",
		"jointly", "co", "regularly", "usually", "often", "later", "then", "and", "both", "must", "cannot":
		return false
	}
	return unicode.IsLetter(document.FirstRune(prev)) && !document.Capitalised(a.doc.Sentences[si].Tokens[ti-1].Text)
}

// passiveAt says whether the verb at ti is passive: "was greeted", "were
// received", "had been welcomed", "was warmly greeted".
func (a *analysis) passiveAt(si, ti int) bool {
	lw := a.doc.Sentences[si].Lower
	for k := ti - 1; k >= 0 && ti-k <= 2; k-- {
		switch lw[k] {
		case "was", "were", "been", "being", "is", "are", "be", "get", "got":
			return true
		}
		if !(strings.HasSuffix(lw[k], "ly") && len(lw[k]) > 4) {
			return false
		}
	}
	return false
}

// frontedPrepositions open a sentence-initial phrase around a meeting
// noun whose participants are the clause after it: "In a phone call on
// Saturday, Kerry told Cavusoglu ...", "During the meeting, Abe said".
var frontedPrepositions = map[string]bool{"in": true, "during": true, "at": true, "after": true, "following": true}

// reportVerbs after the subject of a fronted meeting phrase name the
// other party as their object: "Kerry told Turkish Foreign Minister
// Mevlut Cavusoglu".
var reportVerbs = map[string]bool{
	"told": true, "asked": true, "urged": true, "assured": true, "warned": true, "thanked": true,
	"congratulated": true, "invited": true, "pressed": true, "briefed": true, "informed": true,
}

// frontedPhraseSubject reads the participants of a meeting noun that
// stands in a prepositional phrase opening the sentence: the subject
// group after the phrase's comma and, after a verb of telling, its object.
func (a *analysis) frontedPhraseSubject(si, ti int) []participant {
	lw := a.doc.Sentences[si].Lower
	if ti > 6 || ti == 0 || !frontedPrepositions[lw[0]] {
		return nil
	}
	for k := 1; k < ti; k++ {
		if a.doc.Sentences[si].MentionAt[k] >= 0 || lexicon.ClauseStops[lw[k]] || lw[k] == "," {
			return nil
		}
	}
	comma := -1
	for k := ti + 1; k < len(lw) && k <= ti+8; k++ {
		if lw[k] == "," {
			comma = k
			break
		}
		if lexicon.ClauseStops[lw[k]] || lw[k] == "with" || lw[k] == "between" || a.doc.Sentences[si].MentionAt[k] >= 0 {
			return nil // the phrase names its own participants
		}
	}
	if comma < 0 {
		return nil
	}
	g, end := a.collectGroup(si, comma+1, len(lw))
	if len(g) == 0 {
		return nil
	}
	if end < len(lw) && reportVerbs[lw[end]] {
		obj, _ := a.collectGroup(si, end+1, a.clauseEndRight(si, end))
		g = append(g, obj...)
	}
	return g
}
