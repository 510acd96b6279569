package meetings

import (
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/refs"
)

// Visits are trips to a place without a named host, read on the parse:
// the place is the object of "visited", or the "to"/"in" phrase of "a
// visit to", "a trip to", "travelled to", "arrived in"; the visitor is the
// subject (or the possessive, or "a visit by X"); "the first official to
// visit North Korea since James Clapper in 2014" adds Clapper's visit. A
// visit whose clause names the people met ("visited North Korea and met
// with Kim") is a meeting of kind visit instead.

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
		for ti := range f.doc.Sentences[si].Tokens {
			tr, ok := f.triggerAt(si, ti)
			if !ok || !tr.visit {
				continue
			}
			places := f.visitPlaces(tr)
			if len(places) == 0 {
				continue
			}
			loc := places[0]
			visitor := f.visitor(tr)
			if visitor.Actor < 0 || f.doc.Actors[visitor.Actor].ID == f.doc.Locations[loc].ID {
				continue
			}
			if f.metInSentence(si, f.doc.Actors[visitor.Actor].ID) {
				continue
			}
			status := f.status(tr)
			v := f.makeVisit(si, visitor.Actor, loc, status)
			if d, ok := f.eventDate(tr, status == ingest.StatusHeld); ok {
				setVisitDate(&v, d)
				if status == ingest.StatusHeld && f.afterArticle(d) {
					v.Status = ingest.StatusPlanned
				}
			}
			v.ID = document.StableID("visit", f.doc.Article.Info.ID, v.VisitorID, v.LocationID, v.Status, strPtrValue(v.Date), v.Evidence.Sentence)
			add(v)
			if ev2, ok := f.ellipticVisit(tr, loc); ok {
				add(ev2)
			}
		}
	}
}

// visitPlaces returns the places a visit word names: its object, its
// "to" or "in" phrase.
func (f *finder) visitPlaces(tr trigger) []int {
	s := &f.doc.Sentences[tr.si]
	t := s.Tree
	var out []int
	if !tr.noun {
		for _, o := range t.Dependents(tr.ti, "obj") {
			out = append(out, f.placesOf(tr.si, o)...)
			// "visited hospitals and clinics in Baghdad": the place of
			// the places visited
			if !f.thingOfActor(tr.si, o) {
				continue
			}
			for _, c := range t.Conjuncts(o) {
				for _, k := range t.Dependents(c, "nmod") {
					if caseOf(s, k) == "in" {
						out = append(out, f.placesOf(tr.si, k)...)
					}
				}
			}
		}
	}
	for _, k := range t.Dependents(tr.ti, "obl", "nmod") {
		switch caseOf(s, k) {
		case "to", "in", "into":
			out = append(out, f.placesOf(tr.si, k)...)
		}
	}
	return out
}

// visitor finds who made the visit: a possessive or "by" phrase of a visit
// noun, the subject of the verb that carries it ("made a visit"), the
// subject of a visit verb, or the person a superlative describes ("the
// most senior official to visit").
func (f *finder) visitor(tr trigger) refs.Participant {
	s := &f.doc.Sentences[tr.si]
	t := s.Tree
	var cands []refs.Participant
	if tr.noun {
		for _, k := range t.Dependents(tr.ti, "nmod:poss") {
			cands = append(cands, f.argumentActors(tr.si, k)...)
		}
		for _, k := range t.Dependents(tr.ti, "nmod") {
			if caseOf(s, k) == "by" {
				cands = append(cands, f.argumentActors(tr.si, k)...)
			}
		}
		if len(cands) == 0 {
			if h := t.Head(tr.ti); h >= 0 && t.RelIs(tr.ti, "obj", "obl") {
				for _, k := range f.subjectOf(tr.si, h) {
					cands = append(cands, f.argumentActors(tr.si, k)...)
				}
			}
		}
	} else {
		for _, k := range f.subjectOf(tr.si, tr.ti) {
			cands = append(cands, f.argumentActors(tr.si, k)...)
		}
		// "made him the most senior official to visit": the person the
		// described noun is said of.
		if h := t.Head(tr.ti); len(cands) == 0 && h >= 0 && t.RelIs(tr.ti, "acl") {
			if p := t.Head(h); p >= 0 {
				for _, k := range t.Dependents(p, "obj", "nsubj") {
					if k != h {
						cands = append(cands, f.argumentActors(tr.si, k)...)
					}
				}
			}
		}
	}
	for _, p := range cands {
		if f.doc.Actors[p.Actor].Type != ingest.Country || len(cands) == 1 {
			return p
		}
	}
	return refs.Participant{Actor: -1}
}

// sincePerson says whether phrase k is "since X" of one person or group,
// not of a country or a time, and returns X.
func (f *finder) sincePerson(si, k int) ([]refs.Participant, bool) {
	s := &f.doc.Sentences[si]
	t := s.Tree
	if caseOf(s, k) != "since" && (t.Dependent(k, "mark") < 0 || lemmaOf(s, t.Dependent(k, "mark")) != "since") {
		return nil, false
	}
	ps := f.argumentActors(si, k)
	if len(ps) != 1 || f.doc.Actors[ps[0].Actor].Type == ingest.Country {
		return nil, false
	}
	return ps, true
}

// ellipticVisit reads "since X (in DATE)" after a visited place: X made
// the same visit, at DATE ("to visit North Korea since James Clapper in
// 2014").
func (f *finder) ellipticVisit(tr trigger, loc int) (ingest.Visit, bool) {
	s := &f.doc.Sentences[tr.si]
	t := s.Tree
	for _, k := range t.Dependents(tr.ti, "obl", "nmod", "advcl") {
		ps, ok := f.sincePerson(tr.si, k)
		if !ok {
			continue
		}
		v := f.makeVisit(tr.si, ps[0].Actor, loc, ingest.StatusHeld)
		lo, hi := t.Span(k)
		for _, d := range s.Dates {
			if d.Start >= lo && d.Start < hi+2 {
				start := d.Start
				if start > 0 && (s.Lower[start-1] == "in" || s.Lower[start-1] == "on") {
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
	return ingest.Visit{}, false
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

func strPtrValue(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
