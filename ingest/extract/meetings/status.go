package meetings

import (
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
)

// The status of a meeting is read in the trigger's own clause on the parse
// (status.tsv has the words):
//
//   - the verbs that govern it, nearest first, through xcomp and ccomp
//     ("refused to meet", "wants to meet", "denied meeting"), or that carry
//     a meeting noun ("cancelled the summit", "proposed talks");
//   - its auxiliaries and markers: "will" is planned; "would", "could",
//     "may", "if" are proposed;
//   - negation of its own clause: a negated past meeting is denied ("has
//     never met"), a negated plan refused ("will not meet"); a negation in
//     another clause ("was not present at the meeting") changes nothing;
//   - for a noun, its modifiers ("the planned summit", "the first
//     meeting") and the noun it is "of" ("talk of a summit");
//   - tense: a past verb is held; a purpose infinitive ("travelled to meet")
//     planned.
//
// A meeting dated after the article is planned (meetings.go).

// status reads the status of the meeting trigger tr names.
func (f *finder) status(tr trigger) string {
	s := &f.doc.Sentences[tr.si]
	if tr.noun {
		return f.nounStatus(tr)
	}
	v := tr.ti
	class, neg := f.clauseClass(s, v)
	return statusOf(class, neg, f.pastVerb(s, v))
}

// statusOf combines a clause's status class, its negation and its tense.
func statusOf(class string, neg, past bool) string {
	switch class {
	case classCancel:
		return ingest.StatusCancelled
	case classRefuse:
		return ingest.StatusRefused
	case classDeny:
		return ingest.StatusDenied
	case classPropose, classModal:
		return ingest.StatusProposed
	case classPlan, classFuture:
		if neg {
			return ingest.StatusRefused
		}
		return ingest.StatusPlanned
	case classHeld:
		return ingest.StatusHeld
	}
	if neg {
		return ingest.StatusDenied
	}
	_ = past
	return ingest.StatusHeld
}

// clauseClass reads the status class of the clause headed by verb v: its
// auxiliaries and markers, then the verbs that govern it. neg says whether
// v's own clause (or, for a plan, the governing verb) is negated.
func (f *finder) clauseClass(s *document.Sentence, v int) (class string, neg bool) {
	t := s.Tree
	neg = negated(s, v)
	for _, k := range t.Dependents(v, "aux", "mark") {
		if c, ok := statusAux[lemmaOf(s, k)]; ok {
			if c == classModal || class == "" {
				class = c
			}
		}
	}
	if class == classModal {
		return class, neg
	}
	if class == "" && t.HasLemmaDependent(v, "mark", "to") && t.HasLemmaDependent(v, "aux", "be") {
		class = classPlan // "was to take place", the parser's "is to meet"
	}
	// The governing verbs, nearest first.
	x := v
	for steps := 0; steps < 5; steps++ {
		h := t.Head(x)
		if h < 0 {
			break
		}
		switch {
		case t.RelIs(x, "xcomp"), t.RelIs(x, "ccomp") && !f.reports(s, h), t.RelIs(x, "csubj"):
			if c, ok := statusVerbs[verbLemma(s, h)]; ok {
				if mk := t.Dependent(h, "mark"); mk >= 0 && statusAux[lemmaOf(s, mk)] == classModal {
					return classModal, neg // "if the Taliban refused to negotiate"
				}
				hneg := negated(s, h)
				if c == classPlan && lemmaOf(s, h) == "go" && !t.RelIs(x, "xcomp") {
					break
				}
				if hneg && (c == classPropose || c == classPlan) {
					return classRefuse, false // "does not want to meet", "did not agree to meet"
				}
				return c, neg
			}
			if t.RelIs(x, "xcomp") && lemmaOf(s, h) == "be" {
				return classPlan, neg // "is to meet"
			}
			if lemmaOf(s, x) != "" && t.RelIs(x, "xcomp") && isSuperlativeHead(s, h) {
				return classHeld, neg
			}
			for _, k := range t.Dependents(h, "aux") {
				if c, ok := statusAux[lemmaOf(s, k)]; ok {
					return c, neg || negated(s, h) // "would like to meet"
				}
			}
			if t.RelIs(x, "ccomp") {
				// "declining to name who had met": the clause is what
				// another verb is about; verbs above that one govern it,
				// not the meeting
				return class, neg
			}
			if t.RelIs(x, "xcomp") {
				neg = neg || negated(s, h)
			}
		case t.RelIs(x, "conj") && x == v && class == "" && t.Dependent(x, "nsubj", "nsubj:pass", "aux", "mark") < 0:
			// "promised to meet and talk with Putin": a conjunct without
			// subject or auxiliary of its own shares its first's clause
			c, hneg := f.clauseClass(s, h)
			return c, neg || hneg
		case t.RelIs(x, "advcl"):
			if mk := t.Dependent(x, "mark"); mk >= 0 {
				switch lemmaOf(s, mk) {
				case "if", "unless", "whether":
					return classModal, neg
				case "before", "after", "while", "when", "until", "once":
					// "He will see an orphanage before chairing a meeting":
					// a time clause of a plan is part of the plan
					if class == "" && t.Dependent(x, "nsubj", "nsubj:pass") < 0 {
						switch hc, _ := f.clauseClass(s, h); hc {
						case classFuture, classPlan, classModal, classPropose:
							return hc, neg
						}
					}
				case "to", "in order":
					if class != "" {
						break
					}
					// "travelled to Pyongyang to meet Kim": a journey made
					// ("flew to Beijing to meet Xi") is news of the
					// meeting; one to come ("will fly", "is flying"), one
					// not made, or another verb's purpose ("urged them to
					// resume talks") is a plan.
					if journeyVerbs[lemmaOf(s, h)] && s.Syntax[h].XPOS == "VBD" {
						if hc, hneg := f.clauseClass(s, h); hc == "" && !hneg {
							return classHeld, neg
						}
					}
					return classPlan, neg
				}
			}
			return class, neg
		case t.RelIs(x, "acl"):
			// "the first leader to meet Kim", "known to have met"
			if isSuperlativeHead(s, h) {
				return classHeld, neg
			}
			if t.HasLemmaDependent(x, "mark", "to") && class == "" {
				// "has no plans to meet": nothing planned
				for _, d := range t.Dependents(h, "det") {
					if lemmaOf(s, d) == "no" {
						return classRefuse, false
					}
				}
				// "snubbed an invitation to meet", "rejected an offer to
				// visit": the verb that acts on the noun
				if g := t.Head(h); g >= 0 && t.RelIs(h, "obj") {
					switch c := statusVerbs[verbLemma(s, g)]; c {
					case classCancel, classRefuse, classDeny:
						return c, false
					}
					if negated(s, g) {
						return classRefuse, false // "did not accept an invitation to meet"
					}
				}
				return classPlan, neg
			}
			return class, neg
		default:
			return class, neg
		}
		x = h
	}
	if class == "" && t.Dependent(v, "mark") >= 0 && lemmaOf(s, t.Dependent(v, "mark")) == "to" && !f.perfectInfinitive(s, v) {
		return classPlan, neg
	}
	return class, neg
}

// reports says whether verb h reports speech or thought, whose clause is
// a fact reported, not a governing wish ("said he met").
func (f *finder) reports(s *document.Sentence, h int) bool {
	switch lemmaOf(s, h) {
	case "say", "tell", "add", "report", "confirm", "announce", "reveal", "claim", "insist", "note", "write", "state", "believe", "think", "know", "understand", "learn":
		return true
	}
	return false
}

// isSuperlativeHead says whether noun h is qualified as first, last, only
// or by a superlative: "the first leader to meet", "the most senior
// official ... to have met".
func isSuperlativeHead(s *document.Sentence, h int) bool {
	for _, k := range s.Tree.Dependents(h, "amod", "advmod", "nummod") {
		switch lemmaOf(s, k) {
		case "first", "last", "only", "second", "third":
			return true
		}
		if k < len(s.Syntax) && (s.Syntax[k].XPOS == "JJS" || s.Syntax[k].XPOS == "RBS") {
			return true
		}
		for _, m := range s.Tree.Dependents(k, "advmod") {
			if s.Syntax[m].XPOS == "RBS" {
				return true
			}
		}
	}
	return false
}

// perfectInfinitive says whether "to" + v has "have": "known to have met".
func (f *finder) perfectInfinitive(s *document.Sentence, v int) bool {
	for _, k := range s.Tree.Dependents(v, "aux") {
		if lemmaOf(s, k) == "have" {
			return true
		}
	}
	return false
}

// pastVerb says whether verb v is in a past form.
func (f *finder) pastVerb(s *document.Sentence, v int) bool {
	x := s.Syntax[v].XPOS
	return x == "VBD" || x == "VBN"
}

// nounStatus reads the status of a meeting noun: its modifiers, the noun
// it is "of", the verb that carries it or of which it is the subject.
func (f *finder) nounStatus(tr trigger) string {
	s := &f.doc.Sentences[tr.si]
	t := s.Tree
	n := tr.ti
	modClass := ""
	for _, k := range t.Dependents(n, "amod", "compound", "nmod:poss", "advmod") {
		if c, ok := statusMods[lemmaOf(s, k)]; ok {
			modClass = c
			break
		}
		if c, ok := statusMods[s.Lower[k]]; ok {
			modClass = c
			break
		}
	}
	h := t.Head(n)
	if h >= 0 && t.RelIs(n, "nmod") && !presenceCases[caseOf(s, n)] && s.Syntax[h].UPOS == "NOUN" && t.RelIs(h, "obl", "obj") {
		// "would work out in the context of discussions": the clause
		// of the phrase that holds the noun speaks of a possibility
		// (not "will issue a chart in the meetings", where the meetings
		// are only the place)
		if hv := t.Head(h); hv >= 0 && s.Syntax[hv].UPOS == "VERB" {
			// a future says nothing of the meeting ("will miss an address
			// to the summit" that is under way)
			if class, _ := f.clauseClass(s, hv); class == classModal {
				return statusOf(orClass(modClass, classModal), false, false)
			}
		}
	}
	// "talk of an early summit", "the announcement of the summit",
	// "arrived ahead of the summit", "on the eve of the talks"
	if h >= 0 && t.RelIs(n, "nmod", "obl") && caseOf(s, n) == "of" {
		head := lemmaOf(s, h)
		if c := t.Dependent(n, "case"); c > 0 && statusHeads[s.Lower[c-1]] != "" {
			head = s.Lower[c-1] // "ahead of", read as an adverb of the verb
		}
		switch statusHeads[head] {
		case "proposed":
			return ingest.StatusProposed
		case "planned":
			return ingest.StatusPlanned
		}
	}
	if modClass == classCancel {
		return ingest.StatusCancelled
	}
	if h >= 0 && h < len(s.Syntax) && (s.Syntax[h].UPOS == "VERB" || s.Syntax[h].UPOS == "AUX" || s.Syntax[h].UPOS == "ADJ") {
		lemma := verbLemma(s, h)
		switch {
		case t.RelIs(n, "obj", "nsubj:pass", "xcomp", "obl"):
			// "cancelled the summit", "the summit was cancelled",
			// "proposed talks", "held talks", "called for talks"
			// "asked Sharif during a meeting", "announced it at a public
			// meeting": what is done at a meeting says nothing of its status
			at := t.RelIs(n, "obl") && presenceCases[caseOf(s, n)]
			if c, ok := statusVerbs[lemma]; ok && !at && (c != classPlan || !t.RelIs(n, "obl") || lemma == "agree") {
				hneg := negated(s, h)
				if hneg && (c == classPropose || c == classPlan) {
					return ingest.StatusRefused
				}
				if hneg && c == classDeny {
					return ingest.StatusHeld // "did not deny the meeting"
				}
				return statusOf(c, false, true)
			}
			if role, ok := supportRoles[lemma]; ok && role != "none" && !t.RelIs(n, "obl") {
				class, neg := f.clauseClass(s, h)
				if lemma == "attend" || lemma == "join" || lemma == "participate" {
					neg = false // the others met
				}
				return statusOf(orClass(class, modClass), neg, f.pastVerb(s, h))
			}
			if lemma == "call" && t.RelIs(n, "obl") && caseOf(s, n) == "for" {
				return ingest.StatusProposed // "called for talks"
			}
		case t.RelIs(n, "nsubj"):
			// "the summit will take place", "talks collapsed", "the
			// meeting could happen"
			class, neg := f.clauseClass(s, h)
			if neg && s.Syntax[h].UPOS == "VERB" && !occurrenceVerbs[verbLemma(s, h)] {
				neg = false // "the meeting did not improve relations": it was held
			}
			if c, ok := statusMods[lemmaOf(s, h)]; ok && class == "" && s.Syntax[h].UPOS == "ADJ" {
				class = c // "negotiations were possible"
			}
			// "was to take place ... but was called off": a coordinated
			// verb that shares the subject cancels or denies it
			for _, c := range t.Dependents(h, "conj") {
				if t.Dependent(c, "nsubj", "nsubj:pass") >= 0 {
					continue
				}
				switch cc := statusVerbs[verbLemma(s, c)]; cc {
				case classCancel, classRefuse, classDeny:
					class, neg = cc, false
				}
			}
			return statusOf(orClass(class, modClass), neg, f.pastVerb(s, h))
		}
		if t.RelIs(n, "obl") || t.RelIs(n, "nmod") {
			// "after the meeting", "at the summit": the meeting happened
			// unless its own words say otherwise; a clause of plans makes
			// it planned ("will attend the summit").
			class, _ := f.clauseClass(s, h)
			switch class {
			case classFuture, classPlan, classPropose:
				// "will seek to reassure MPs at their meeting": a wish
				// to act at a meeting does not make the meeting a wish;
				// nor is "their first meeting" of a plan held yet
				if modClass == classHeld {
					modClass = ""
				}
				return statusOf(orClass(modClass, classPlan), false, false)
			case classModal:
				// "a deal could be reached at the summit"
				return statusOf(orClass(modClass, classModal), false, false)
			}
		}
	}
	return statusOf(modClass, false, true)
}

func orClass(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
