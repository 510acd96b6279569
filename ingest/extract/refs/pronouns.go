package refs

import (
	"github.com/newsgraph/newsgraph/ingest"
)

// learnGenders reads what the text says about each person's gender: "Mr."
// and "Mrs." before a name, "first lady", "his wife X", "X and his wife".
func (r *Reader) learnGenders() {
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

// Pronoun finds the person a he/him/his/she/her at token k of
// sentence si stands for: the nearest compatible person named before it in
// the sentence, else the speaker of the previous sentence's statement, else
// the first compatible person of the nearest earlier sentence that names
// one. Quoted words are never antecedents of narrative pronouns. -1 when
// nothing fits.
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
	default:
		return -1
	}
	compatible := func(act int) bool {
		return act >= 0 && act < len(r.doc.Actors) && r.doc.Actors[act].Type == ingest.Person && (r.gender[act] == 0 || r.gender[act] == g)
	}
	quotedHere := r.doc.Sentences[si].Quoted[k]
	// Same sentence, nearest first.
	for j := k - 1; j >= 0; j-- {
		if r.doc.Sentences[si].Quoted[j] != quotedHere {
			continue
		}
		if mi := r.doc.Sentences[si].MentionAt[j]; mi >= 0 {
			if act := r.doc.Mentions[mi].Actor; compatible(act) {
				r.pronouns[key] = act
				return act
			}
			continue
		}
		switch r.doc.Sentences[si].Lower[j] {
		case "he", "him", "his", "she", "her":
			if act := r.Pronoun(si, j); compatible(act) {
				r.pronouns[key] = act
				return act
			}
		}
	}
	// Earlier sentences of the narrative; captions only for captions.
	kind := r.doc.Sentences[si].Segment
	for p := si - 1; p >= 0 && si-p <= 6; p-- {
		if (r.doc.Sentences[p].Segment == ingest.SegmentCaption) != (kind == ingest.SegmentCaption) {
			continue
		}
		if act, ok := r.speakers[p]; ok && p == si-1 {
			if compatible(act) {
				r.pronouns[key] = act
				return act
			}
		}
		// A person the text says has the pronoun's gender first, then one
		// of unknown gender.
		for pass := 0; pass < 2; pass++ {
			for j := range r.doc.Sentences[p].Tokens {
				if r.doc.Sentences[p].Quoted[j] {
					continue
				}
				mi := r.doc.Sentences[p].MentionAt[j]
				if mi < 0 {
					continue
				}
				m := r.doc.Mentions[mi]
				act := m.Actor
				if !compatible(act) || (pass == 0) != (r.gender[act] == g) {
					continue
				}
				possessive := m.End < len(r.doc.Sentences[p].Lower) && (r.doc.Sentences[p].Lower[m.End] == "’s" || r.doc.Sentences[p].Lower[m.End] == "'s")
				if !r.IsModifier(p, m) || possessive {
					r.pronouns[key] = act
					return act
				}
			}
		}
	}
	return -1
}
