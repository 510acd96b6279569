package meetings

import (
	"strings"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
	"github.com/newsgraph/newsgraph/ingest/extract/refs"
	"github.com/newsgraph/newsgraph/ingest/syntax"
)

// Participants are read from the trigger's arguments on the parse, each
// with its conjuncts ("met Berlusconi and Schroeder"):
//
//	verb  the subject (or, in a passive, the "by" agent); the object (or
//	      the passive subject); "with", "between", "to" phrases. A verb
//	      with no subject of its own takes its controller's ("wants to
//	      meet"), its relative clause's head ("Xi, who met ..."), or its
//	      coordinated verb's ("arrived and met ...").
//	noun  its possessive ("Trump's visit"), the names and demonyms that
//	      modify it ("the Trump-Kim summit"), its "with", "between" and
//	      "of" phrases, and the subject of the verb that carries it
//	      ("held talks", "proposed talks", support-verbs.tsv).
//
// The words of an argument name an actor through its mention, a pronoun,
// a name in apposition ("the leader, Kim Jong Un") or a qualifying name
// ("US officials" are the United States, as event coders code them).

// arguments is what a trigger's arguments name.
type arguments struct {
	subjects []refs.Participant // the subject's side
	others   []refs.Participant // everyone else
	places   []int              // places an object or "to" phrase names (visits)
	hosted   bool               // a hosting support verb carries the noun
	// between says a "between" phrase names two or more parties: they
	// are the meeting's parties; whoever only arranges it ("set up a
	// summit between him and Kim") is not one
	between bool
}

// addOthers adds the parties ps of a phrase that opens with case c.
func (a *arguments) addOthers(c string, ps []refs.Participant) {
	a.others = append(a.others, ps...)
	if c == "between" && len(ps) >= 2 {
		a.between = true
	}
}

// withCases open the phrases whose words are the other participants.
var withCases = map[string]bool{"with": true, "between": true, "among": true, "alongside": true, "together with": true, "amongst": true}

// arguments reads the participants of a trigger. ok is false when a sense
// guard of the frame rules the word out ("met its obligations").
func (f *finder) arguments(tr trigger) (arguments, bool) {
	s := &f.doc.Sentences[tr.si]
	t := s.Tree
	var a arguments
	if tr.noun {
		f.nounArguments(tr, &a)
		return a, true
	}
	v := tr.ti
	if tr.roles["to"] {
		// "spoke of competing agendas between Brown and Blair", "talked
		// of war": speech about something, unless someone is spoken with
		mentions, with := false, false
		for _, k := range t.Dependents(v, "obl") {
			switch c := caseOf(s, k); {
			case c == "of":
				mentions = true
			case (c == "with" || c == "to") && f.headNamesPeople(tr.si, k):
				with = true
			}
		}
		if mentions && !with {
			return a, false
		}
	}
	if f.namesContest(tr.si, v) {
		return a, false // "Trump and Clinton meet for the first of three debates"
	}
	passive := isPassive(t, v)
	var subj, obj []int
	if passive {
		subj = passiveAgents(s, v)
		obj = t.Dependents(v, "nsubj:pass")
	} else {
		subj = f.subjectOf(tr.si, v)
		for _, o := range t.Dependents(v, "obj", "iobj") {
			if inDate(s, o) || timeNouns[s.Lower[o]] {
				continue // "met Sunday": the parser's object is a date
			}
			obj = append(obj, o)
		}
	}
	if tr.actorObject && len(obj) == 0 && !passive {
		// "a target he says he has now met": the noun a relative clause
		// modifies is the object of its verb when the verb has a subject
		if hn := f.relativeObject(tr.si, v); hn >= 0 {
			obj = append(obj, hn)
		}
		// "promising to meet and in some cases exceed his goals": the
		// object the verb shares with the next conjunct
		for _, c := range t.Dependents(v, "conj") {
			if len(obj) == 0 && s.Syntax[c].UPOS == "VERB" && t.Dependent(c, "nsubj") < 0 {
				obj = append(obj, t.Dependents(c, "obj")...)
			}
		}
	}
	if tr.actorObject {
		for _, o := range obj {
			if !f.headNamesPeople(tr.si, o) && !f.namesPeople(tr.si, o) || f.thingOfActor(tr.si, o) {
				return a, false // "met its obligations", "objectives could be met"
			}
			for _, c := range t.Conjuncts(o)[1:] {
				if f.thingOfActor(tr.si, c) {
					return a, false // "received military or financial assistance from Russia"
				}
			}
		}
	}
	if tr.roles["subj"] {
		for _, k := range subj {
			a.subjects = append(a.subjects, f.argumentActors(tr.si, k)...)
		}
	}
	if tr.roles["obj"] {
		for _, o := range obj {
			if tr.visit {
				if places := f.placesOf(tr.si, o); len(places) > 0 {
					a.places = append(a.places, places...)
					continue
				}
				if f.thingOfActor(tr.si, o) {
					continue // "visiting the headquarters of Jim Jones's sect": a place of theirs
				}
			}
			a.others = append(a.others, f.argumentActors(tr.si, o)...)
		}
	}
	for _, k := range t.Dependents(v, "obl") {
		c := caseOf(s, k)
		switch {
		case (withCases[c] && tr.roles["with"] || c == "to" && tr.roles["to"]) && f.headNamesPeople(tr.si, k):
			a.others = append(a.others, f.argumentActors(tr.si, k)...)
		case tr.visit && (c == "to" || c == "in"):
			a.places = append(a.places, f.placesOf(tr.si, k)...)
		}
		if !tr.roles["with"] {
			continue
		}
		// "spoke by phone with Putin": the parser hangs the phrase on
		// "phone"
		for _, j := range t.Dependents(k, "nmod") {
			if withCases[caseOf(s, j)] && f.headNamesPeople(tr.si, j) {
				a.others = append(a.others, f.argumentActors(tr.si, j)...)
			}
		}
	}
	return a, true
}

// nounArguments reads the participants of a meeting noun.
func (f *finder) nounArguments(tr trigger, a *arguments) {
	s := &f.doc.Sentences[tr.si]
	t := s.Tree
	n := tr.ti
	for _, k := range t.Children(n) {
		switch {
		case t.RelIs(k, "nmod:poss") && tr.roles["poss"]:
			a.subjects = append(a.subjects, f.argumentActors(tr.si, k)...)
		case t.RelIs(k, "compound", "amod", "flat") && tr.roles["mod"]:
			a.others = append(a.others, f.modifierActors(tr.si, k)...)
		case t.RelIs(k, "nmod"):
			c := caseOf(s, k)
			switch {
			case withCases[c] && tr.roles["with"]:
				a.addOthers(c, f.argumentActors(tr.si, k))
			case tr.roles["with"] && (c == "at" || c == "in" || c == "on" || c == "over" || c == "about"):
				// "talks at extremely high levels with North Korea": the
				// parser hangs the party on the phrase before it
				for _, j := range t.Dependents(k, "nmod") {
					if withCases[caseOf(s, j)] && f.headNamesPeople(tr.si, j) {
						a.others = append(a.others, f.argumentActors(tr.si, j)...)
					}
				}
			case c == "for" && tr.kind == "dinner" && f.headNamesPeople(tr.si, k):
				// "hosted a dinner for Trump and his wife": the guests
				a.others = append(a.others, f.argumentActors(tr.si, k)...)
			case c == "of" && tr.roles["of"], c == "from" && tr.roles["of"]:
				// "a meeting of officials from China": the parser may hang
				// "from China" on the meeting
				a.others = append(a.others, f.argumentActors(tr.si, k)...)
			case tr.visit && c == "to":
				a.places = append(a.places, f.placesOf(tr.si, k)...)
			}
		case t.RelIs(k, "acl") && tr.roles["with"] && (t.Dependent(k, "mark") < 0 || withCases[lemmaOf(s, t.Dependent(k, "mark"))]):
			// "talks involving X and Y", "a news conference alongside
			// visiting King Abdullah", not the purpose of "talks to
			// bring Turkey within the EU"
			for _, o := range t.Dependents(k, "obj") {
				if f.headNamesPeople(tr.si, o) { // not "following the shooting of Scott"
					a.others = append(a.others, f.argumentActors(tr.si, o)...)
				}
			}
		}
	}
	if tr.roles["with"] && n+1 < len(s.Tokens) && (s.Lower[n+1] == "with" || s.Lower[n+1] == "between") && t.RelIs(n+1, "case") {
		// "in conversations with George Bush": the parser hangs the
		// phrase right after the noun on a word before it
		if k := t.Head(n + 1); k >= 0 && t.Head(k) != n && f.headNamesPeople(tr.si, k) {
			a.addOthers(s.Lower[n+1], f.argumentActors(tr.si, k))
		}
	}
	if h := t.Head(n); h >= 0 && tr.roles["with"] && t.RelIs(n, "nmod") && caseOf(s, n) == "of" && s.Syntax[h].UPOS == "NOUN" &&
		(statusHeads[lemmaOf(s, h)] != "" || measureNouns[lemmaOf(s, h)]) {
		// "on the eve of his summit with Putin", "two rounds of talks
		// with Iran": the parser hangs the party on the noun before
		for _, k := range t.Dependents(h, "nmod") {
			if k > n && withCases[caseOf(s, k)] && f.headNamesPeople(tr.si, k) {
				a.others = append(a.others, f.argumentActors(tr.si, k)...)
			}
		}
	}
	if t.Dependent(n, "cop") >= 0 && !negated(s, n) {
		// "Mitsubishi is in talks with PSA", "Merkel was at the summit":
		// the subject of the meeting noun as predicate is at it
		for _, k := range t.Dependents(n, "nsubj") {
			a.subjects = append(a.subjects, f.argumentActors(tr.si, k)...)
		}
	}
	if h := t.Head(n); h >= 0 && t.RelIs(n, "nsubj") && tr.roles["with"] {
		// "talks continued with Washington"
		for _, k := range t.Dependents(h, "obl") {
			if withCases[caseOf(s, k)] && f.headNamesPeople(tr.si, k) {
				a.others = append(a.others, f.argumentActors(tr.si, k)...)
			}
		}
	}
	if !tr.roles["support"] {
		return
	}
	// The verb that carries the noun: "held talks", "attended the summit",
	// "proposed talks with X", "told a meeting of ...".
	n = carrierNoun(s, n)
	v := t.Head(n)
	// "reads papers during a meeting", "gave a speech at the summit": the
	// parser hangs the phrase on the object; it places the verb's subject
	inObject := false
	if t.RelIs(n, "nmod") && presenceCases[caseOf(s, n)] {
		// up the object's phrase: "raised concerns about his detention
		// during meetings with ..."
		for x, steps := v, 0; x >= 0 && steps < 3; x, steps = t.Head(x), steps+1 {
			if t.RelIs(x, "obj") {
				inObject, v = true, t.Head(x)
				break
			}
			if !t.RelIs(x, "nmod") {
				break
			}
		}
	}
	// "is involved in talks", "was engaged in talks": the parser's
	// adjective is the passive of a support verb
	participle := v >= 0 && s.Syntax[v].UPOS == "ADJ" && (lemmaOf(s, v) == "involved" || lemmaOf(s, v) == "engaged")
	if v < 0 || !inObject && !t.RelIs(n, "obj", "obl", "nsubj:pass", "xcomp") || s.Syntax[v].UPOS != "VERB" && s.Syntax[v].UPOS != "AUX" && !participle {
		return
	}
	// "invited Trump to a meeting in Mexico City": host and guest
	invited := t.RelIs(n, "obl") && caseOf(s, n) == "to" && lemmaOf(s, v) == "invite"
	if t.RelIs(n, "obl") && !carrierCases[caseOf(s, n)] && !presenceCases[caseOf(s, n)] && !invited {
		return // "after the meeting", "before the talks": a time, not a role
	}
	lemma := verbLemma(s, v)
	if participle {
		lemma = strings.TrimSuffix(lemma, "d")
	}
	role, isSupport := supportRoles[lemma]
	if x := t.Dependent(v, "xcomp"); x >= 0 && s.Syntax[x].UPOS != "VERB" {
		isSupport = false // "called the meeting a success", "made the talks possible": a judgement
	}
	class, isStatus := statusVerbs[lemma]
	// "read papers during a meeting", "spoke at the summit": whoever
	// acts within the meeting is at it
	present := inObject || t.RelIs(n, "obl") && presenceCases[caseOf(s, n)]
	// "flew to Washington for talks with Trump": whoever makes the
	// journey goes to the meeting
	journey := t.RelIs(n, "obl") && caseOf(s, n) == "for" && journeyVerbs[lemma]
	takesPart := isSupport && role != "none" || isStatus && class != classHeld || present || invited || journey
	if !takesPart {
		return
	}
	if role == "host" {
		a.hosted = true
	}
	if (present || lemma == "attend" || lemma == "join" || lemma == "participate") && negated(s, v) {
		return // "was not present at", "did not attend": the others met
	}
	var subj []int
	switch {
	case isPassive(t, v) && (lemma == "involve" || lemma == "engage" || present):
		// "is involved in talks with ...", "At the summit officials from
		// Sweden were included": whoever is in it
		subj = t.Dependents(v, "nsubj:pass")
	case isPassive(t, v):
		subj = passiveAgents(s, v)
	default:
		subj = f.subjectOf(tr.si, v)
	}
	var subjects []refs.Participant
	for _, k := range subj {
		subjects = append(subjects, f.argumentActors(tr.si, k)...)
	}
	defer func() {
		// A wish or a plan makes its subject a party only when it names
		// the other ("proposed talks with China"); "Japan wants a summit"
		// says nothing of one between anyone.
		wish := !(isSupport && role != "none") && !present && (class == classPropose || class == classPlan)
		if a.between && !(isSupport && role != "none") && !present {
			return // "arranged talks between X and Y"; not "hosted", "attended"
		}
		if !wish || len(a.others) > 0 {
			a.subjects = append(a.subjects, subjects...)
		}
	}()
	if t.RelIs(n, "obl") && addressVerbs[lemma] {
		// "In a phone call, Pompeo told Abe ...": whom the subject told
		for _, o := range t.Dependents(v, "obj", "iobj") {
			if f.namesPeople(tr.si, o) {
				a.others = append(a.others, f.argumentActors(tr.si, o)...)
			}
		}
	}
	if tr.roles["with"] {
		// "set up a summit between X and Y", "called off talks with Kim":
		// the phrase the parser hung on the verb belongs to the noun.
		for _, k := range t.Dependents(v, "obl") {
			if c := caseOf(s, k); withCases[c] {
				a.addOthers(c, f.argumentActors(tr.si, k))
			}
		}
	}
}

// carrierCases open the phrases by which a verb carries a meeting noun
// ("took part in the talks", "met at the summit", "asked for talks",
// "attended as part of a meeting");
// "of" is the parser's reading of "opened two days of talks".
var carrierCases = map[string]bool{"in": true, "at": true, "for": true, "into": true, "of": true, "as": true}

// presenceCases open the phrases that place a verb's subject within a
// meeting.
var presenceCases = map[string]bool{"at": true, "during": true, "in": true}

// carrierNoun returns the noun that stands for meeting noun n in its
// clause: n, or the measure it is "of" ("opened two days of talks",
// "began a round of talks").
func carrierNoun(s *document.Sentence, n int) int {
	t := s.Tree
	for steps := 0; steps < 2 && t.RelIs(n, "nmod") && caseOf(s, n) == "of"; steps++ {
		h := t.Head(n)
		if h < 0 || s.Syntax[h].UPOS != "NOUN" {
			break
		}
		n = h
	}
	return n
}

// passiveAgents returns the "by" agents of passive verb v, also when the
// parser hung the phrase on the verb's place ("was greeted at the palace
// by Merkel").
func passiveAgents(s *document.Sentence, v int) []int {
	t := s.Tree
	var out []int
	for _, k := range t.Dependents(v, "obl", "obl:agent") {
		if caseOf(s, k) == "by" || t.RelIs(k, "obl:agent") {
			out = append(out, k)
			continue
		}
		for _, n := range t.Dependents(k, "nmod") {
			if caseOf(s, n) == "by" {
				out = append(out, n)
			}
		}
	}
	return out
}

// subjectOf returns the subject words of verb v: its own, or else its
// controller's, its relative clause's head, its coordinated verb's.
func (f *finder) subjectOf(si, v int) []int {
	s := &f.doc.Sentences[si]
	t := s.Tree
	for steps := 0; v >= 0 && steps < 6; steps++ {
		if subj := t.Dependents(v, "nsubj"); len(subj) > 0 {
			var out []int
			for _, k := range subj {
				if isRelativePronoun(s, k) && t.RelIs(v, "acl:relcl") {
					out = append(out, t.Head(v)) // "Xi, who met ...": Xi
				} else {
					out = append(out, k)
				}
			}
			return out
		}
		h := t.Head(v)
		switch {
		case t.RelIs(v, "xcomp"), t.RelIs(v, "csubj") && t.Dependent(h, "nsubj") >= 0:
			// Object control: "invited Abe to visit", "asked Kim to meet";
			// "is due to take part", which the parser may read as a
			// clausal subject of "due", is subject control.
			if o := t.Dependent(h, "obj"); o >= 0 {
				return []int{o}
			}
		case t.RelIs(v, "acl:relcl"), t.RelIs(v, "acl"):
			if t.HasLemmaDependent(v, "mark", "to") {
				// "a plan for Blair to meet Kim": the parser hangs the
				// infinitive's subject on the noun as its "for" phrase
				for _, k := range t.Dependents(h, "nmod") {
					if k < v && caseOf(s, k) == "for" && f.headNamesPeople(si, k) {
						return []int{k}
					}
				}
			}
			if _, named := f.refs.MemberAt(si, h); !named && (t.RelIs(h, "xcomp") || t.Dependent(h, "cop") >= 0) {
				// "became the first official to meet", "is the first
				// leader to visit": the predicate's subject
				v = h
				continue
			}
			if _, named := f.refs.MemberAt(si, h); !named && !f.headNamesPeople(si, h) &&
				(t.RelIs(h, "obj", "appos") || t.RelIs(h, "obl") && journeyNouns[lemmaOf(s, h)]) {
				// "endured a flight to Berlin to meet Merkel", "has gone
				// on a tour to talk with police leaders": whoever makes
				// the journey
				v = t.Head(h)
				if t.RelIs(h, "appos") {
					v = t.Head(v)
				}
				continue
			}
			return []int{h} // "officials meeting in Geneva"
		case t.RelIs(v, "conj"), t.RelIs(v, "advcl"):
		default:
			return nil
		}
		v = h
	}
	return nil
}

// relativeObject returns the noun that a relative clause holding verb v
// modifies, when v has a subject of its own that is no relative pronoun
// (so the noun is what v acts on: "the criteria they met", "a target he
// says he has met"); -1 otherwise.
func (f *finder) relativeObject(si, v int) int {
	s := &f.doc.Sentences[si]
	t := s.Tree
	subj := t.Dependent(v, "nsubj")
	if subj < 0 || isRelativePronoun(s, subj) {
		return -1
	}
	for x, steps := v, 0; x >= 0 && steps < 3; x, steps = t.Head(x), steps+1 {
		// A relative clause without "that" may be read as a second
		// subject: "a target he says ..." (target and he both subjects
		// of "says").
		if subs := t.Dependents(x, "nsubj"); len(subs) >= 2 && s.Syntax[subs[0]].UPOS == "NOUN" && subs[1] == subs[0]+1 {
			return subs[0]
		}
		if t.RelIs(x, "acl:relcl") {
			if r := t.Dependent(x, "nsubj"); r >= 0 && isRelativePronoun(s, r) {
				return -1
			}
			for _, a := range t.Dependents(x, "advmod", "mark", "obl") {
				switch s.Lower[a] {
				case "when", "where", "why", "while", "as":
					return -1 // "the day when it meets": no word is missing
				}
			}
			return t.Head(x)
		}
		if !t.RelIs(x, "ccomp", "xcomp") && x != v {
			return -1
		}
	}
	return -1
}

// inDate says whether word k is part of a date expression.
func inDate(s *document.Sentence, k int) bool {
	for _, d := range s.Dates {
		if d.Start <= k && k < d.End {
			return true
		}
	}
	return false
}

func isRelativePronoun(s *document.Sentence, k int) bool {
	switch s.Lower[k] {
	case "who", "which", "that", "whom":
		return true
	}
	return false
}

// argumentActors returns the actors an argument word names, with its
// conjuncts.
func (f *finder) argumentActors(si, head int) []refs.Participant {
	var out []refs.Participant
	for _, k := range f.doc.Sentences[si].Tree.Conjuncts(head) {
		out = append(out, f.phraseActors(si, k)...)
	}
	return out
}

// phraseActors returns the actors the phrase headed by word h names: the
// mention (or pronoun) at its head, else the first name within its own
// words ("leader Kim Jong Un", "officials from China", "party leaders,
// including Abe"), leaving out clauses and conjuncts.
func (f *finder) phraseActors(si, h int) []refs.Participant {
	s := &f.doc.Sentences[si]
	t := s.Tree
	// "policy chief, Federica Mogherini": the name in apposition; before
	// the country that qualifies a role ("his Israeli counterpart, Ariel
	// Sharon"), and with the conjuncts the parser hangs on the name
	// ("..., Ariel Sharon, and the Palestinian leader, Mahmoud Abbas")
	if s.MentionAt[h] < 0 {
		for _, a := range t.Dependents(h, "appos") {
			if mem, ok := f.refs.MemberAt(si, a); ok && !mem.Unnamed && len(mem.Parts) > 0 {
				out := append([]refs.Participant(nil), mem.Parts...)
				for _, c := range t.Conjuncts(a)[1:] {
					out = append(out, f.phraseActors(si, c)...)
				}
				return out
			}
		}
	}
	if mem, ok := f.refs.MemberAt(si, h); ok {
		return mem.Parts
	}
	if pluralPronouns[s.Lower[h]] {
		return f.splitAntecedent(si, h)
	}
	// "US bank Wells Fargo", "carmaker PSA": a common noun that describes
	// the name right after it, however the parser attached the name
	if h+1 < len(s.Tokens) && !document.Capitalised(s.Tokens[h].Text) && (s.Syntax[h].UPOS == "NOUN" || s.Syntax[h].UPOS == "PROPN") {
		if mem, ok := f.refs.MemberAt(si, h+1); ok && !mem.Unnamed && mem.Start == h+1 {
			return mem.Parts
		}
	}
	if isPeopleNoun(s, h) {
		// "the Japanese and Chinese leaders", "Israeli and Palestinian
		// negotiators": people qualified by several countries act for them
		var qualified []refs.Participant
		for _, c := range t.Dependents(h, "amod", "compound") {
			conj := t.Conjuncts(c)
			if len(conj) < 2 {
				continue // one qualifier is the agent reading of refs
			}
			for _, k := range conj {
				if mi := s.MentionAt[k]; mi >= 0 {
					if m := f.doc.Mentions[mi]; m.Actor >= 0 && f.doc.Actors[m.Actor].Type != ingest.Person {
						qualified = append(qualified, refs.Participant{Actor: m.Actor, Start: s.Tokens[m.Start].Start, End: s.Tokens[m.End-1].End})
					}
				}
			}
		}
		if len(qualified) >= 2 {
			return qualified
		}
		// "Pakistan's foreign minister", "the EU's negotiators": a role of
		// a country or an organisation acts for it, as "US officials" does
		for _, k := range t.Dependents(h, "nmod:poss") {
			if mi := s.MentionAt[k]; mi >= 0 {
				if m := f.doc.Mentions[mi]; m.Actor >= 0 && f.doc.Actors[m.Actor].Type != ingest.Person {
					return []refs.Participant{{Actor: m.Actor, Start: s.Tokens[m.Start].Start, End: s.Tokens[h].End}}
				}
			}
		}
	}
	// "a delegation led by James Kelly", "a team headed by the minister":
	// the one who leads it stands for it
	for _, k := range t.Dependents(h, "acl") {
		if l := lemmaOf(s, k); l != "lead" && l != "head" {
			continue
		}
		for _, a := range passiveAgents(s, k) {
			if ps := f.argumentActors(si, a); len(ps) > 0 {
				return ps
			}
		}
	}
	var found []refs.Participant
	var walk func(k int)
	walk = func(k int) {
		for _, c := range t.Children(k) {
			if len(found) > 0 {
				return
			}
			switch {
			case t.RelIs(c, "acl", "advcl", "ccomp", "parataxis", "conj", "cc", "punct", "dep", "list"):
				continue
			case t.RelIs(c, "nmod", "obl"):
				switch caseOf(s, c) {
				case "of", "from", "including", "include", "such as", "like", "":
				default:
					continue
				}
			}
			if mem, ok := f.refs.MemberAt(si, c); ok && !mem.Unnamed {
				// "officials from China and South Korea": both
				for _, k := range t.Conjuncts(c) {
					if mem, ok := f.refs.MemberAt(si, k); ok && !mem.Unnamed {
						found = append(found, mem.Parts...)
					}
				}
				return
			}
			walk(c)
		}
	}
	walk(h)
	return found
}

// isPeopleNoun says whether word k is a role or agent noun ("minister",
// "officials").
func isPeopleNoun(s *document.Sentence, k int) bool {
	l := lemmaOf(s, k)
	return lexicon.RoleNouns[l] || lexicon.AgentNouns[l] || lexicon.RoleNouns[s.Lower[k]] || lexicon.AgentNouns[s.Lower[k]] ||
		peopleNouns[l] || peopleNouns[s.Lower[k]]
}

// pluralPronouns stand for several actors named in the sentence.
var pluralPronouns = map[string]bool{"they": true, "them": true, "their": true}

// splitAntecedent reads "they", "them" or "their" at word k as the actors
// of an enclosing clause: its subject's conjuncts ("Abe and Trump said
// they would meet"), or its subject and the party it acts with ("Biden
// shakes hands with Davutoglu after their meeting"). Two actors at least,
// else none: a lone subject is not what a plural stands for.
func (f *finder) splitAntecedent(si, k int) []refs.Participant {
	s := &f.doc.Sentences[si]
	t := s.Tree
	own := t.Head(k) // the clause the pronoun belongs to
	for v, steps := t.Head(k), 0; v >= 0 && steps < 6; v, steps = t.Head(v), steps+1 {
		if s.Syntax[v].UPOS != "VERB" && t.Dependent(v, "cop") < 0 {
			continue
		}
		var ps []refs.Participant
		for _, n := range t.Dependents(v, "nsubj") {
			if n >= k {
				continue // the pronoun itself, or a subject after it
			}
			ps = append(ps, f.argumentActors(si, n)...)
		}
		if len(ps) == 0 {
			continue
		}
		if len(ps) == 1 && v == own || len(ps) == 1 && t.RelIs(k, "nmod:poss") {
			with := t.Dependents(v, "obl")
			for _, o := range t.Dependents(v, "obj") {
				with = append(with, t.Dependents(o, "nmod")...) // "shakes hands with Y"
			}
			for _, o := range with {
				if withCases[caseOf(s, o)] && o < k && f.headNamesPeople(si, o) {
					ps = append(ps, f.argumentActors(si, o)...)
				}
			}
		}
		if len(ps) >= 2 {
			return ps
		}
		return nil
	}
	return nil
}

// modifierActors reads the actors that modify a meeting noun: names
// ("Trump-Kim", "US-China"), a country's demonym ("Israeli-Palestinian
// talks", "Korean summit" does not name two).
func (f *finder) modifierActors(si, k int) []refs.Participant {
	s := &f.doc.Sentences[si]
	if mem, ok := f.refs.MemberAt(si, k); ok {
		return mem.Parts
	}
	var out []refs.Participant
	tok := s.Tokens[k]
	off := tok.Start
	for _, piece := range splitHyphens(tok.Text) {
		if c, ok := f.doc.Places.Country(piece); ok {
			if act := f.refs.ActorByName(c.Name); act >= 0 {
				out = append(out, refs.Participant{Actor: act, Start: off, End: off + len(piece)})
			}
		}
		off += len(piece) + 1
	}
	return out
}

func splitHyphens(w string) []string {
	var out []string
	start := 0
	for i := 0; i < len(w); i++ {
		if w[i] == '-' {
			out = append(out, w[start:i])
			start = i + 1
		}
	}
	return append(out, w[start:])
}

// namesPeople says whether an object word stands for people: it names an
// actor, is a pronoun for people, or is a noun of people ("officials",
// "his counterpart", "reporters").
func (f *finder) namesPeople(si, k int) bool {
	s := &f.doc.Sentences[si]
	if satisfyObjects[s.Lower[k]] {
		return false
	}
	if len(f.phraseActors(si, k)) > 0 {
		return true
	}
	return f.headNamesPeople(si, k)
}

// thingOfActor says whether object k is a thing that comes from or
// belongs to an actor ("received assistance from Russia", "received arms
// from the U.S."): a common noun that names no people itself.
func (f *finder) thingOfActor(si, k int) bool {
	s := &f.doc.Sentences[si]
	return s.Syntax[k].UPOS == "NOUN" && !f.headNamesPeople(si, k)
}

// headNamesPeople says whether word k itself names people: a name, a
// pronoun, a role or agent noun ("officials", "reporters"), not a thing
// of theirs ("spoke to Russia's support of Assad").
func (f *finder) headNamesPeople(si, k int) bool {
	s := &f.doc.Sentences[si]
	if _, ok := f.refs.MemberAt(si, k); ok {
		return true
	}
	if mi := s.MentionAt[k]; mi >= 0 {
		return f.doc.Mentions[mi].Type != "LOC" || f.doc.Mentions[mi].Actor >= 0
	}
	switch s.Lower[k] {
	case "him", "her", "them", "us", "me", "you", "each", "one", "another", "both", "who", "whom":
		return true
	}
	if isPeopleNoun(s, k) {
		return true
	}
	// "congressional liaison Peter Kadzik": a name in apposition
	for _, a := range s.Tree.Dependents(k, "appos") {
		if mem, ok := f.refs.MemberAt(si, a); ok && !mem.Unnamed {
			return true
		}
	}
	return false
}

// placesOf returns the locations a phrase names: a place or a country
// mentioned as a place ("visited North Korea", "a trip to Pyongyang").
func (f *finder) placesOf(si, h int) []int {
	s := &f.doc.Sentences[si]
	var out []int
	for _, k := range s.Tree.Conjuncts(h) {
		mi := s.MentionAt[k]
		if mi < 0 {
			continue
		}
		m := f.doc.Mentions[mi]
		if m.Location >= 0 {
			out = append(out, m.Location)
			continue
		}
		if m.Actor >= 0 && f.doc.Actors[m.Actor].Type == ingest.Country {
			if loc := f.locationOfCountry(m.Actor); loc >= 0 {
				out = append(out, loc)
			}
		}
	}
	return out
}

// locationOfCountry finds the location that shares a country actor's ID.
func (f *finder) locationOfCountry(act int) int {
	id := f.doc.Actors[act].ID
	for i, l := range f.doc.Locations {
		if l.ID == id {
			return i
		}
	}
	return -1
}

// negated says whether word k is negated: "not", "never", "n't".
func negated(s *document.Sentence, k int) bool {
	t := s.Tree
	for _, c := range t.Dependents(k, "advmod", "det") {
		switch lemmaOf(s, c) {
		case "not", "never", "n't", "no":
			return true
		}
	}
	// the copula or auxiliary may carry it: "was not present"
	for _, c := range t.Dependents(k, "aux", "cop") {
		if t.Dependent(c, "advmod") >= 0 && (lemmaOf(s, t.Dependent(c, "advmod")) == "not") {
			return true
		}
	}
	return false
}

var _ = syntax.Is

// namesContest says whether verb v has a "for" or "in" phrase that names a
// contest (contest-nouns.txt), directly or as the "of" of its head ("for
// the first of three debates").
func (f *finder) namesContest(si, v int) bool {
	s := &f.doc.Sentences[si]
	t := s.Tree
	for _, k := range t.Dependents(v, "obl") {
		if c := caseOf(s, k); c != "for" && c != "in" {
			continue
		}
		if contestNouns[lemmaOf(s, k)] {
			return true
		}
		for _, n := range t.Dependents(k, "nmod") {
			if caseOf(s, n) == "of" && contestNouns[lemmaOf(s, n)] {
				return true
			}
		}
		// "for the first of three president debates", where the parser
		// lost the noun to a clause of its own: the words right after
		// the phrase
		_, end := t.Span(k)
		for j := end; j < len(s.Tokens) && j < end+2 && s.Syntax[j].UPOS != "PUNCT"; j++ {
			if contestNouns[lemmaOf(s, j)] || contestNouns[strings.TrimSuffix(s.Lower[j], "s")] {
				return true
			}
		}
	}
	return false
}

// joinersAt returns the people the sentence of meeting noun tr places at
// the meeting from outside its phrase: the subject of a verb the noun is
// the place of ("spoke at the summit") or that carries it ("attended the
// meeting", "chaired the talks"),
// or a person who speaks "after" it ("Merkel told reporters after the
// meeting").
func (f *finder) joinersAt(tr trigger) []refs.Participant {
	s := &f.doc.Sentences[tr.si]
	t := s.Tree
	n := carrierNoun(s, tr.ti)
	v := t.Head(n)
	if v < 0 || s.Syntax[v].UPOS != "VERB" || negated(s, v) {
		return nil
	}
	switch class, _ := f.clauseClass(s, v); class {
	case classRefuse, classDeny, classCancel:
		return nil // "refused to attend the meeting": not at it
	}
	c := caseOf(s, n)
	lemma := verbLemma(s, v)
	role, support := supportRoles[lemma]
	after := false
	switch {
	case t.RelIs(n, "obl") && presenceCases[c] && (c != "during" || f.reports(s, v)):
		// "spoke at the summit", "said during the meeting"; but those who
		// "demonstrate during the conference" are outside it
	case t.RelIs(n, "obl") && (c == "after" || c == "following") && (f.reports(s, v) || issuesStatement(s, v)):
		after = true
	case t.RelIs(n, "obj") && support && role != "none":
	default:
		return nil
	}
	var out []refs.Participant
	for _, k := range f.subjectOf(tr.si, v) {
		for _, p := range f.argumentActors(tr.si, k) {
			// a person or a body that speaks after a meeting was at it
			// ("the Security Council issued a statement following the
			// meeting"); a country that comments after it may only be
			// looking on
			if !after || f.doc.Actors[p.Actor].Type != ingest.Country {
				out = append(out, p)
			}
		}
	}
	return out
}

// issuesStatement says whether verb v issues or releases a statement, a
// communiqué or a declaration: a report of what was decided.
func issuesStatement(s *document.Sentence, v int) bool {
	switch lemmaOf(s, v) {
	case "issue", "release", "adopt":
	default:
		return false
	}
	for _, o := range s.Tree.Dependents(v, "obj") {
		switch lemmaOf(s, o) {
		case "statement", "communique", "communiqué", "declaration", "resolution":
			return true
		}
	}
	return false
}

// placedFromOutside says whether participant span sp of meeting noun tr
// lies outside the noun's phrase: someone the sentence places at the
// meeting, not a party the phrase names ("the Trump-Kim summit").
func (f *finder) placedFromOutside(tr trigger, sp ingest.Span) bool {
	s := &f.doc.Sentences[tr.si]
	for k := range s.Tokens {
		if f.doc.Offset(s.Tokens[k].Start) == sp.Start {
			return !s.Tree.Dominates(tr.ti, k)
		}
	}
	return false // a pronoun's antecedent in another sentence
}
