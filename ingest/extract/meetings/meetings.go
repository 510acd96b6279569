// Package meetings is the meeting stage: who met whom (held, planned,
// proposed, cancelled, refused, denied), of what kind, where and when,
// read on the dependency parse of each sentence and merged into one
// meeting per event; and the visits to places without a named host. The
// rules are documented in docs/events.md.
//
// Where to look: a meeting word is found and read in meetingAt
// (meetings.go), with its frame from lexicon/frames.tsv; its participants
// are read in participants.go, its status in status.go, its place and date
// in where.go; merge.go joins the reports of one event; visits.go finds
// the visits.
package meetings

import (
	"slices"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/refs"
	"github.com/newsgraph/newsgraph/ingest/syntax"
)

// finder holds the state of one article's meeting and visit stage.
type finder struct {
	doc  *document.Document
	refs *refs.Reader
	// visitMeetings lists per sentence the participants of meetings of kind
	// visit, which are not also bare visits.
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

// trigger is a word of a sentence that names a meeting, with its frame.
type trigger struct {
	si, ti int
	frame
}

// triggerAt returns the frame of word ti of sentence si, if it names a
// meeting: its lemma and part of speech are in frames.tsv, it is not part
// of a name ("Summit of the Americas") nor quoted.
func (f *finder) triggerAt(si, ti int) (trigger, bool) {
	s := &f.doc.Sentences[si]
	if ti >= len(s.Syntax) || s.MentionAt[ti] >= 0 || s.Quoted[ti] && f.refs.QuoteSpeaker(si, ti) < 0 {
		return trigger{}, false // a quote of no one known may be a title or a scare quote
	}
	w := s.Syntax[ti]
	noun := w.UPOS == "NOUN" || w.UPOS == "PROPN"
	if !noun && w.UPOS != "VERB" || inTitle(s, ti) {
		return trigger{}, false
	}
	fr, ok := frames[frameKey(w.Lemma, noun)]
	if !noun {
		// "sat down with Wang Yi", "shook hands with Abe": a verb with its
		// particle or its bare object noun may name a meeting of its own
		for _, k := range s.Tree.Dependents(ti, "compound:prt", "obj") {
			if s.Tree.RelIs(k, "obj") && s.Tree.Dependent(k, "det", "nmod:poss", "amod") >= 0 {
				continue
			}
			if pf, found := frames[frameKey(w.Lemma+" "+lemmaOf(s, k), false)]; found {
				fr, ok = pf, true
			}
		}
	}
	if !ok && noun {
		// The tagger's lemma of a capitalised plural can keep its case or
		// its ending ("Talks"): try the lower-case form's singular.
		fr, ok = frames[frameKey(strings.TrimSuffix(s.Lower[ti], "s"), true)]
	}
	if !ok || fr.kind == "none" {
		return trigger{}, false // no meeting word, or "spoke out against injustice"
	}
	if noun && strings.HasSuffix(s.Lower[ti], "ing") {
		// a gerund with an object: "Iran meeting its obligations", also
		// when the parser reads the object as a bare modifier
		for _, o := range s.Tree.Dependents(ti, "obj", "nmod") {
			if (s.Syntax[o].Rel == "obj" || s.Syntax[o].Rel == "nmod" && caseOf(s, o) == "") && !f.headNamesPeople(si, o) {
				return trigger{}, false
			}
		}
	}
	return trigger{si: si, ti: ti, frame: fr}, true
}

// findMeetings detects meetings in every sentence and merges the reports
// of one meeting within the article.
func (f *finder) findMeetings() {
	var found, unnamed []ingest.Meeting
	var anaphors []meetingAnaphor
	// unnamedGroup holds the trigger offsets of the reports that named none
	// of their parties, true for a gathering noun that one speaker may
	// hold ("a conference")
	unnamedGroup := map[int]bool{}
	for si := range f.doc.Sentences {
		for ti := range f.doc.Sentences[si].Tokens {
			tr, ok := f.triggerAt(si, ti)
			if !ok || tr.trip {
				continue
			}
			m, ok := f.meetingAt(tr)
			definite := tr.noun && tr.kind != "visit" && f.definiteNounAt(si, ti)
			if ok && len(m.Participants) == 0 {
				// "European leaders gathered", "the summit": kept for the
				// people this or a later sentence places at it
				unnamedGroup[m.Mentions[0].Trigger.Start] = tr.group && tr.noun // "leaders gathered" are many
				joiners := f.joinersAt(tr)
				f.addParticipants(&m, joiners)
				m.Mentions[0].ParticipantSpans = slices.Clone(m.ParticipantSpans)
				if definite {
					own := m
					anaphors = append(anaphors, meetingAnaphor{si: si, ti: ti, kind: tr.kind, happened: f.reportedHappened(tr),
						joiners: joiners, own: &own})
				} else {
					unnamed = append(unnamed, m)
				}
				continue
			}
			switch {
			case ok && definite && len(m.Participants) == 1 && f.placedFromOutside(tr, m.ParticipantSpans[0]) &&
				m.Status != ingest.StatusRefused && m.Status != ingest.StatusDenied:
				// "Merkel spoke at the summit", "Trump cancelled the
				// summit": the summit reported before, with Merkel at it or
				// called off, or else a meeting of its own; "Merkel refused
				// to attend the meeting" refuses no one else's meeting
				own := m
				anaphors = append(anaphors, meetingAnaphor{si: si, ti: ti, kind: tr.kind, happened: f.reportedHappened(tr),
					joiners: f.joinersAt(tr), own: &own})
			case ok:
				found = append(found, m)
				if m.Kind == "visit" {
					f.visitMeetings[si] = append(f.visitMeetings[si], m.ParticipantIDs...)
				}
			case definite:
				anaphors = append(anaphors, meetingAnaphor{si: si, ti: ti, kind: tr.kind, happened: f.reportedHappened(tr), joiners: f.joinersAt(tr)})
			}
		}
	}
	merged := append(mergeMeetings(found), unnamed...)
	f.attachAnaphors(&merged, anaphors)
	// A report that named none of its parties is a meeting once someone
	// has been placed at it; a gathering needs two.
	merged = slices.DeleteFunc(merged, func(m ingest.Meeting) bool {
		group, wasUnnamed := unnamedGroup[m.Mentions[0].Trigger.Start]
		return len(m.Participants) == 0 || wasUnnamed && group && len(m.Participants) < 2
	})
	merged = mergeMeetings(merged) // the anaphors kept as meetings of their own
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

// meetingAt reads the meeting a trigger names, if any: its participants
// from the trigger's arguments, its status from its clause.
func (f *finder) meetingAt(tr trigger) (ingest.Meeting, bool) {
	s := &f.doc.Sentences[tr.si]
	if f.purposeOfMeeting(tr) {
		return ingest.Meeting{}, false // "met supporters to discuss the issue": one meeting
	}
	args, ok := f.arguments(tr)
	if !ok {
		return ingest.Meeting{}, false
	}
	kind, mode := tr.kind, "meet"
	switch {
	case tr.phone || kind == "call":
		kind, mode = "call", "phone"
	case (kind == "talks" || kind == "meeting") && f.phoneAround(tr):
		kind, mode = "call", "phone"
	}
	parts := dedupe(append(append([]refs.Participant(nil), args.subjects...), args.others...))
	if tr.phone && tr.noun && !f.phoneAround(tr) && (len(args.others) == 0 || len(parts) < 2) {
		return ingest.Meeting{}, false // "calls for change", "MSF repeated calls": a call is between two
	}
	if tr.phone && !tr.noun && !f.phoneAround(tr) && !f.callsSomeone(tr) {
		return ingest.Meeting{}, false // "called for talks", "called it a success"
	}
	if kind == "visit" && !tr.host && len(args.others) == 0 && !args.hosted {
		return ingest.Meeting{}, false // "Erica and Jahnte Bates were visiting the arch"
	}
	if tr.visit && len(args.places) > 0 && len(args.others) == 0 {
		return ingest.Meeting{}, false // a visit to a place (visits.go)
	}
	if s.Quoted[tr.ti] && !namesAnotherThan(parts, f.refs.QuoteSpeaker(tr.si, tr.ti)) {
		// A speaker's meeting of their own ("we won't have the meetings",
		// "we're thinking about having a meeting") is talk about plans
		// more often than a report: a quote reports a meeting only with
		// someone else named.
		return ingest.Meeting{}, false
	}
	unnamed := len(parts) == 0
	if unnamed && !tr.unnamed {
		return ingest.Meeting{}, false
	}
	if tr.plural && tr.noun && s.Syntax[tr.ti].XPOS == "NN" && len(args.others) == 0 {
		return ingest.Meeting{}, false // "Trump's talk of a deal"
	}
	if tr.needsOther && len(args.others) == 0 && len(parts) < 2 && mode != "phone" && !f.unnamedCounterpart(tr) {
		// "spoke at a rally" is a speech; "Kerry and Lavrov spoke" and
		// "spoke by phone" are talks
		return ingest.Meeting{}, false
	}
	if (tr.group || kind == "visit" && !tr.host) && len(parts) < 2 && !unnamed {
		// "held a news conference": one speaker; "in past visits, she
		// answered questions": one visitor and no host.
		return ingest.Meeting{}, false
	}
	if len(args.subjects) > 0 && len(args.others) > 0 && len(parts) == 1 {
		return ingest.Meeting{}, false // no one meets themselves
	}
	switch {
	case tr.host || args.hosted:
		mode = "host"
	case kind == "visit":
		mode = "visit"
	}
	if kind == "meeting" && f.visitInClause(tr) {
		// "made a visit to X and met with Y": the visit names the place.
		kind, mode = "visit", "visit"
	}
	status := f.status(tr)
	loc := f.meetingPlace(tr, parts)
	m := ingest.Meeting{
		Status:   status,
		Kind:     kind,
		Trigger:  s.Tokens[tr.ti].Text,
		Evidence: f.doc.Evidence(tr.si),
	}
	for _, p := range parts {
		m.Participants = append(m.Participants, f.doc.Actors[p.Actor].Name)
		m.ParticipantIDs = append(m.ParticipantIDs, f.doc.Actors[p.Actor].ID)
		m.ParticipantSpans = append(m.ParticipantSpans, f.doc.Span(p.Start, p.End))
	}
	if loc >= 0 {
		name := f.doc.Locations[loc].Name
		m.Location, m.LocationID = &name, f.doc.Locations[loc].ID
	}
	if status == ingest.StatusHeld && f.scheduledPresent(tr) {
		status = ingest.StatusPlanned
		m.Status = status
	}
	if d, ok := f.eventDate(tr, status == ingest.StatusHeld); ok {
		v := d.Value
		m.Date, m.DateEnd, m.DateText, m.DateGranular = &v, d.End, d.Text, d.Granularity
		if status == ingest.StatusHeld && f.afterArticle(d) {
			m.Status = ingest.StatusPlanned // "meets Kim next Tuesday"
		}
	}
	m.CAMEO, m.PLOVER = cameoCode(m.Status, kind, mode, f.thirdLocation(loc, parts)), "CONSULT:"+mode
	tok := s.Tokens[tr.ti]
	m.Mentions = []ingest.MeetingMention{{
		Trigger:          f.doc.Span(tok.Start, tok.End),
		Evidence:         m.Evidence,
		ParticipantSpans: m.ParticipantSpans,
	}}
	return m, true
}

// unnamedCounterpart says whether verb trigger tr has a "with" or "to"
// phrase of people a talk is held with, unnamed: "talked with police
// leaders", "speak to business and political leaders".
func (f *finder) unnamedCounterpart(tr trigger) bool {
	if tr.noun || !tr.roles["with"] && !tr.roles["to"] {
		return false
	}
	s := &f.doc.Sentences[tr.si]
	for _, k := range s.Tree.Dependents(tr.ti, "obl") {
		if c := caseOf(s, k); c == "with" || c == "to" && tr.roles["to"] {
			heads := []int{k}
			if quantityNouns[lemmaOf(s, k)] {
				heads = s.Tree.Dependents(k, "nmod") // "a number of advisers"
			}
			for _, h := range heads {
				if counterpartNouns[lemmaOf(s, h)] || counterpartNouns[s.Lower[h]] {
					return true
				}
			}
		}
	}
	return false
}

// namesAnotherThan says whether ps holds an actor besides actor.
func namesAnotherThan(ps []refs.Participant, actor int) bool {
	for _, p := range ps {
		if p.Actor != actor {
			return true
		}
	}
	return false
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

// phoneAround says whether the trigger's phrase says the meeting was by
// telephone: "spoke by phone", "a phone call", "talked on the telephone",
// "in a telephone conversation".
func (f *finder) phoneAround(tr trigger) bool {
	s := &f.doc.Sentences[tr.si]
	t := s.Tree
	for _, k := range t.Children(tr.ti) {
		if phoneWords[s.Lower[k]] {
			return true // compound "phone call", "telephone conversation"
		}
		if !t.RelIs(k, "obl", "nmod") {
			continue
		}
		for _, c := range t.Children(k) {
			if phoneWords[s.Lower[c]] && (phoneCases[caseOf(s, k)] && t.RelIs(c, "compound") || phoneCases[caseOf(s, c)]) {
				return true // "in a phone call"; "to her brothers by phone"
			}
		}
		if phoneWords[s.Lower[k]] && phoneCases[caseOf(s, k)] {
			return true // "by phone", "on the telephone", not "spoke of the phone call"
		}
	}
	// "In a phone call on Saturday, Pompeo told Abe ...": a fronted call
	// phrase makes the verb it modifies a call.
	if !tr.noun {
		for _, k := range t.Dependents(tr.ti, "obl") {
			if fr, ok := f.triggerAt(tr.si, k); ok && fr.kind == "call" && fr.noun {
				return true
			}
		}
	}
	return false
}

// callsSomeone says whether call verb tr is a telephone call without
// the word "phone": it has a person as its object and no complement
// ("Trump called Abe on Tuesday"), not "called for talks", "called on
// Greece to act", "called Pakistan a terrorist state", "a man called
// Shaker", "what he called progress".
func (f *finder) callsSomeone(tr trigger) bool {
	s := &f.doc.Sentences[tr.si]
	t := s.Tree
	if t.RelIs(tr.ti, "acl", "acl:relcl") || isPassive(t, tr.ti) {
		return false
	}
	if t.Dependent(tr.ti, "xcomp", "ccomp", "compound:prt") >= 0 {
		return false
	}
	// "as Kyiv calls its campaign": naming, whoever the parser hangs
	// "as" on
	if m := t.Dependent(tr.ti, "mark"); m >= 0 && s.Lower[m] == "as" {
		return false
	}
	for _, k := range t.Dependents(tr.ti, "nsubj") {
		if c := t.Dependent(k, "case"); c >= 0 && s.Lower[c] == "as" {
			return false
		}
	}
	for _, k := range t.Dependents(tr.ti, "obl") {
		if inDate(s, k) || timeNouns[s.Lower[k]] {
			continue // "called Abe on Monday": a time, not "called on Abe"
		}
		switch caseOf(s, k) {
		case "for", "on", "upon":
			return false
		}
	}
	for _, o := range t.Dependents(tr.ti, "obj") {
		if isRelativePronoun(s, o) || s.Lower[o] == "what" {
			return false
		}
		if f.headNamesPeople(tr.si, o) {
			return true
		}
	}
	return false
}

// phoneCases open the phrases that say a conversation was by telephone.
var phoneCases = map[string]bool{"by": true, "on": true, "over": true, "via": true, "in": true, "during": true, "through": true}

// visitInClause says whether the clause of a meeting verb also reports a
// visit to a place: "made a secret visit to North Korea and met with Kim".
func (f *finder) visitInClause(tr trigger) bool {
	if tr.noun {
		return false
	}
	s := &f.doc.Sentences[tr.si]
	t := s.Tree
	// the verb the meeting verb is coordinated with, and its objects
	heads := []int{tr.ti}
	if t.RelIs(tr.ti, "conj") {
		heads = append(heads, t.Head(tr.ti))
	}
	for _, h := range heads {
		for _, k := range append([]int{h}, t.Children(h)...) {
			if k == tr.ti {
				continue
			}
			vt, ok := f.triggerAt(tr.si, k)
			if !ok || !vt.visit {
				continue
			}
			if len(f.visitPlaces(vt)) > 0 {
				return true
			}
		}
	}
	return false
}

// afterArticle says whether a date lies after the article's date.
func (f *finder) afterArticle(d ingest.DateRef) bool {
	pub := f.doc.Article.Published
	if pub.IsZero() {
		return false
	}
	return d.Value > pub.Format("2006-01-02")
}

// scheduledPresent says whether a meeting verb in the present tense with
// a date of its own is a schedule ("The Paris Club meets on 12 January")
// in an article with no date to compare the date with; in a dated one a
// date after the article makes it planned (afterArticle). Headlines tell
// past news in the present, so only body text counts.
func (f *finder) scheduledPresent(tr trigger) bool {
	s := &f.doc.Sentences[tr.si]
	if tr.noun || !f.doc.Article.Published.IsZero() || s.Segment != ingest.SegmentBody {
		return false
	}
	x := s.Syntax[tr.ti].XPOS
	return (x == "VBZ" || x == "VBP") && f.clauseDate(tr) >= 0
}

// dedupe keeps the first report of each actor.
func dedupe(ps []refs.Participant) []refs.Participant {
	var out []refs.Participant
	seen := map[int]bool{}
	for _, p := range ps {
		if !seen[p.Actor] {
			seen[p.Actor] = true
			out = append(out, p)
		}
	}
	return out
}

// lemmaOf returns word k's lemma in lower case.
func lemmaOf(s *document.Sentence, k int) string {
	if k < 0 || k >= len(s.Syntax) {
		return ""
	}
	return strings.ToLower(s.Syntax[k].Lemma)
}

// verbLemma returns verb k's lemma with its particle, if it has one
// ("call off", "set up"), when the lexicon knows the phrasal verb.
func verbLemma(s *document.Sentence, k int) string {
	l := lemmaOf(s, k)
	// "took part in talks": a verb and its bare noun object as one verb
	for _, o := range s.Tree.Dependents(k, "obj") {
		if s.Tree.Dependent(o, "det", "nmod:poss", "amod") < 0 {
			if _, ok := supportRoles[l+" "+lemmaOf(s, o)]; ok {
				return l + " " + lemmaOf(s, o)
			}
		}
	}
	if p := s.Tree.Dependent(k, "compound:prt"); p >= 0 {
		phrasal := l + " " + lemmaOf(s, p)
		if _, ok := statusVerbs[phrasal]; ok {
			return phrasal
		}
		if _, ok := supportRoles[phrasal]; ok {
			return phrasal
		}
	}
	return l
}

// caseOf returns the lemma of the case marker of word k ("with" of "with
// Kim"), "" when it has none.
func caseOf(s *document.Sentence, k int) string {
	c := s.Tree.Dependent(k, "case")
	if c < 0 {
		return ""
	}
	l := lemmaOf(s, c)
	if l == "follow" {
		l = "following" // the preposition, which the tagger may lemmatise as the verb
	}
	// "together with", "such as": the fixed second word
	if f := s.Tree.Dependent(c, "fixed"); f >= 0 {
		l += " " + lemmaOf(s, f)
	}
	return l
}

// isPassive says whether verb v is passive ("was greeted").
func isPassive(t *syntax.Tree, v int) bool {
	return t.Dependent(v, "aux:pass", "nsubj:pass", "csubj:pass") >= 0
}

// purposeOfMeeting says whether verb trigger tr is the purpose of a
// meeting another trigger names ("met representatives to discuss the
// issue", "flew to Seoul for talks to discuss"): the same meeting, told
// once.
func (f *finder) purposeOfMeeting(tr trigger) bool {
	if tr.noun {
		return false
	}
	s := &f.doc.Sentences[tr.si]
	t := s.Tree
	h := t.Head(tr.ti)
	if h < 0 || !t.RelIs(tr.ti, "advcl", "xcomp") || !t.HasLemmaDependent(tr.ti, "mark", "to") || t.Dependent(tr.ti, "nsubj") >= 0 {
		return false
	}
	ht, ok := f.triggerAt(tr.si, h)
	return ok && !ht.trip
}

// titleWords are the short words a title capitalises and running text
// does not ("An Audience With Alastair Campbell", "Meet The Press").
var titleWords = map[string]bool{"With": true, "Of": true, "The": true, "And": true, "For": true, "In": true, "At": true, "To": true, "A": true, "An": true}

// inTitle says whether word ti, capitalised inside a sentence of running
// text, stands next to a capitalised short word: part of the title of a
// show, a book or an event, not a meeting. A headline capitalises every
// word ("Trump To Meet With Sheriff David Clarke") and is read as text.
func inTitle(s *document.Sentence, ti int) bool {
	if ti == 0 || !document.Capitalised(s.Tokens[ti].Text) {
		return false
	}
	next := false
	for _, k := range []int{ti - 1, ti + 1} {
		if k > 0 && k < len(s.Tokens) && titleWords[s.Tokens[k].Text] {
			next = true
		}
	}
	if !next {
		return false
	}
	words, lower := 0, 0
	for _, tok := range s.Tokens {
		if r := document.FirstRune(tok.Text); unicode.IsLetter(r) {
			words++
			if unicode.IsLower(r) {
				lower++
			}
		}
	}
	return 10*lower >= 3*words
}
