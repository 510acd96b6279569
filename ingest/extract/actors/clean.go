package actors

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
)

// This file holds the rules that keep the tagger's spans to names: role
// and party words before a name become a title ("Labour MP Oona King"),
// post-nominals after it go ("Frank Field MP"), sentence openers before it
// go ("During Labour"), and a mention is a person only on person evidence.

// CanonicalOrg returns the canonical name of an organisation name variant
// ("Lib Dems" -> "Liberal Democrats"), and whether name is a known variant.
func CanonicalOrg(name string) (string, bool) {
	c, ok := partyNames[name]
	return c, ok
}

// partyPrefixAt returns the number of tokens of the longest party variant
// starting at token i of toks (up to end), or 0.
func partyPrefixAt(toks []string, i, end int) int {
	for n := min(maxPartyWords, end-i); n >= 1; n-- {
		if _, ok := partyNames[strings.Join(toks[i:i+n], " ")]; ok {
			return n
		}
	}
	return 0
}

// isRoleWord: a role head or modifier, or the plural of a role head ("MPs").
func isRoleWord(w string) bool {
	lw := strings.ToLower(w)
	return roleHeads[lw] || roleModifiers[lw] || roleHeads[strings.TrimSuffix(lw, "s")]
}

func isRoleHeadWord(w string) bool {
	lw := strings.ToLower(w)
	return roleHeads[lw] || roleHeads[strings.TrimSuffix(lw, "s")]
}

// splitTitledNames rewrites mentions that run a party, a role and a name
// together, whatever their tag: "Labour MP Oona King" (often tagged ORG)
// becomes the organisation mention "Labour" and the person mention "Oona
// King", whose title "Labour MP" titleBefore then reads; "Tory Neil
// Hamilton" becomes "Tory" and "Neil Hamilton"; "Frank Field MP" loses
// "MP". A mention that is only a party and role words ("Labour MPs",
// "Conservative MP") keeps only the party: the role words name no body.
// Sentence openers capitalised at the start of a sentence go from the front
// of a mention ("During Labour").
func (r *resolver) splitTitledNames() {
	d := r.d
	var out []document.Mention
	for _, m := range d.Mentions {
		if r.titleCase[m.Sent] || m.Type == "LOC" {
			out = append(out, m)
			continue
		}
		toks := d.Sentences[m.Sent].Tokens
		words := make([]string, len(toks))
		for i, t := range toks {
			words[i] = t.Text
		}
		start, end := m.Start, m.End
		if r.isSentenceOpener(m.Sent, start) {
			start++
		}
		for end-start > 1 && isPossessive(words[end-1]) {
			end--
		}
		// Post-nominals: "Frank Field MP", "Philippe Sands QC"; what they
		// follow is a person, whatever the tag.
		postNominal := false
		for end-start > 1 && postNominals[strings.ToLower(strings.TrimSuffix(words[end-1], "."))] {
			end, postNominal = end-1, true
		}
		if postNominal && end-start >= 2 && r.nameRun(words, start, end) {
			out = append(out, r.mention(m, start, end, "PER"))
			continue
		}
		party := partyPrefixAt(words, start, end)
		i := start + party
		roles := 0
		for i+roles < end && isRoleWord(words[i+roles]) {
			roles++
		}
		roleHead := false
		for k := i; k < i+roles; k++ {
			roleHead = roleHead || isRoleHeadWord(words[k])
		}
		rest := end - (i + roles)
		switch {
		case party > 0 && roles > 0 && roleHead && rest == 0:
			// "Labour MPs": the party alone.
			out = append(out, r.mention(m, start, start+party, "ORG"))
			continue
		case party > 0 && roleHead && rest >= 1 && r.nameRun(words, i+roles, end),
			party > 0 && roles == 0 && rest >= 2 && r.nameRun(words, i, end):
			// "Labour MP Oona King", "Tory Neil Hamilton".
			out = append(out, r.mention(m, start, start+party, "ORG"))
			out = append(out, r.mention(m, i+roles, end, "PER"))
			continue
		case party == 0 && roles == 0:
			// "Green MEP Caroline Lucas", "Bolton West MP Ruth Kelly": a
			// qualifier of capitalised words, a role, then a full name.
			if q := r.qualifiedRole(words, start, end); q > start {
				out = append(out, r.mention(m, q, end, "PER"))
				continue
			}
		case party == 0 && roles > 0 && roleHead && rest == 0 && m.Type != "PER":
			continue // "Attorney General", "Secretary of Health": a role, no body
		}
		// "Lord Haskins" tagged "Lord [Haskins]": the title is part of the name.
		if m.Type == "PER" && end-start == 1 && start > 0 && start == m.Start &&
			nameFormingTitles[strings.ToLower(words[start-1])] && document.Capitalised(words[start-1]) {
			start--
		}
		if start != m.Start || end != m.End {
			m = r.mention(m, start, end, m.Type)
		}
		if m.End > m.Start {
			out = append(out, m)
		}
	}
	d.Mentions = out
	sortMentions(d.Mentions)
}

// mention is m narrowed to tokens [start, end) with type typ.
func (r *resolver) mention(m document.Mention, start, end int, typ string) document.Mention {
	m.Start, m.End, m.Type = start, end, typ
	m.Text = r.d.TokenText(m.Sent, start, end)
	return m
}

// nameRun says whether words[i:j] can be a person's name: capitalised
// words or name particles, none a role word or a party.
func (r *resolver) nameRun(words []string, i, j int) bool {
	if j <= i || j-i > 4 {
		return false
	}
	for k := i; k < j; k++ {
		w := words[k]
		// A role word may be a surname ("Oona King"), not a first name.
		if !document.Capitalised(w) && !nameParticles[strings.ToLower(w)] || k == i && isRoleWord(w) || isAcronym(w) {
			return false
		}
		if partyPrefixAt(words, k, j) > 0 {
			return false
		}
	}
	return true
}

// isSentenceOpener says whether token k of sentence si opens the sentence
// (or a quote in it) and is a word capitalised only for that: a sentence
// opener of the lexicon, a preposition, or a word the article writes in
// lower case elsewhere ("Vote Blair" where the article says "vote").
func (r *resolver) isSentenceOpener(si, k int) bool {
	toks := r.d.Sentences[si].Tokens
	if k >= len(toks) || !document.Capitalised(toks[k].Text) {
		return false
	}
	if k > 0 && !isOpeningPunct(toks[k-1].Text) {
		return false
	}
	lw := strings.ToLower(toks[k].Text)
	return sentenceOpeners[lw] || lexicon.Prepositions[lw] || r.lowerInArticle()[lw] && !r.nameWord()[toks[k].Text]
}

func isOpeningPunct(s string) bool {
	switch s {
	case "\"", "“", "‘", "'", "(", "-", "—", "–", ":":
		return true
	}
	return false
}

// lowerInArticle is the set of words the article writes in lower case.
func (r *resolver) lowerInArticle() map[string]bool {
	if r.lower == nil {
		r.lower = map[string]bool{}
		for _, s := range r.d.Sentences {
			for _, t := range s.Tokens {
				if t.Text != "" && strings.ToLower(t.Text) == t.Text {
					r.lower[t.Text] = true
				}
			}
		}
	}
	return r.lower
}

// nameWord is the set of words of the person mentions of two or more words,
// where they do not open a sentence or quote: a word such a name has is a name even at the
// start of a sentence ("Brown said" after "Gordon Brown").
func (r *resolver) nameWord() map[string]bool {
	if r.names == nil {
		r.names = map[string]bool{}
		for _, m := range r.d.Mentions {
			if m.Type != "PER" || m.End-m.Start < 2 {
				continue
			}
			toks := r.d.Sentences[m.Sent].Tokens
			for k := m.Start; k < m.End; k++ {
				if k > 0 && !isOpeningPunct(toks[k-1].Text) {
					r.names[toks[k].Text] = true
				}
			}
		}
	}
	return r.names
}

// isThingName says whether a name of two or more words names a place, a
// body or a document rather than a person: it ends in a thing head
// ("Downing Street", "Green Paper"), or its first word is no given name and
// it ends in a place-final word ("Bethnal Green"), or it is a place the gazetteer knows,
// or its first word is a place, and its first word is no given name
// ("Manchester Gorton", "North Dorset"; but "Chelsea Clinton").
func (r *resolver) isThingName(words []string) bool {
	if len(words) < 2 {
		return false
	}
	if thingHeads[strings.ToLower(words[len(words)-1])] {
		return true
	}
	if givenNames[strings.ToLower(words[0])] || hyphenedGivenName(words[len(words)-1]) {
		return false
	}
	if placeFinalWords[strings.ToLower(words[len(words)-1])] {
		return true // "Bethnal Green", "Dorset West"
	}
	if _, ok := r.d.Places.Lookup(strings.Join(words, " ")); ok {
		return true
	}
	if compassWords[strings.ToLower(words[0])] {
		return true // "North Tyneside", "West Bromwich"
	}
	_, place := r.d.Places.Lookup(words[0])
	return place
}

// hyphenedGivenName says whether w has the shape of a romanised Korean
// given name, a capital and lower-case letters on both sides of one
// hyphen, two to five letters before it and two or three after ("Jae-in",
// "Geun-hye", "Myung-bak"): a name that ends in one is a person's, even
// when its first word is also a place ("Moon Jae-in"). "Obama-era" is no
// name.
func hyphenedGivenName(w string) bool {
	a, b, ok := strings.Cut(w, "-")
	if !ok || len(a) < 2 || len(a) > 5 || len(b) < 2 || len(b) > 3 || strings.Contains(b, "-") || nameSuffixWords[b] {
		return false
	}
	for i, r := range a + b {
		if i == 0 && !unicode.IsUpper(r) || i > 0 && !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

var compassWords = map[string]bool{"north": true, "south": true, "east": true, "west": true, "central": true}

// personEvidence collects the one-word names the article gives evidence
// that they are persons for: an honorific or a title before a mention
// ("Mr Peston", "Lord Falconer", "President Carter"), a given name
// ("Cherie"), a kinship noun before it ("his wife Akie"), a mention
// that is the subject of a verb people do ("Kennedy said") with "he" or
// "she" the next pronoun after it, or one the parse puts where only people
// stand (personByParse). A one-word name without any is no person:
// single capitalised words are as often a body, a place, a thing or a
// sentence opener ("Agenda", "Budget", "Tories").
func (r *resolver) personEvidence() map[string]bool {
	d := r.d
	ev := map[string]bool{}
	for _, m := range d.Mentions {
		if r.titleCase[m.Sent] || m.Type == "COMPOUND" || m.Type == "MISC" {
			continue // a demonym or a faith ("Muslims said") is a group, no person
		}
		toks := d.Sentences[m.Sent].Tokens
		var ws []string
		for k := m.Start; k < m.End; k++ {
			ws = append(ws, toks[k].Text)
		}
		if r.isThingName(ws) {
			continue // "Criminal Justice Bill" is no "Justice Bill"
		}
		name := document.CleanName(strings.Join(ws, " "))
		honoured := false
		for len(ws) > 1 && (honorifics[strings.ToLower(strings.TrimSuffix(ws[0], "."))] || isRoleWord(ws[0])) {
			ws, honoured = ws[1:], true
		}
		if len(ws) != 1 {
			continue
		}
		name = document.CleanName(ws[0])
		if m.Start > 0 {
			prev := strings.ToLower(strings.TrimSuffix(toks[m.Start-1].Text, "."))
			honoured = honoured || honorifics[prev] || roleHeads[prev] || kinshipNouns[prev]
		}
		switch {
		case honoured, givenNames[strings.ToLower(name)]:
			ev[name] = true
		case numberWords[strings.ToLower(name)]:
			// "with Five and Michael Howard": a number names no one.
		case r.modifierOrPossessor(m):
			// "Muslim schools", "Five's Wright Stuff show": a word that
			// qualifies a noun shows nothing of what it names.
		case r.actsAsPerson[name], r.personByParse(m):
			ev[name] = true
		case r.subjectOfPersonVerb(m) && r.nextPronounIsPersonal(m):
			ev[name] = true
		}
	}
	return ev
}

// subjectOfPersonVerb says whether mention m is the subject of a verb
// people do: an acting verb or a verb of saying.
func (r *resolver) subjectOfPersonVerb(m document.Mention) bool {
	s := r.d.Sentences[m.Sent]
	if s.Syntax == nil || m.Start >= len(s.Syntax) {
		return false
	}
	w := s.Syntax[m.Start]
	if !strings.HasPrefix(w.Rel, "nsubj") || w.Head < 0 || w.Head >= len(s.Syntax) {
		return false
	}
	h := s.Syntax[w.Head]
	return h.UPOS == "VERB" && (actingVerbs[strings.ToLower(s.Tokens[w.Head].Text)] || actingVerbs[h.Lemma] || personVerbs[h.Lemma])
}

// resolveParties resolves every mention whose text is a party or
// organisation name variant to the canonical organisation, whatever its
// tag ("Tory" tagged PER, "Lib Dem" tagged MISC), unless a person's full
// name in the article has the word.
func (r *resolver) resolveParties() {
	known := map[string]bool{}
	for _, f := range r.full {
		for _, w := range f.words {
			known[w] = true
		}
	}
	for mi, m := range r.d.Mentions {
		if r.titleCase[m.Sent] || r.res[mi].kind != entNone || m.Type == "COMPOUND" {
			continue
		}
		name := stripThe(document.CleanName(m.Text))
		canon, ok := CanonicalOrg(name)
		if !ok || known[name] {
			continue
		}
		r.res[mi] = res{kind: entOrg, key: canon, alias: name}
	}
}

// personByParse says whether the parse puts mention m where only people
// stand: subject or object of a verb that takes a person ("Obama met
// Putin", "met with Trump"), subject of a role noun or in apposition with
// one ("Pompeo was the most senior US official", "Pompeo, the CIA
// director"), or coordinated with a person's full name ("John Kerry and
// Lavrov").
func (r *resolver) personByParse(m document.Mention) bool {
	s := r.d.Sentences[m.Sent]
	if s.Syntax == nil || m.Start >= len(s.Syntax) {
		return false
	}
	syn := s.Syntax
	w := syn[m.Start]
	roleNoun := func(k int) bool {
		l := strings.ToLower(syn[k].Lemma)
		return syn[k].UPOS == "NOUN" && (lexicon.RoleNouns[l] || roleHeads[l])
	}
	meetVerb := func(k int) bool {
		return syn[k].UPOS == "VERB" && (personObjectWords[strings.ToLower(s.Tokens[k].Text)] || personObjectWords[syn[k].Lemma])
	}
	if h := w.Head; h >= 0 && h < len(syn) {
		switch {
		case strings.HasPrefix(w.Rel, "nsubj") && (meetVerb(h) || roleNoun(h)),
			w.Rel == "obj" && meetVerb(h),
			w.Rel == "obl" && meetVerb(h) && r.hasCase(m.Sent, m.Start, "with"),
			w.Rel == "appos" && roleNoun(h):
			return true
		case w.Rel == "conj" && r.fullPersonAt(m.Sent, h):
			return true
		}
	}
	for k, x := range syn {
		if x.Head != m.Start {
			continue
		}
		if x.Rel == "appos" && roleNoun(k) || x.Rel == "conj" && r.fullPersonAt(m.Sent, k) {
			return true
		}
	}
	return false
}

// hasCase says whether token k of sentence si has the case marker word.
func (r *resolver) hasCase(si, k int, word string) bool {
	s := r.d.Sentences[si]
	for j, x := range s.Syntax {
		if x.Head == k && x.Rel == "case" && strings.ToLower(s.Tokens[j].Text) == word {
			return true
		}
	}
	return false
}

// fullPersonAt says whether token k of sentence si is in a person mention
// of two or more words.
func (r *resolver) fullPersonAt(si, k int) bool {
	for _, m := range r.d.Mentions {
		if m.Sent == si && m.Type == "PER" && m.End-m.Start >= 2 && m.Start <= k && k < m.End {
			words, _, ok := r.personWords(m)
			return ok && len(words) >= 2
		}
	}
	return false
}

// inFullName says whether word is a word of a person mention of two or more
// name words that opens with no title or honorific ("Neil Kinnock"): then
// "Lord Kinnock" is the same person, not a peer named by title alone.
func (r *resolver) inFullName(word string) bool {
	r.collectFullWords()
	return r.fullWords[word]
}

// isFullNameSurname says whether word ends a person's full name in the
// article: "Lord Falconer" is Charles Falconer's, but "Prince Charles" is
// not Charles Kennedy's.
func (r *resolver) isFullNameSurname(word string) bool {
	r.collectFullWords()
	return r.fullSurnames[word]
}

func (r *resolver) collectFullWords() {
	if r.fullWords == nil {
		r.fullWords, r.fullSurnames = map[string]bool{}, map[string]bool{}
		for _, m := range r.d.Mentions {
			if m.Type != "PER" || m.End-m.Start < 2 {
				continue
			}
			toks := r.d.Sentences[m.Sent].Tokens[m.Start:m.End]
			first := strings.ToLower(strings.TrimSuffix(toks[0].Text, "."))
			if honorifics[first] || isRoleWord(first) || nameFormingTitles[first] {
				continue
			}
			for _, t := range toks {
				r.fullWords[t.Text] = true
			}
			r.fullSurnames[toks[len(toks)-1].Text] = true
		}
	}
}

// modifierOrPossessor says whether mention m qualifies a noun: an
// adjective or adjectival modifier ("Muslim schools") or a possessor
// ("Five's show").
func (r *resolver) modifierOrPossessor(m document.Mention) bool {
	s := r.d.Sentences[m.Sent]
	if m.End < len(s.Tokens) && isPossessive(s.Tokens[m.End].Text) || isPossessive(s.Tokens[m.End-1].Text) {
		return true
	}
	if s.Syntax == nil || m.Start >= len(s.Syntax) {
		return false
	}
	w := s.Syntax[m.Start]
	return w.UPOS == "ADJ" || w.Rel == "amod" || strings.HasPrefix(w.Rel, "nmod:poss")
}

// nextPronounIsPersonal says whether the first personal pronoun after
// mention m, in its sentence or the next two, is "he" or "she" rather than
// "it" or "they" ("Veritas says it hopes" is no person).
func (r *resolver) nextPronounIsPersonal(m document.Mention) bool {
	for si := m.Sent; si < len(r.d.Sentences) && si <= m.Sent+2; si++ {
		toks := r.d.Sentences[si].Tokens
		k := 0
		if si == m.Sent {
			k = m.End
		}
		for ; k < len(toks); k++ {
			switch strings.ToLower(toks[k].Text) {
			case "he", "she", "him", "his", "himself", "herself":
				return true
			case "it", "its", "they", "their", "them", "itself":
				return false
			}
		}
	}
	return false
}

var numberWords = map[string]bool{"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true}

// qualifiedRole returns where the name starts in words[start:end] when they
// are one to three capitalised qualifier words, role words ending in a head
// and a name of two or more words; otherwise start.
func (r *resolver) qualifiedRole(words []string, start, end int) int {
	for q := start + 1; q <= start+3 && q < end; q++ {
		if !document.Capitalised(words[q-1]) || isRoleWord(words[q-1]) {
			return start
		}
		k := q
		for k < end && isRoleWord(words[k]) {
			k++
		}
		if k > q && isRoleHeadWord(words[k-1]) && end-k >= 2 && r.nameRun(words, k, end) {
			return k
		}
	}
	return start
}
