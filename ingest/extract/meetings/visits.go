package meetings

import (
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
	"github.com/newsgraph/newsgraph/ingest/extract/refs"
)

// Visits are trips to a place without a named host: "visited Pyongyang",
// "a visit to North Korea", "the first official to visit North Korea
// since James Clapper in 2014" (two visits: the official's, and
// Clapper's in 2014). A visit whose clause names the people met ("visited
// North Korea and met with Kim") is a meeting of kind visit instead.

// findVisits detects visits to places without a named host.
func (f *finder) findVisits() {
	seen := map[string]bool{}
	add := func(v ingest.Visit) {
		if seen[v.ID] {
			return
		}
		seen[v.ID] = true
		f.visits = append(f.visits, v)
	}
	for si := range f.doc.Sentences {
		lw := f.doc.Sentences[si].Lower
		for ti, w := range lw {
			vt, ok := visitTriggers[w]
			if !ok || f.doc.Sentences[si].Quoted[ti] {
				continue
			}
			loc, locTok := f.visitPlace(si, ti)
			if loc < 0 {
				continue
			}
			visitor := f.visitor(si, ti)
			if visitor.Actor < 0 || f.doc.Actors[visitor.Actor].ID == f.doc.Locations[loc].ID {
				continue
			}
			if f.metInSentence(si, f.doc.Actors[visitor.Actor].ID) {
				continue
			}
			trig := triggerKind{kind: "visit", noun: vt.noun}
			if trig.noun && vt.either && !f.nounReading(si, ti) {
				trig.noun = false
			}
			status := f.meetingStatus(si, ti, trig)
			if status == ingest.StatusDenied && !f.negatedNear(si, ti) {
				status = ingest.StatusHeld
			}
			v := f.makeVisit(si, visitor.Actor, loc, status)
			if d, ok := f.eventDate(si, ti, status == ingest.StatusHeld); ok {
				setVisitDate(&v, d)
			}
			v.ID = document.StableID("visit", f.doc.Article.Info.ID, v.VisitorID, v.LocationID, v.Status, strPtrValue(v.Date), v.Evidence.Sentence)
			add(v)
			// "... to visit North Korea since then-intelligence chief James
			// Clapper in 2014": the one named after "since" made the same visit.
			if ev2, ok := f.ellipticVisit(si, locTok, loc); ok {
				add(ev2)
			}
		}
	}
}

// visitPlace finds the place visited: the object of "visited", or the
// place after "to" of "visit to", "trip to", "travelled to"; -1 for none.
func (f *finder) visitPlace(si, ti int) (loc, tok int) {
	lw := f.doc.Sentences[si].Lower
	k := ti + 1
	if k < len(lw) && (lw[k] == "to" || lw[k] == "in") {
		k++
	} else if lw[ti] != "visited" && lw[ti] != "visit" && lw[ti] != "visiting" && lw[ti] != "visits" {
		return -1, -1
	}
	for steps := 0; k < len(lw) && steps < 3; steps++ {
		if mi := f.doc.Sentences[si].MentionAt[k]; mi >= 0 {
			m := f.doc.Mentions[mi]
			if m.Location >= 0 {
				return m.Location, m.End
			}
			return -1, -1
		}
		if lw[k] == "the" || lw[k] == "neighbouring" || lw[k] == "neighboring" {
			k++
			continue
		}
		break
	}
	return -1, -1
}

// visitor finds who made the visit: the possessive before a visit noun
// ("Pompeo's visit"), "a visit by X", or the subject; for "made him the
// most senior official to visit" the person the superlative describes.
func (f *finder) visitor(si, ti int) refs.Participant {
	lw := f.doc.Sentences[si].Lower
	none := refs.Participant{Actor: -1}
	if ti >= 2 && (lw[ti-1] == "'s" || lw[ti-1] == "’s") {
		if mi := f.doc.Sentences[si].MentionAt[ti-2]; mi >= 0 && f.doc.Mentions[mi].Actor >= 0 {
			m := f.doc.Mentions[mi]
			return refs.Participant{Actor: m.Actor, Start: f.doc.Sentences[si].Tokens[m.Start].Start, End: f.doc.Sentences[si].Tokens[m.End-1].End}
		}
	}
	if ti > 0 && lw[ti-1] == "to" && f.superlativeBefore(si, ti) {
		// The person the superlative is said of: nearest person to the left.
		for k := ti - 2; k >= 0 && ti-k <= 14; k-- {
			if lexicon.ClauseStops[lw[k]] {
				break
			}
			if mem, ok := f.refs.MemberAt(si, k); ok && len(mem.Parts) == 1 && f.doc.Actors[mem.Parts[0].Actor].Type == ingest.Person {
				return mem.Parts[0]
			}
		}
	}
	var g []refs.Participant
	if vt := visitTriggers[lw[ti]]; vt.noun && (!vt.either || f.nounReading(si, ti)) {
		g = f.nounLeftParticipants(si, ti)
	} else {
		g = f.subjectGroup(si, ti)
	}
	for _, p := range g {
		if f.doc.Actors[p.Actor].Type != ingest.Country || len(g) == 1 {
			return p
		}
	}
	return none
}

// ellipticVisit reads "since X (in DATE)" after a visited place: X made
// the same visit, at DATE.
func (f *finder) ellipticVisit(si, after, loc int) (ingest.Visit, bool) {
	lw := f.doc.Sentences[si].Lower
	if after < 0 || after >= len(lw) || lw[after] != "since" {
		return ingest.Visit{}, false
	}
	g, end := f.refs.Group(si, after+1, len(lw))
	if len(g) != 1 || f.doc.Actors[g[0].Actor].Type == ingest.Country {
		return ingest.Visit{}, false
	}
	v := f.makeVisit(si, g[0].Actor, loc, ingest.StatusHeld)
	for _, d := range f.doc.Sentences[si].Dates {
		if d.Start >= end && d.Start <= end+1 {
			s := f.doc.Sentences[si]
			start := d.Start
			if start > 0 && dateLeadWords[lw[start-1]] {
				start--
			}
			if ref, ok := d.Ref(f.doc.Article.Published, false, f.doc.Article.Text[s.Tokens[start].Start:s.Tokens[d.End-1].End]); ok {
				setVisitDate(&v, ref)
			}
			break
		}
	}
	v.ID = document.StableID("visit", f.doc.Article.Info.ID, v.VisitorID, v.LocationID, v.Status, strPtrValue(v.Date), v.Evidence.Sentence)
	return v, true
}

func (f *finder) makeVisit(si, actor, loc int, status string) ingest.Visit {
	return ingest.Visit{
		Visitor:    f.doc.Actors[actor].Name,
		VisitorID:  f.doc.Actors[actor].ID,
		Location:   f.doc.Locations[loc].Name,
		LocationID: f.doc.Locations[loc].ID,
		Status:     status,
		Evidence:   f.doc.Evidence(si),
	}
}

func setVisitDate(v *ingest.Visit, d ingest.DateRef) {
	val := d.Value
	v.Date, v.DateEnd, v.DateText, v.DateGranular = &val, d.End, d.Text, d.Granularity
}

// metInSentence says whether a meeting of kind visit in sentence si has
// the actor as participant: its visit had a named host.
func (f *finder) metInSentence(si int, id string) bool {
	for _, p := range f.visitMeetings[si] {
		if p == id {
			return true
		}
	}
	return false
}

// negatedNear says whether a negation stands right before token ti.
func (f *finder) negatedNear(si, ti int) bool {
	lw := f.doc.Sentences[si].Lower
	for k := ti - 1; k >= 0 && ti-k <= 4; k-- {
		if negationCues[lw[k]] {
			return true
		}
	}
	return false
}

func strPtrValue(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
