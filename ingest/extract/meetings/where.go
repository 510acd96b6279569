package meetings

import (
	"strings"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/refs"
)

// Places and dates are read in the trigger's clause on the parse: the
// place is a location named in an "in", "at", "inside" or "to" phrase of
// the trigger, of the verb that carries a meeting noun, or of a visit in
// the same clause; the date is a date expression within that clause (not
// in a clause of its own: "first proposed in March").

var placeCases = map[string]bool{"in": true, "at": true, "inside": true, "to": true, "on": false}

// clauseHeads returns the trigger and the words whose phrases belong to
// its event: the verb that carries a meeting noun, the verb a meeting verb
// is coordinated with ("made a visit to X and met with Y").
func (f *finder) clauseHeads(tr trigger) []int {
	t := f.doc.Sentences[tr.si].Tree
	heads := []int{tr.ti}
	h := t.Head(tr.ti)
	if h < 0 {
		return heads
	}
	if tr.noun {
		s := &f.doc.Sentences[tr.si]
		n := carrierNoun(s, tr.ti)
		if n != tr.ti {
			heads = append(heads, n)
		}
		if h := t.Head(n); h >= 0 && t.RelIs(n, "obj", "nsubj", "nsubj:pass", "obl", "xcomp") {
			heads = append(heads, h)
		}
	}
	if !tr.noun && t.RelIs(tr.ti, "conj") {
		heads = append(heads, h)
		// "made a visit to X over Easter and met Y": the visit's date
		for _, o := range t.Dependents(h, "obj") {
			if _, ok := f.triggerAt(tr.si, o); ok {
				heads = append(heads, o)
			}
		}
	}
	return heads
}

// meetingPlace finds where the meeting was, -1 when the clause does not
// say; a country that is a participant is not its place.
func (f *finder) meetingPlace(tr trigger, parts []refs.Participant) int {
	s := &f.doc.Sentences[tr.si]
	t := s.Tree
	isPart := func(id string) bool {
		for _, p := range parts {
			if f.doc.Actors[p.Actor].ID == id {
				return true
			}
		}
		return false
	}
	best, bestScore := -1, 1<<30
	consider := func(k, score int) {
		c := caseOf(s, k)
		if !placeCases[c] {
			return
		}
		for _, loc := range f.placeOrVenue(tr.si, k, c) {
			if isPart(f.doc.Locations[loc].ID) {
				continue
			}
			sc := score
			if f.doc.Locations[loc].Kind == "country" {
				sc += 6 // the most specific place wins over a country
			}
			if sc < bestScore {
				best, bestScore = loc, sc
			}
		}
	}
	for i, h := range f.clauseHeads(tr) {
		for _, k := range t.Dependents(h, "obl", "nmod") {
			consider(k, i)
			// "in the Kremlin in Moscow": nested place phrases
			for _, j := range t.Dependents(k, "nmod") {
				consider(j, i+1)
			}
		}
		// "met Kim in Pyongyang": the parser may hang the place on the
		// person met
		for _, o := range t.Dependents(h, "obj") {
			if _, named := f.refs.MemberAt(tr.si, o); named {
				for _, j := range t.Dependents(o, "nmod") {
					consider(j, i+1)
				}
			}
		}
		// visits in the clause name the place ("visit to North Korea")
		for _, k := range t.Children(h) {
			if vt, ok := f.triggerAt(tr.si, k); ok && vt.visit && k != tr.ti {
				for _, loc := range f.visitPlaces(vt) {
					if !isPart(f.doc.Locations[loc].ID) && i+2 < bestScore {
						best, bestScore = loc, i+2
					}
				}
			}
		}
	}
	return best
}

// placeOrVenue returns the places phrase k names; after "at", a named
// organisation is a venue ("at Mar-a-Lago").
func (f *finder) placeOrVenue(si, k int, c string) []int {
	if places := f.placesOf(si, k); len(places) > 0 {
		return places
	}
	s := &f.doc.Sentences[si]
	if c != "at" {
		return nil
	}
	mi := s.MentionAt[k]
	for _, c := range s.Tree.Dependents(k, "compound") {
		if mi < 0 {
			mi = s.MentionAt[c] // "at the president's Mar-a-Lago retreat"
		}
	}
	if mi < 0 {
		return nil
	}
	m := f.doc.Mentions[mi]
	if m.Type == "PER" || m.Actor >= 0 && f.doc.Actors[m.Actor].Type == ingest.Person {
		return nil
	}
	if v := f.venue(m); v >= 0 {
		return []int{v}
	}
	return nil
}

// venue makes a location of an organisation-tagged name after "at".
func (f *finder) venue(m document.Mention) int {
	name := document.CleanName(m.Text)
	if name == "" {
		return -1
	}
	id := "place:" + document.Slug(name)
	for i, l := range f.doc.Locations {
		if l.ID == id || strings.EqualFold(l.Name, name) {
			return i
		}
	}
	ev := f.doc.Evidence(m.Sent)
	f.doc.Locations = append(f.doc.Locations, ingest.Location{ID: id, Name: name, Kind: "venue", Mentions: 1, Evidence: &ev})
	return len(f.doc.Locations) - 1
}

// thirdLocation says whether a meeting's place lies outside every
// participant country (CAMEO 044, meet at a third location).
func (f *finder) thirdLocation(loc int, parts []refs.Participant) bool {
	if loc < 0 {
		return false
	}
	cc := f.doc.Locations[loc].CountryCode
	if cc == "" {
		return false
	}
	for _, p := range parts {
		act := f.doc.Actors[p.Actor]
		if act.Type != ingest.Country {
			return false // a person's country is unknown here
		}
		if strings.EqualFold(strings.TrimPrefix(act.ID, "country:"), cc) {
			return false
		}
	}
	return true
}

// eventDate picks the date expression of the trigger's clause: within the
// phrases of the trigger or of the verb that carries it, not inside a
// clause of their own; the nearest wins.
func (f *finder) eventDate(tr trigger, past bool) (ingest.DateRef, bool) {
	s := &f.doc.Sentences[tr.si]
	best := f.clauseDate(tr)
	if best < 0 {
		return ingest.DateRef{}, false
	}
	d := s.Dates[best]
	start := d.Start
	if start > 0 {
		switch s.Lower[start-1] {
		case "on", "in", "over", "at", "during", "since", "by", "until", "from", "last", "next", "this":
			start--
		}
	}
	return d.Ref(f.doc.Article.Published, !past, f.doc.Article.Text[s.Tokens[start].Start:s.Tokens[d.End-1].End])
}

// clauseDate returns the index of the date expression of the trigger's
// clause, the nearest first, or -1.
func (f *finder) clauseDate(tr trigger) int {
	s := &f.doc.Sentences[tr.si]
	t := s.Tree
	heads := f.clauseHeads(tr)
	best, bestDist := -1, 1<<30
	// "since Clapper in 2014": the date of Clapper's visit, not this one
	var elliptic [][2]int
	for _, k := range t.Dependents(tr.ti, "obl", "nmod", "advcl") {
		if _, ok := f.sincePerson(tr.si, k); ok {
			lo, hi := t.Span(k)
			elliptic = append(elliptic, [2]int{lo, hi + 2})
		}
	}
	for di, d := range s.Dates {
		if s.Quoted[d.Start] != s.Quoted[tr.ti] {
			continue
		}
		inElliptic := false
		for _, e := range elliptic {
			inElliptic = inElliptic || d.Start >= e[0] && d.Start < e[1]
		}
		if inElliptic {
			continue
		}
		// the word of the date expression nearest the root
		top := d.Start
		for k := d.Start; k < d.End; k++ {
			if !t.Dominates(top, k) && t.Dominates(k, top) {
				top = k
			}
		}
		owner := f.clauseOwner(tr.si, top)
		ok := false
		for _, h := range heads {
			if owner == h {
				ok = true
			}
		}
		if !ok {
			continue
		}
		dist := d.Start - tr.ti
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = di, dist
		}
	}
	return best
}

// clauseOwner returns the nearest verb or meeting noun above word k whose
// phrase k is part of: the first ancestor that heads a clause or is a
// meeting trigger.
func (f *finder) clauseOwner(si, k int) int {
	s := &f.doc.Sentences[si]
	t := s.Tree
	for steps := 0; k >= 0 && steps < 12; steps++ {
		h := t.Head(k)
		if h < 0 {
			return k
		}
		if _, ok := f.triggerAt(si, h); ok {
			return h
		}
		if up := s.Syntax[h].UPOS; up == "VERB" || up == "AUX" {
			return h
		}
		k = h
	}
	return -1
}
