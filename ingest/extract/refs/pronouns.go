package refs

import (
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
)

// learnGenders reads what the text says about each person's gender: "Mr."
// and "Mrs." before a name, "first lady", "his wife X", "X and his wife".
func (r *Reader) learnGenders() {
	// A first name first; what the text says overrides it.
	for i, act := range r.doc.Actors {
		if act.Type != ingest.Person {
			continue
		}
		if g := nameGender(act.Name); g != 0 {
			r.gender[i] = g
		}
	}
	for _, m := range r.doc.Mentions {
		if m.Actor < 0 || r.doc.Actors[m.Actor].Type != ingest.Person {
			continue
		}
		lw := r.doc.Sentences[m.Sent].Lower
		for k := m.Start - 1; k >= 0 && m.Start-k <= 3; k-- {
			if genderWords[lw[k]] == "f" {
				r.gender[m.Actor] = 'f'
				break
			}
			if genderWords[lw[k]] == "m" {
				r.gender[m.Actor] = 'm'
				break
			}
			if r.doc.Sentences[m.Sent].MentionAt[k] >= 0 {
				break
			}
		}
		// "X and his wife", "X and her husband"
		if m.End+2 < len(lw) && lw[m.End] == "and" {
			switch lw[m.End+1] {
			case "his":
				r.gender[m.Actor] = 'm'
			case "her":
				r.gender[m.Actor] = 'f'
			}
		}
	}
}

// Pronoun finds the actor a he/him/his/she/her/it at token k of sentence
// si stands for, by gender (what the text and the first name say) and
// salience:
//
//  1. in its own sentence, the subject of a clause that holds it ("Lynch
//     said she recalled"), else the nearest compatible person before it;
//  2. the speaker of the last statement earlier in its paragraph ("“...,”
//     Trump said. ... “...,” he added"), or of the sentence right before,
//     unless a sentence since names a compatible person outside quotes
//     and the pronoun's own sentence quotes no one ("he added");
//  3. the nearest earlier sentence that names a compatible person: one the
//     text says has the pronoun's gender before one of unknown gender,
//     and a clause's subject before other mentions.
//
// An "it" stands for a country or an organisation only as in 1, the
// subject of an enclosing clause. Quoted words are never antecedents of
// narrative pronouns. -1 when nothing fits.
func (r *Reader) Pronoun(si, k int) int {
	key := [2]int{si, k}
	if act, ok := r.pronouns[key]; ok {
		return act
	}
	r.pronouns[key] = -1 // guards against cycles
	var g byte
	switch r.doc.Sentences[si].Lower[k] {
	case "he", "him", "his", "himself":
		g = 'm'
	case "she", "her", "hers", "herself":
		g = 'f'
	case "it", "its", "itself":
		g = 'n'
	default:
		return -1
	}
	// "he spoke to her": an object is not its own clause's subject
	exclude := r.clauseMate(si, k)
	// a speaker is "I" in their own quote, never "he" or "she"
	speaker := r.QuoteSpeaker(si, k)
	compatible := func(act int) bool {
		if act < 0 || act >= len(r.doc.Actors) || act == exclude || act == speaker {
			return false
		}
		if g == 'n' {
			return r.doc.Actors[act].Type != ingest.Person
		}
		return r.doc.Actors[act].Type == ingest.Person && (r.gender[act] == 0 || r.gender[act] == g)
	}
	found := func(act int) int {
		r.pronouns[key] = act
		return act
	}
	if g == 'n' {
		// "it" is as often a thing or the weather as a country: only the
		// subject of an enclosing clause names it ("Saudi Arabia
		// announced it will host talks").
		return found(r.clauseSubject(si, k, compatible))
	}
	quotedHere := r.doc.Sentences[si].Quoted[k]
	// 1. Same sentence: the subject of an enclosing clause, then the
	// nearest person before it.
	if act := r.clauseSubject(si, k, compatible); act >= 0 {
		return found(act)
	}
	for j := k - 1; j >= 0; j-- {
		if r.doc.Sentences[si].Quoted[j] != quotedHere {
			continue
		}
		if mi := r.doc.Sentences[si].MentionAt[j]; mi >= 0 {
			if act := r.doc.Mentions[mi].Actor; compatible(act) {
				return found(act)
			}
			continue
		}
		switch r.doc.Sentences[si].Lower[j] {
		case "he", "him", "his", "she", "her":
			if act := r.Pronoun(si, j); compatible(act) {
				return found(act)
			}
		}
	}
	kind := r.doc.Sentences[si].Segment
	// 2. The paragraph's last speaker, or the previous sentence's.
	attribution := slices.Contains(r.doc.Sentences[si].Quoted, true)
	if !quotedHere {
		seg := r.segmentOf(si)
		for p := si - 1; p >= 0 && si-p <= 8; p-- {
			if p < si-1 && r.segmentOf(p) != seg {
				break
			}
			if act, ok := r.speakers[p]; ok {
				if compatible(act) {
					return found(act)
				}
				if act >= 0 {
					break // a speaker of the other gender: fall to the mentions
				}
			}
			if !attribution && r.namesNarrativePerson(p, compatible) {
				// "“...,” Ancram argued. Mr Straw's trip is part of
				// regular meetings. He will meet ...": a person named
				// since the last statement is nearer, unless the
				// pronoun's own sentence quotes ("“...,” he added": the
				// speaker goes on)
				break
			}
		}
	}
	// 3. Earlier sentences of the narrative; captions only for captions.
	for p := si - 1; p >= 0 && si-p <= 6; p-- {
		if (r.doc.Sentences[p].Segment == ingest.SegmentCaption) != (kind == ingest.SegmentCaption) {
			continue
		}
		// A person the text says has the pronoun's gender first, then one
		// of unknown gender; a subject before other mentions.
		for pass := 0; pass < 4; pass++ {
			wantGender, wantSubject := pass < 2, pass%2 == 0
			for j := range r.doc.Sentences[p].Tokens {
				if r.doc.Sentences[p].Quoted[j] {
					continue
				}
				mi := r.doc.Sentences[p].MentionAt[j]
				if mi < 0 {
					// "The president's roots ... he told": a role phrase
					// names the person of that title
					if act := r.RoleRef(p, j); compatible(act) && wantGender == (r.gender[act] == g) &&
						(!wantSubject || r.roleIsSubject(p, j)) {
						return found(act)
					}
					continue
				}
				if r.doc.Mentions[mi].Start != j {
					continue
				}
				m := r.doc.Mentions[mi]
				act := m.Actor
				if !compatible(act) || wantGender != (r.gender[act] == g) || wantSubject && !r.isSubjectMention(m) {
					continue
				}
				possessive := m.End < len(r.doc.Sentences[p].Lower) && (r.doc.Sentences[p].Lower[m.End] == "’s" || r.doc.Sentences[p].Lower[m.End] == "'s")
				if !r.IsModifier(p, m) || possessive {
					return found(act)
				}
			}
		}
	}
	return -1
}

// nameGender is the gender a person's name says: an honorific ("Mrs.
// Clinton") or a first name ("Hillary Clinton"); 0 when it says none. A
// single word is a surname, whatever it looks like.
func nameGender(name string) byte {
	words := strings.Fields(strings.ToLower(name))
	if len(words) < 2 {
		return 0
	}
	if g := genderWords[words[0]]; g != "" {
		return g[0]
	}
	if g := firstNames[strings.Trim(words[0], ".")]; g != "" {
		return g[0]
	}
	return 0
}

// segmentOf is the index of the paragraph holding sentence si, -1 when none.
func (r *Reader) segmentOf(si int) int {
	start := r.doc.Sentences[si].Start
	for i, seg := range r.doc.Article.Segments {
		if start >= seg.Start && start < seg.End {
			return i
		}
	}
	return -1
}

// clauseSubject is the person the subject of a clause that holds token k
// names, nearest clause first, when that subject stands before k and on
// the same side of the quotes: "Lynch said she recalled ..." (she is
// Lynch). -1 when the parse gives none.
func (r *Reader) clauseSubject(si, k int, compatible func(int) bool) int {
	s := r.doc.Sentences[si]
	t := s.Tree
	if t == nil || t.Len() != len(s.Tokens) {
		return -1
	}
	for a, steps := t.Head(k), 0; a >= 0 && steps < 8; a, steps = t.Head(a), steps+1 {
		for _, n := range t.Children(a) {
			if n >= k || t.Words[n].Rel != "nsubj" || s.Quoted[n] != s.Quoted[k] {
				continue
			}
			if mi := s.MentionAt[n]; mi >= 0 {
				if act := r.doc.Mentions[mi].Actor; compatible(act) && !r.IsModifier(si, r.doc.Mentions[mi]) {
					return act
				}
			}
		}
	}
	return -1
}

// isSubjectMention says whether mention m is the subject of its clause.
func (r *Reader) isSubjectMention(m document.Mention) bool {
	t := r.doc.Sentences[m.Sent].Tree
	if t == nil || t.Len() != len(r.doc.Sentences[m.Sent].Tokens) {
		return false
	}
	for k := m.Start; k < m.End; k++ {
		if t.RelIs(k, "nsubj") && !t.RelIs(k, "nsubj:pass") {
			return true
		}
	}
	return false
}

// namesNarrativePerson says whether sentence si names, outside quotes and
// in no statement of its own, a person compatible says may be meant.
func (r *Reader) namesNarrativePerson(si int, compatible func(int) bool) bool {
	if _, said := r.speakers[si]; said {
		return false
	}
	s := &r.doc.Sentences[si]
	for j := range s.Tokens {
		if s.Quoted[j] {
			continue
		}
		if mi := s.MentionAt[j]; mi >= 0 && r.doc.Mentions[mi].Start == j && compatible(r.doc.Mentions[mi].Actor) {
			return true
		}
	}
	return false
}

// roleIsSubject says whether role word k of sentence si is a subject or
// the possessor of one ("the president's roots came into play").
func (r *Reader) roleIsSubject(si, k int) bool {
	t := r.doc.Sentences[si].Tree
	if t.RelIs(k, "nsubj") && !t.RelIs(k, "nsubj:pass") {
		return true
	}
	h := t.Head(k)
	return t.RelIs(k, "nmod:poss") && h >= 0 && t.RelIs(h, "nsubj")
}

// clauseMate returns the actor the subject of the clause names when token
// k is an object or oblique of that clause's verb ("he spoke to her",
// "Trump met him"), -1 otherwise: a pronoun there is someone else.
func (r *Reader) clauseMate(si, k int) int {
	s := r.doc.Sentences[si]
	t := s.Tree
	if t == nil || t.Len() != len(s.Tokens) || !t.RelIs(k, "obj", "iobj", "obl") {
		return -1
	}
	v := t.Head(k)
	subj := t.Dependent(v, "nsubj")
	if subj < 0 || subj == k {
		return -1
	}
	if mi := s.MentionAt[subj]; mi >= 0 {
		return r.doc.Mentions[mi].Actor
	}
	return r.Pronoun(si, subj) // -1 for anything but he, she, it
}
