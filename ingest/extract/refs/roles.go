package refs

import (
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
)

// RoleRef returns the person a definite role phrase at word k of sentence
// si stands for: "the president", "the Mexican president", "the senator"
// name the person the article has given that title before, the one
// mentioned last when several bear it ("the president" after "President
// Obama ... President Xi" is Xi). Its qualifiers must be in the title ("the
// Mexican president" is no "French President"). -1 when no one fits, when
// the word is part of a name or a plural, or when a name follows it.
func (r *Reader) RoleRef(si, k int) int {
	s := &r.doc.Sentences[si]
	if k < 0 || k >= len(s.Tokens) || s.MentionAt[k] >= 0 || !lexicon.RoleNouns[s.Lower[k]] ||
		s.Tree == nil || s.Tree.Len() != len(s.Tokens) || s.Syntax[k].XPOS != "NN" {
		return -1
	}
	if k+1 < len(s.Tokens) && (s.MentionAt[k+1] >= 0 || document.Capitalised(s.Tokens[k+1].Text)) {
		return -1 // "the president, Barack Obama" is read from the name
	}
	if !s.Tree.HasLemmaDependent(k, "det", "the") {
		return -1 // "a senator", "his counterpart": someone else
	}
	var qualifiers []string
	for _, q := range s.Tree.Dependents(k, "amod", "compound") {
		qualifiers = append(qualifiers, s.Lower[q])
	}
	candidate := func(act int) bool {
		a := r.doc.Actors[act]
		if a.Type != ingest.Person {
			return false
		}
		for _, title := range a.Titles {
			words := strings.Fields(strings.ToLower(title))
			if !slices.Contains(words, s.Lower[k]) {
				continue
			}
			fits := true
			for _, q := range qualifiers {
				fits = fits && slices.Contains(words, q)
			}
			if fits {
				return true
			}
		}
		return false
	}
	best, bestAt := -1, -1
	at := s.Tokens[k].Start
	for _, m := range r.doc.Mentions {
		ms := &r.doc.Sentences[m.Sent]
		if m.Actor < 0 || m.Start >= len(ms.Tokens) || ms.Tokens[m.Start].Start >= at || ms.Quoted[m.Start] {
			continue
		}
		if start := ms.Tokens[m.Start].Start; start > bestAt && candidate(m.Actor) {
			best, bestAt = m.Actor, start
		}
	}
	return best
}
