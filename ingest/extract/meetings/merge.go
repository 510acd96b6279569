package meetings

import (
	"math"
	"slices"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/refs"
)

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

// meetingAnaphor is a definite meeting noun that names no participant:
// "the talks appear to be stuck", "Following the call, ...".
type meetingAnaphor struct {
	si, ti int
	kind   string
	// happened says the sentence reports the meeting as past: "the
	// meeting went badly", "after the summit broke up"
	happened bool
	// joiners are people the sentence places at the meeting: "Merkel told
	// reporters after the meeting", "Renzi spoke at the summit"
	joiners []refs.Participant
	// own is the meeting the noun was read as on its own (its one party
	// placed at it from outside the noun phrase), kept when nothing
	// earlier is the meeting it refers to
	own *ingest.Meeting
}

// reportedHappened says whether meeting noun tr is reported as past: the
// subject of a past verb of no other status, the object of a past verb
// that carries meetings ("held the talks"), or the time a past clause is
// "after".
func (f *finder) reportedHappened(tr trigger) bool {
	s := &f.doc.Sentences[tr.si]
	t := s.Tree
	h := t.Head(tr.ti)
	if h < 0 || s.Syntax[h].XPOS != "VBD" && !didPast(s, h) || f.status(tr) != ingest.StatusHeld {
		return false
	}
	switch {
	case t.RelIs(tr.ti, "nsubj"):
		return true // "the meeting went badly"
	case t.RelIs(tr.ti, "obj"):
		role, ok := supportRoles[verbLemma(s, h)]
		return ok && role != "none" // "held the meeting", not "added the summit ..."
	case t.RelIs(tr.ti, "obl"):
		c := caseOf(s, tr.ti)
		return c == "after" || c == "following" || c == "since"
	}
	return false
}

// didPast says whether verb v is a past made with "did": "the meeting did
// not improve relations".
func didPast(s *document.Sentence, v int) bool {
	return s.Syntax[v].XPOS == "VB" && slices.ContainsFunc(s.Tree.Dependents(v, "aux"), func(k int) bool {
		return lemmaOf(s, k) == "do" && s.Syntax[k].XPOS == "VBD"
	})
}

// sameGathering says whether an anaphor of kind a may stand for a meeting
// of kind m: "the summit" for talks of leaders, "the call" only for a call.
func sameGathering(a, m string) bool {
	return a == m || gatheringKinds[a] && gatheringKinds[m]
}

// gatheringKinds are the meeting kinds one definite noun may refer across.
var gatheringKinds = map[string]bool{"meeting": true, "talks": true, "summit": true, "conference": true}

// anaphorWindow is how many sentences back a definite meeting noun looks
// for the meeting it refers to.
const anaphorWindow = 5

// definiteNounAt says whether the noun trigger at ti is definite: it has
// "the" or a demonstrative as determiner ("the talks", "that two-day
// summit") or a time as possessor ("Friday's meeting") and is not part of
// a name.
func (f *finder) definiteNounAt(si, ti int) bool {
	s := &f.doc.Sentences[si]
	if s.MentionAt[ti] >= 0 {
		return false
	}
	for _, k := range s.Tree.Dependents(ti, "det") {
		switch s.Lower[k] {
		case "the", "that", "this", "these", "those":
			return true
		}
	}
	// "Friday's meeting", "last week's summit": a time owns no meeting
	// but points at one
	for _, k := range s.Tree.Dependents(ti, "nmod:poss") {
		if inDate(s, k) || timeNouns[s.Lower[k]] || s.Lower[k] == "week" || s.Lower[k] == "month" || s.Lower[k] == "year" {
			return true
		}
	}
	return false
}

// attachAnaphors adds each definite meeting noun as a further mention of
// the meeting it refers to: the latest meeting reported before it, within
// anaphorWindow sentences, of its kind or another gathering ("the summit"
// for talks, "the call" only a call), or of any kind but a call for "the
// meeting". It adds evidence and the people its sentence places at the
// meeting ("Merkel said after the meeting"); it makes a planned or
// proposed meeting held when it reports it as past. An anaphor read as a
// meeting of its own that refers to none stays that meeting.
func (f *finder) attachAnaphors(meetings *[]ingest.Meeting, anaphors []meetingAnaphor) {
	for _, an := range anaphors {
		if best := f.antecedent(*meetings, an); best >= 0 {
			f.attach(&(*meetings)[best], an)
		} else if an.own != nil {
			*meetings = append(*meetings, *an.own)
		}
	}
}

// antecedent returns the index of the meeting anaphor an refers to, -1
// when none fits: of the meetings reported within the window before it, one
// that has a person the anaphor's sentence names as a party ("the meeting
// ... who had met with Kim"), then one of its own kind ("the summit" a
// summit before talks; "the meeting" names any kind), then the latest; a
// report that named none of its parties only when no other is in reach.
func (f *finder) antecedent(meetings []ingest.Meeting, an meetingAnaphor) int {
	s := &f.doc.Sentences[an.si]
	at := f.doc.Offset(s.Tokens[an.ti].Start)
	from := f.doc.Offset(f.doc.Sentences[max(0, an.si-anaphorWindow)].Start)
	named := map[string]bool{}
	for k := range s.Tokens {
		if mi := s.MentionAt[k]; mi >= 0 && f.doc.Mentions[mi].Actor >= 0 {
			if a := f.doc.Actors[f.doc.Mentions[mi].Actor]; a.Type == ingest.Person {
				named[a.ID] = true // a country named is as often the topic
			}
		}
	}
	// "GOP primary debates ... at those encounters": a contest named
	// after a meeting is the nearer antecedent, and no meeting.
	contestAt := f.lastContestBefore(an.si, an.ti, from)
	// A definite noun that a clause or a place restricts introduces its
	// meeting more often than it refers back to one.
	restrictive := false
	for _, k := range s.Tree.Dependents(an.ti, "acl", "acl:relcl") {
		// "called in Jakarta", "which opens on Monday"; not a "that"
		// clause the parser hung on the noun
		restrictive = restrictive || !s.Tree.HasLemmaDependent(k, "mark", "that")
	}
	for _, k := range s.Tree.Dependents(an.ti, "nmod") {
		if caseOf(s, k) == "in" {
			restrictive = true
		}
	}
	best, bestScore, bestAt := -1, math.MinInt, -1
	for i, m := range meetings {
		if !sameGathering(an.kind, m.Kind) && (an.kind != "meeting" || m.Kind == "call") {
			continue
		}
		score := 0
		if len(m.ParticipantIDs) == 0 {
			if restrictive {
				continue // "the international conference called in Jakarta" is news of its own
			}
			score = -10 // a report with its parties unnamed only when no other fits
		}
		if m.Kind == an.kind && an.kind != "meeting" { // "meeting" names any kind
			score++
		}
		for _, id := range m.ParticipantIDs {
			if named[id] {
				score += 2
				break
			}
		}
		for _, mm := range m.Mentions {
			if mm.Trigger.Start >= at || mm.Evidence.Start < from || mm.Trigger.Start < contestAt {
				continue
			}
			if score > bestScore || score == bestScore && mm.Trigger.Start > bestAt {
				best, bestScore, bestAt = i, score, mm.Trigger.Start
			}
		}
	}
	return best
}

// lastContestBefore returns the offset of the last contest noun ("the
// debate", "the match") before word ti of sentence si and after offset
// from, -1 when there is none.
func (f *finder) lastContestBefore(si, ti, from int) int {
	last := -1
	for x := si; x >= 0; x-- {
		s := &f.doc.Sentences[x]
		if f.doc.Offset(s.Start) < from && x < si {
			break
		}
		for k := range s.Tokens {
			if x == si && k >= ti {
				break
			}
			if l := lemmaOf(s, k); (s.Syntax[k].UPOS == "NOUN" || s.Syntax[k].UPOS == "VERB") && contestNouns[l] && !figurativeContests[l] {
				if off := f.doc.Offset(s.Tokens[k].Start); off > last {
					last = off
				}
			}
		}
		if last >= 0 {
			return last
		}
	}
	return last
}

// attach adds anaphor an to meeting m: a mention, the people it places at
// the meeting, and its report that the meeting took place or was called
// off.
func (f *finder) attach(m *ingest.Meeting, an meetingAnaphor) {
	tok := f.doc.Sentences[an.si].Tokens[an.ti]
	switch {
	case an.own != nil && an.own.Status == ingest.StatusCancelled:
		m.Status = ingest.StatusCancelled // "Trump cancelled the summit"
	case an.happened && (m.Status == ingest.StatusPlanned || m.Status == ingest.StatusProposed):
		m.Status = ingest.StatusHeld // a later report that it took place
	}
	mention := ingest.MeetingMention{
		Trigger:  f.doc.Span(tok.Start, tok.End),
		Evidence: f.doc.Evidence(an.si),
	}
	for _, p := range an.joiners {
		mention.ParticipantSpans = append(mention.ParticipantSpans, f.doc.Span(p.Start, p.End))
	}
	f.addParticipants(m, an.joiners)
	m.Mentions = append(m.Mentions, mention)
}

// addParticipants adds the actors of ps that meeting m does not have yet.
func (f *finder) addParticipants(m *ingest.Meeting, ps []refs.Participant) {
	for _, p := range ps {
		a := f.doc.Actors[p.Actor]
		if slices.Contains(m.ParticipantIDs, a.ID) {
			continue
		}
		span := f.doc.Span(p.Start, p.End)
		m.Participants = append(m.Participants, a.Name)
		m.ParticipantIDs = append(m.ParticipantIDs, a.ID)
		m.ParticipantSpans = append(m.ParticipantSpans, span)
	}
}
