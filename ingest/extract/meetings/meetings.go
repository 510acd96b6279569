// Package meetings is the meeting stage: who met whom (held, planned,
// proposed, cancelled, refused, denied), of what kind, where and when,
// found from trigger words and the groups of actors around them, and
// merged into one meeting per event; and the visits to places without a
// named host. The rules are documented in docs/events.md.
//
// Where to look: meetingAt (meetings.go) reads the meeting a trigger names;
// the participants are read in participants.go, the status in status.go,
// place and date in where.go; merge.go joins the reports of one event;
// visits.go finds the visits.
package meetings

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
	"github.com/newsgraph/newsgraph/ingest/extract/refs"
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
	kind string // meeting, talks, summit, visit, call, dinner, conference
	noun bool   // a noun ("talks", "summit") rather than a verb ("met")
	// either: the words around it decide between noun and verb
	// ("a visit", "to visit"; nounReading).
	either bool
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

// IsTrigger says whether a word is one of the meeting triggers: a
// possessive before one names its holder ("Pompeo's visit").
func IsTrigger(word string) bool {
	_, ok := meetingTriggers[word]
	return ok
}

// finder holds the state of one article's meeting and visit stage.
type finder struct {
	doc  *document.Document
	refs *refs.Reader
	// visitMeetings lists per sentence the participants of visits with a
	// named host, which are meetings and so not also bare visits.
	visitMeetings map[int][]string
	meetings      []ingest.Meeting
	visits        []ingest.Visit
}

// Find finds the meetings of the document, one per event however often
// the article reports it, and the visits to places without a named host.
func Find(doc *document.Document, r *refs.Reader) ([]ingest.Meeting, []ingest.Visit) {
	f := &finder{doc: doc, refs: r, visitMeetings: map[int][]string{}}
	f.findMeetings()
	f.findVisits()
	return f.meetings, f.visits
}

// findMeetings detects meetings in every sentence and merges the reports
// of one meeting within the article.
func (f *finder) findMeetings() {
	var found []ingest.Meeting
	var anaphors []meetingAnaphor
	for si := range f.doc.Sentences {
		used := map[int]bool{} // tokens already consumed by a trigger phrase
		for ti := range f.doc.Sentences[si].Tokens {
			if used[ti] {
				continue
			}
			w := f.doc.Sentences[si].Lower[ti]
			trig, ok := meetingTriggers[w]
			if !ok {
				continue
			}
			if m, ok := f.meetingAt(si, ti, trig, used); ok {
				found = append(found, m)
				if m.Kind == "visit" {
					f.visitMeetings[si] = append(f.visitMeetings[si], m.ParticipantIDs...)
				}
			} else if trig.noun && trig.kind != "visit" && f.definiteNounAt(si, ti) {
				anaphors = append(anaphors, meetingAnaphor{si: si, ti: ti, kind: trig.kind})
			}
		}
	}
	merged := mergeMeetings(found)
	f.attachAnaphors(merged, anaphors)
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
	f.meetings = append(f.meetings, merged...)
}

// meetingAt reads the meeting a trigger at token ti names, if any.
func (f *finder) meetingAt(si, ti int, trig triggerKind, used map[int]bool) (ingest.Meeting, bool) {
	s := f.doc.Sentences[si]
	lw := s.Lower
	if s.MentionAt[ti] >= 0 {
		return ingest.Meeting{}, false // part of a name: "Summit of the Americas"
	}
	if f.meetsAThing(si, ti) || f.hostIsATitle(si, ti) {
		return ingest.Meeting{}, false
	}
	if trig.noun && !f.nounReading(si, ti) {
		if lw[ti] != "meeting" {
			return ingest.Meeting{}, false
		}
		trig.noun = false // "after meeting with Mattis"
	}
	if !trig.noun && f.nounReading(si, ti) {
		if trig.either {
			trig.noun = true
		} else {
			return ingest.Meeting{}, false
		}
	}
	kind := trig.kind
	mode := "meet"
	if trig.phone {
		if !f.phoneContext(si, ti) {
			return ingest.Meeting{}, false
		}
		kind, mode = "call", "phone"
	}
	if kind == "call" {
		mode = "phone"
	}
	var parts []refs.Participant
	var left, right []refs.Participant
	explicitBetween := false

	// Right side: "with X", "between X and Y", a direct object.
	rstart := ti + 1
	rlimit := f.clauseEndRight(si, ti)
	obj, between, objEnd := f.rightGroup(si, rstart, rlimit, trig)
	if between && len(obj) >= 2 {
		explicitBetween = true
	}
	right = obj

	// Left side: the subject, or for a noun the holder ("Pompeo's visit",
	// "Trump and Abe opened talks") and compounds ("a Trump-Kim summit").
	if !explicitBetween {
		if trig.noun {
			left = f.nounLeftParticipants(si, ti)
		} else {
			left = f.subjectGroup(si, ti)
		}
	}
	// "was greeted at the palace by Hollande": the agent of a passive
	// meeting verb comes after "by", past adjuncts.
	if !trig.noun && len(right) == 0 && f.passiveAt(si, ti) {
		for k := ti + 1; k < rlimit; k++ {
			if lw[k] == "by" {
				right, objEnd = f.refs.Group(si, k+1, rlimit)
				break
			}
		}
	}
	if trig.needsObject && len(right) == 0 {
		return ingest.Meeting{}, false
	}
	if trig.kind == "visit" && !trig.host && f.onlyPlaces(right) {
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
		// Both sides name one Actor: no one meets themselves ("as much
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
	if kind == "meeting" && f.visitInClause(si, ti) {
		kind, mode = "visit", "visit"
	}

	status := f.meetingStatus(si, ti, trig)
	loc := f.meetingLocation(si, ti, parts)
	m := ingest.Meeting{
		Status:   status,
		Kind:     kind,
		Trigger:  s.Tokens[ti].Text,
		Evidence: f.doc.Evidence(si),
	}
	for _, p := range parts {
		m.Participants = append(m.Participants, f.doc.Actors[p.Actor].Name)
		m.ParticipantIDs = append(m.ParticipantIDs, f.doc.Actors[p.Actor].ID)
		m.ParticipantSpans = append(m.ParticipantSpans, ingest.Span{
			Text: f.doc.Article.Text[p.Start:p.End], Start: f.doc.Offset(p.Start), End: f.doc.Offset(p.End),
		})
	}
	if loc >= 0 {
		name := f.doc.Locations[loc].Name
		m.Location, m.LocationID = &name, f.doc.Locations[loc].ID
	}
	if d, ok := f.eventDate(si, ti, status == ingest.StatusHeld); ok {
		v := d.Value
		m.Date, m.DateEnd, m.DateText, m.DateGranular = &v, d.End, d.Text, d.Granularity
	}
	m.CAMEO, m.PLOVER = cameoCode(status, kind, mode, f.thirdLocation(loc, parts)), "CONSULT:"+mode
	tok := s.Tokens[ti]
	m.Mentions = []ingest.MeetingMention{{
		Trigger:          ingest.Span{Text: tok.Text, Start: f.doc.Offset(tok.Start), End: f.doc.Offset(tok.End)},
		Evidence:         m.Evidence,
		ParticipantSpans: m.ParticipantSpans,
	}}
	return m, true
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

// visitInClause says whether the clause of a meeting verb also reports a
// visit to a place: "made a secret visit to North Korea and met with Kim".
func (f *finder) visitInClause(si, ti int) bool {
	lw := f.doc.Sentences[si].Lower
	for k := ti - 1; k >= 0 && ti-k <= 14; k-- {
		if lexicon.ClauseStops[lw[k]] {
			return false
		}
		if visitTriggers[lw[k]].withMeeting {
			if loc, _ := f.visitPlace(si, k); loc >= 0 {
				return true
			}
		}
	}
	return false
}

// nounReading says whether the token at ti is used as a noun: after a
// determiner, adjective, number, possessive or "of", or before "with",
// "between", "on", "in", "at". "meeting" after "been"/"after" is a verb.
func (f *finder) nounReading(si, ti int) bool {
	lw := f.doc.Sentences[si].Lower
	w := lw[ti]
	prev := ""
	if ti > 0 {
		prev = lw[ti-1]
	}
	if t, ok := meetingTriggers[w]; !ok || !t.either {
		return ok && t.noun
	}
	if nounContext[prev] {
		return true
	}
	if verbContext[prev] {
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
	if ti > 0 && f.doc.Sentences[si].MentionAt[ti-1] >= 0 {
		// "Trump talks ..." is a verb, "the Trump-Kim talks" a noun.
		m := f.doc.Mentions[f.doc.Sentences[si].MentionAt[ti-1]]
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
		if ti+1 < len(lw) && f.doc.Sentences[si].MentionAt[ti+1] >= 0 {
			return false // "denied meeting Kim": a gerund with its object
		}
		if ti+1 < len(lw) && lw[ti+1] == "with" {
			return prev == "" || document.Capitalised(f.doc.Sentences[si].Tokens[ti].Text)
		}
		return true
	}
	return false
}

// phoneContext says whether a speaking or calling word is about a call:
// "by phone", "by telephone", "on the phone", "phone call", "telephone
// conversation", "spoke ... with X by phone".
func (f *finder) phoneContext(si, ti int) bool {
	lw := f.doc.Sentences[si].Lower
	w := lw[ti]
	isPhone := func(k int) bool {
		if k < 0 || k >= len(lw) {
			return false
		}
		return phoneWords[lw[k]]
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

// meetsAThing says whether "meet" at ti means "satisfy": its object is a
// demand, target or deadline ("Iran meeting its obligations").
func (f *finder) meetsAThing(si, ti int) bool {
	lw := f.doc.Sentences[si].Lower
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

// hostIsATitle says whether "host" at ti is a noun of occupation
// ("television host Khaled Abol Naga", "talk show host") rather than the
// verb, which follows its subject, an auxiliary or "to".
func (f *finder) hostIsATitle(si, ti int) bool {
	s := f.doc.Sentences[si]
	lw := s.Lower
	if lw[ti] != "host" && lw[ti] != "hosts" || ti == 0 {
		return false
	}
	prev := lw[ti-1]
	if s.MentionAt[ti-1] >= 0 {
		return false
	}
	if hostVerbContext[prev] {
		return false
	}
	return unicode.IsLetter(document.FirstRune(prev)) && !document.Capitalised(s.Tokens[ti-1].Text)
}

// passiveAt says whether the verb at ti is passive: "was greeted", "were
// received", "had been welcomed", "was warmly greeted".
func (f *finder) passiveAt(si, ti int) bool {
	lw := f.doc.Sentences[si].Lower
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
