package extract

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/ingest"
)

// meetingTriggers maps a trigger word to the kind of meeting it names.
var meetingTriggers = map[string]string{
	"met": "meeting", "meet": "meeting", "meets": "meeting", "meeting": "meeting",
	"talks": "talks", "summit": "summit", "dined": "dinner",
}

// findMeetings detects meetings: a trigger word with actors on both sides.
func (a *analysis) findMeetings() {
	for si, s := range a.sents {
		for ti, tok := range s.Tokens {
			kind, ok := meetingTriggers[strings.ToLower(tok.Text)]
			if !ok {
				continue
			}
			before := a.actorBefore(si, ti)
			after := a.actorAfter(si, ti)
			if before < 0 || after < 0 || before == after {
				continue
			}
			ids := []string{a.actors[before].ID, a.actors[after].ID}
			names := []string{a.actors[before].Name, a.actors[after].Name}
			status := a.meetingStatus(si, ti)
			key := append([]string(nil), ids...)
			sort.Strings(key)
			m := ingest.Meeting{
				ID:             stableID("meeting", append(key, status, a.doc.Info.ID)...),
				Participants:   names,
				ParticipantIDs: ids,
				Status:         status,
				Kind:           kind,
				Trigger:        tok.Text,
				Evidence:       a.evidence(si),
			}
			a.out.Meetings = append(a.out.Meetings, m)
		}
	}
}

// actorBefore returns the person nearest before token ti in sentence si,
// else the nearest actor of any type; -1 when there is none.
func (a *analysis) actorBefore(si, ti int) int {
	best := -1
	for _, m := range a.mentions {
		if m.Sent != si || m.End > ti || m.Actor < 0 {
			continue
		}
		if a.actors[m.Actor].Type == ingest.Person || best < 0 || a.actors[best].Type != ingest.Person {
			best = m.Actor
		}
	}
	return best
}

// actorAfter returns the first actor after token ti in sentence si.
func (a *analysis) actorAfter(si, ti int) int {
	for _, m := range a.mentions {
		if m.Sent == si && m.Start > ti && m.Actor >= 0 {
			return m.Actor
		}
	}
	return -1
}

// meetingStatus reads negation and modality in the words before a trigger.
func (a *analysis) meetingStatus(si, ti int) string {
	s := a.sents[si]
	trigger := strings.ToLower(s.Tokens[ti].Text)
	for k := ti - 1; k >= 0 && k >= ti-4; k-- {
		switch strings.ToLower(s.Tokens[k].Text) {
		case "not", "never", "n't", "n’t":
			return ingest.StatusDenied
		case "will", "to", "would", "could", "may", "might", "plans", "planned", "wants":
			return ingest.StatusPlanned
		}
	}
	if trigger == "meet" || trigger == "summit" {
		return ingest.StatusPlanned
	}
	return ingest.StatusHeld
}
