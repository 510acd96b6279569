package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/ingest"
)

// speechVerbs are the cue words of attribution.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "replied": true, "wrote": true, "stressed": true,
}

// findStatements finds direct quotes in curly or straight double quotes and
// attributes each to the speaker named next to a speech verb in the same
// sentence; a pronoun speaker is the nearest person named before it.
func (a *analysis) findStatements() {
	for si, s := range a.sents {
		open := -1
		for ti, tok := range s.Tokens {
			switch tok.Text {
			case "“":
				open = ti
			case "\"":
				if open < 0 {
					open = ti
					continue
				}
				fallthrough
			case "”":
				if open < 0 || ti-open < 2 {
					open = -1
					continue
				}
				a.addQuote(si, open, ti)
				open = -1
			}
		}
	}
}

func (a *analysis) addQuote(si, open, close int) {
	s := a.sents[si]
	quote := a.doc.Text[s.Tokens[open+1].Start:s.Tokens[close-1].End]
	st := ingest.Statement{
		ID:       stableID("statement", a.doc.Info.ID, quote, s.Tokens[open].Text),
		Text:     quote,
		Kind:     ingest.StatementDirect,
		Evidence: a.evidence(si),
	}
	st.Evidence.Start = a.runes.at(s.Tokens[open+1].Start)
	st.Evidence.End = a.runes.at(s.Tokens[close-1].End)
	for ti, tok := range s.Tokens {
		if (ti > open && ti < close) || !speechVerbs[strings.ToLower(tok.Text)] {
			continue
		}
		st.Cue = strings.ToLower(tok.Text)
		if act := a.speakerNear(si, ti); act >= 0 {
			name := a.actors[act].Name
			st.Speaker, st.SpeakerID = &name, a.actors[act].ID
		}
		break
	}
	a.out.Statements = append(a.out.Statements, st)
}

// speakerNear finds the person who is the subject of the speech verb at ti:
// a person right before or after it, or for "he"/"she" the nearest person
// named earlier in the article.
func (a *analysis) speakerNear(si, ti int) int {
	s := a.sents[si]
	for _, m := range a.mentions {
		if m.Sent == si && m.Actor >= 0 && (m.End == ti || m.Start == ti+1) {
			return m.Actor
		}
	}
	if ti > 0 {
		switch strings.ToLower(s.Tokens[ti-1].Text) {
		case "he", "she":
			for k := len(a.mentions) - 1; k >= 0; k-- {
				m := a.mentions[k]
				if m.Actor >= 0 && (m.Sent < si || (m.Sent == si && m.End <= ti)) && a.actors[m.Actor].Type == ingest.Person {
					return m.Actor
				}
			}
		}
	}
	return -1
}
