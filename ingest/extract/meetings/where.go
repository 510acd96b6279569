package meetings

import (
	"strings"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
	"github.com/newsgraph/newsgraph/ingest/extract/refs"
)

// meetingLocation finds where the meeting was: a place after "at", "in"
// or "to" (of a visit) in the clause, the most specific first; a country
// that is a participant is not its place.
func (f *finder) meetingLocation(si, ti int, parts []refs.Participant) int {
	lw := f.doc.Sentences[si].Lower
	isPart := func(id string) bool {
		for _, p := range parts {
			if f.doc.Actors[p.Actor].ID == id {
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
		if lexicon.ClauseStops[lw[k]] || f.infinitiveAt(si, k) {
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
		mi := f.doc.Sentences[si].MentionAt[k]
		if mi < 0 || f.doc.Mentions[mi].Start != k {
			continue
		}
		m := f.doc.Mentions[mi]
		prep := ""
		j := k - 1
		for j >= 0 && (lw[j] == "the" || lw[j] == "'s" || lw[j] == "’s" || f.doc.Sentences[si].MentionAt[j] >= 0 && f.doc.Sentences[si].MentionAt[j] != mi || lw[j] == "president" || lw[j] == "a") && k-j < 6 {
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
			if m.Type == "PER" || (m.Actor >= 0 && f.doc.Actors[m.Actor].Type == ingest.Person) {
				continue
			}
			// "at Mar-a-Lago": a named venue the tagger took for an organisation.
			if prep != "at" {
				continue
			}
			loc = f.venue(m)
		}
		if loc < 0 || isPart(f.doc.Locations[loc].ID) {
			continue
		}
		d := k - ti
		if d < 0 {
			d = -d + 3 // places after the trigger are likelier its place
		}
		// The most specific place wins over a country or region further out.
		if f.doc.Locations[loc].Kind == "country" {
			d += 6
		}
		if d < bestDist {
			best, bestDist = loc, d
		}
	}
	return best
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

// eventDate picks the date expression of the clause that belongs to the
// event at ti: dates after "take place", "be held" or the trigger itself
// win over dates after other verbs ("first proposed in March").
func (f *finder) eventDate(si, ti int, past bool) (ingest.DateRef, bool) {
	lw := f.doc.Sentences[si].Lower
	best, bestScore := -1, 1<<30
	for di, d := range f.doc.Sentences[si].Dates {
		if f.doc.Sentences[si].Quoted[d.Start] != f.doc.Sentences[si].Quoted[ti] {
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
				lw[k] == "that" || lw[k] == "told" || lw[k] == "since" || f.infinitiveAt(si, k) && d.Start < ti {
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
			switch dateAnchors[lw[k]] {
			case "event":
				score -= 20
			case "other":
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
	d := f.doc.Sentences[si].Dates[best]
	s := f.doc.Sentences[si]
	start := d.Start
	if start > 0 && dateLeadWords[lw[start-1]] {
		start--
	}
	return d.Ref(f.doc.Article.Published, !past, f.doc.Article.Text[s.Tokens[start].Start:s.Tokens[d.End-1].End])
}
