package extract

import (
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
)

// Visits are trips to a place without a named host: "visited Pyongyang",
// "a visit to North Korea", "the first official to visit North Korea
// since James Clapper in 2014" (two visits: the official's, and
// Clapper's in 2014). A visit whose clause names the people met ("visited
// North Korea and met with Kim") is a meeting of kind visit instead.

var visitTriggers = map[string]bool{
	"visit": true, "visited": true, "visits": true, "visiting": true, "trip": true, "trips": true,
	"travelled": true, "traveled": true, "flew": true, "journey": true,
}

// findVisits detects visits to places without a named host.
func (a *analysis) findVisits() {
	a.prepareEvents()
	seen := map[string]bool{}
	add := func(v ingest.Visit) {
		if seen[v.ID] {
			return
		}
		seen[v.ID] = true
		a.out.Visits = append(a.out.Visits, v)
	}
	for si := range a.doc.Sentences {
		lw := a.doc.Sentences[si].Lower
		for ti, w := range lw {
			if !visitTriggers[w] || a.doc.Sentences[si].Quoted[ti] {
				continue
			}
			loc, locTok := a.visitPlace(si, ti)
			if loc < 0 {
				continue
			}
			visitor := a.visitor(si, ti)
			if visitor.actor < 0 || a.doc.Actors[visitor.actor].ID == a.doc.Locations[loc].ID {
				continue
			}
			if a.metInSentence(si, a.doc.Actors[visitor.actor].ID) {
				continue
			}
			trig := triggerKind{kind: "visit", noun: w == "visit" || w == "visits" || w == "trip" || w == "trips" || w == "journey"}
			if trig.noun && !a.nounReading(si, ti) && w != "trip" && w != "trips" && w != "journey" {
				trig.noun = false
			}
			status := a.meetingStatus(si, ti, trig)
			if status == ingest.StatusDenied && !a.negatedNear(si, ti) {
				status = ingest.StatusHeld
			}
			v := a.makeVisit(si, visitor.actor, loc, status)
			if d, ok := a.eventDate(si, ti, status == ingest.StatusHeld); ok {
				setVisitDate(&v, d)
			}
			v.ID = document.StableID("visit", a.doc.Article.Info.ID, v.VisitorID, v.LocationID, v.Status, strPtrValue(v.Date), v.Evidence.Sentence)
			add(v)
			// "... to visit North Korea since then-intelligence chief James
			// Clapper in 2014": the one named after "since" made the same visit.
			if ev2, ok := a.ellipticVisit(si, locTok, loc); ok {
				add(ev2)
			}
		}
	}
}

// visitPlace finds the place visited: the object of "visited", or the
// place after "to" of "visit to", "trip to", "travelled to"; -1 for none.
func (a *analysis) visitPlace(si, ti int) (loc, tok int) {
	lw := a.doc.Sentences[si].Lower
	k := ti + 1
	if k < len(lw) && (lw[k] == "to" || lw[k] == "in") {
		k++
	} else if lw[ti] != "visited" && lw[ti] != "visit" && lw[ti] != "visiting" && lw[ti] != "visits" {
		return -1, -1
	}
	for steps := 0; k < len(lw) && steps < 3; steps++ {
		if mi := a.doc.Sentences[si].MentionAt[k]; mi >= 0 {
			m := a.doc.Mentions[mi]
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
func (a *analysis) visitor(si, ti int) participant {
	lw := a.doc.Sentences[si].Lower
	none := participant{actor: -1}
	if ti >= 2 && (lw[ti-1] == "'s" || lw[ti-1] == "’s") {
		if mi := a.doc.Sentences[si].MentionAt[ti-2]; mi >= 0 && a.doc.Mentions[mi].Actor >= 0 {
			m := a.doc.Mentions[mi]
			return participant{actor: m.Actor, sent: si, start: a.doc.Sentences[si].Tokens[m.Start].Start, end: a.doc.Sentences[si].Tokens[m.End-1].End}
		}
	}
	if ti > 0 && lw[ti-1] == "to" && a.superlativeBefore(si, ti) {
		// The person the superlative is said of: nearest person to the left.
		for k := ti - 2; k >= 0 && ti-k <= 14; k-- {
			if lexicon.ClauseStops[lw[k]] {
				break
			}
			if mem, ok := a.memberAt(si, k); ok && len(mem.parts) == 1 && a.doc.Actors[mem.parts[0].actor].Type == ingest.Person {
				return mem.parts[0]
			}
		}
	}
	var g []participant
	if isNounVisit(lw[ti]) && (lw[ti] == "trip" || lw[ti] == "trips" || lw[ti] == "journey" || a.nounReading(si, ti)) {
		g = a.nounLeftParticipants(si, ti)
	} else {
		g = a.subjectGroup(si, ti)
	}
	for _, p := range g {
		if a.doc.Actors[p.actor].Type != ingest.Country || len(g) == 1 {
			return p
		}
	}
	return none
}

func isNounVisit(w string) bool {
	return w == "visit" || w == "visits" || w == "trip" || w == "trips" || w == "journey"
}

// ellipticVisit reads "since X (in DATE)" after a visited place: X made
// the same visit, at DATE.
func (a *analysis) ellipticVisit(si, after, loc int) (ingest.Visit, bool) {
	lw := a.doc.Sentences[si].Lower
	if after < 0 || after >= len(lw) || lw[after] != "since" {
		return ingest.Visit{}, false
	}
	g, end := a.collectGroup(si, after+1, len(lw))
	if len(g) != 1 || a.doc.Actors[g[0].actor].Type == ingest.Country {
		return ingest.Visit{}, false
	}
	v := a.makeVisit(si, g[0].actor, loc, ingest.StatusHeld)
	for _, d := range a.doc.Sentences[si].Dates {
		if d.Start >= end && d.Start <= end+1 {
			s := a.doc.Sentences[si]
			start := d.Start
			if start > 0 && dateLeadWords[lw[start-1]] {
				start--
			}
			if ref, ok := d.Ref(a.doc.Article.Published, false, a.doc.Article.Text[s.Tokens[start].Start:s.Tokens[d.End-1].End]); ok {
				setVisitDate(&v, ref)
			}
			break
		}
	}
	v.ID = document.StableID("visit", a.doc.Article.Info.ID, v.VisitorID, v.LocationID, v.Status, strPtrValue(v.Date), v.Evidence.Sentence)
	return v, true
}

func (a *analysis) makeVisit(si, actor, loc int, status string) ingest.Visit {
	return ingest.Visit{
		Visitor:    a.doc.Actors[actor].Name,
		VisitorID:  a.doc.Actors[actor].ID,
		Location:   a.doc.Locations[loc].Name,
		LocationID: a.doc.Locations[loc].ID,
		Status:     status,
		Evidence:   a.doc.Evidence(si),
	}
}

func setVisitDate(v *ingest.Visit, d ingest.DateRef) {
	val := d.Value
	v.Date, v.DateEnd, v.DateText, v.DateGranular = &val, d.End, d.Text, d.Granularity
}

// metInSentence says whether a meeting of kind visit in sentence si has
// the actor as participant: its visit had a named host.
func (a *analysis) metInSentence(si int, id string) bool {
	for _, p := range a.events.visitMeetings[si] {
		if p == id {
			return true
		}
	}
	return false
}

// negatedNear says whether a negation stands right before token ti.
func (a *analysis) negatedNear(si, ti int) bool {
	lw := a.doc.Sentences[si].Lower
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
