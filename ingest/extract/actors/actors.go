// Package actors is the entity stage: the tagger's mentions become the
// article's canonical actors (people, organisations, countries) and
// locations (countries, regions, cities, venues). The rules are generic and
// documented in docs/entities.md; each has a table test of its own in
// actors_test.go.
package actors

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
	"github.com/newsgraph/newsgraph/ingest/extract/places"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// How an actor's identity was chosen; recorded as Actor.MatchedBy.
const (
	MatchedFullName    = "full-name"    // a name of two or more words in the article
	MatchedSingleName  = "single-name"  // only a one-word name; may join a full name in the graph
	MatchedCountryName = "country-name" // a country's name, code, alias or demonym
	MatchedAcronym     = "acronym"      // an organisation known only by its acronym
)

type entKind int

const (
	entNone entKind = iota
	entPerson
	entOrg
	entCountry
	entPlace
)

// res is what one mention resolved to.
type res struct {
	kind   entKind
	key    string // person and organisation: canonical name; country and place: place ID
	alias  string // the surface form, recorded as an alias when it differs from the name
	titles []string
	// metonym: a capital standing for its country's government ("Beijing
	// said"); the country acts there, but the mention names no place.
	metonym bool
}

// fullName is a person name of two or more words found in the article.
type fullName struct {
	name      string
	words     []string
	count     int
	positions []int // sorted positions of its full mentions
	into      *fullName
}

// resolver holds the state of one article's entity resolution.
type resolver struct {
	d            *document.Document
	titleCase    []bool // sentence is in title case: capitals carry no information
	noise        []bool // sentence is a byline, stamp or credit: no entities
	res          []res  // parallel to d.Mentions
	full         []*fullName
	fullByKey    map[string]*fullName
	context      map[string]bool         // country codes the article mentions
	orgAlias     map[string]string       // acronym -> full organisation name
	placeOf      map[string]places.Place // place ID -> place
	parentOf     map[string]string       // place ID -> ID of the place the text puts it in
	venueName    map[string]bool         // names the text calls a venue
	lower        map[string]bool         // words the article writes in lower case (lowerInArticle)
	names        map[string]bool         // words of multi-word person mentions (nameWord)
	fullWords    map[string]bool         // words of untitled multi-word person mentions (inFullName)
	fullSurnames map[string]bool         // their last words (isFullNameSurname)
	// actsAsPerson are the one-word names retypeActingPlaces made persons.
	actsAsPerson map[string]bool
}

// Resolve turns the document's mentions into its canonical actors and
// locations: it rewrites d.Mentions (drops noise and dates, splits
// compounds, adds the names of kinship phrases and headlines), gives each
// its actor or location, and fills d.Actors and d.Locations in order of
// first mention.
func Resolve(d *document.Document) {
	r := &resolver{
		d: d, fullByKey: map[string]*fullName{}, context: map[string]bool{}, orgAlias: map[string]string{},
		placeOf: map[string]places.Place{}, parentOf: map[string]string{}, venueName: map[string]bool{},
		actsAsPerson: map[string]bool{},
	}
	r.markTitleCase()
	r.dropNoise()
	r.addKinshipMentions()
	r.splitTitledNames()
	r.collectFullNames()
	r.dropDates()
	r.splitCompounds()
	r.res = make([]res, len(d.Mentions))
	r.resolveCountries()
	r.resolveParties()
	r.findVenues()
	r.retypeActingPlaces()
	r.resolvePersons()
	r.resolvePlaces()
	r.capitalsAsCountries()
	r.resolveOrgs()
	r.scanTitleCase()
	r.build()
	d.IndexMentions()
}

// pos orders mentions through the article.
func pos(m document.Mention) int { return m.Sent<<16 | m.Start }

// markTitleCase flags sentences whose words are (nearly) all capitalised:
// headlines and headings. The tagger's spans there are unreliable ("Trump
// Confirms"), so their mentions are rebuilt from entities the rest of the
// article establishes.
func (r *resolver) markTitleCase() {
	r.titleCase = make([]bool, len(r.d.Sentences))
	r.noise = make([]bool, len(r.d.Sentences))
	for si, s := range r.d.Sentences {
		words, caps := 0, 0
		for _, t := range s.Tokens {
			first, _ := utf8.DecodeRuneInString(t.Text)
			if !unicode.IsLetter(first) || titleCaseFiller[strings.ToLower(t.Text)] {
				continue
			}
			words++
			if unicode.IsUpper(first) {
				caps++
			}
		}
		if isNoiseSentence(s.Words()) {
			r.noise[si] = true
			continue
		}
		r.titleCase[si] = isTitleCase(s.Segment, words, caps)
	}
}

// isTitleCase decides from the counts of a sentence's content words (not
// fillers) and of those capitalised whether capitals carry no information
// there. A title segment in title case is one when three
// quarters of its words are capitalised ("Trump Confirms CIA Chief Mike
// Pompeo Had Secret Meeting"). In body text a sentence that names many
// people ("Obama, Putin, Merkel, Hollande, Cameron, Renzi and Abe met in
// Paris") is mostly capitals too, yet its verbs stay lower case; only a
// heading or caption line set wholly in title case, every content word
// capitalised verbs included, is treated as one.
func isTitleCase(seg ingest.SegmentKind, words, caps int) bool {
	switch seg {
	case ingest.SegmentTitle:
		return words >= 3 && float64(caps) >= 0.75*float64(words)
	case ingest.SegmentSubtitle:
		// A standfirst is sometimes set in title case too.
		return words >= 6 && float64(caps) >= 0.9*float64(words)
	}
	return words >= 6 && caps == words
}

// possessiveDeterminers come before a kinship noun: "his wife", "Abe's wife".
var possessiveDeterminers = map[string]bool{"his": true, "her": true, "their": true, "whose": true, "'s": true, "’s": true}

// dropNoise removes the tagger's mentions in noise sentences.
func (r *resolver) dropNoise() {
	kept := r.d.Mentions[:0]
	for _, m := range r.d.Mentions {
		if !r.noise[m.Sent] {
			kept = append(kept, m)
		}
	}
	r.d.Mentions = kept
}

// isNoiseSentence recognises lines that name no actors of the story even
// when the parser leaves them in the text: bylines ("By Jane Doe and John
// Roe"), "Updated 18/04/2018 11:59 BST" stamps and photo credits ("Aaron
// Bernstein / Reuters").
func isNoiseSentence(words []string) bool {
	if len(words) == 0 || len(words) > 12 {
		return false
	}
	allNames := func(ws []string) bool {
		for _, w := range ws {
			if !document.Capitalised(w) && w != "and" && w != "," && w != "/" && w != "&" && w != "." {
				return false
			}
		}
		return true
	}
	switch noiseLineOpeners[words[0]] {
	case "byline":
		return len(words) > 1 && allNames(words[1:])
	case "stamp":
		for _, w := range words {
			if strings.ContainsAny(w, "0123456789") {
				return true
			}
		}
	}
	for i, w := range words {
		if w == "/" && i > 0 && i < len(words)-1 && len(words) <= 8 {
			return allNames(words)
		}
	}
	return false
}

// addKinshipMentions makes "his wife Akie" a person mention even when the
// tagger missed or mistyped it.
func (r *resolver) addKinshipMentions() {
	d := r.d
	for si, s := range d.Sentences {
		if r.titleCase[si] {
			continue
		}
		for i := 1; i+1 < len(s.Tokens); i++ {
			if !kinshipNouns[strings.ToLower(s.Tokens[i].Text)] || !document.Capitalised(s.Tokens[i+1].Text) ||
				!possessiveDeterminers[strings.ToLower(s.Tokens[i-1].Text)] {
				continue
			}
			j := i + 1
			for j < len(s.Tokens) && j-i <= 3 && document.Capitalised(s.Tokens[j].Text) && !isPossessive(s.Tokens[j].Text) {
				j++
			}
			replaced := false
			for mi := range d.Mentions {
				m := &d.Mentions[mi]
				if m.Sent == si && m.Start < j && m.End > i+1 {
					if m.Type != "PER" && m.Start == i+1 {
						m.Type, m.End = "PER", j
						m.Text = d.TokenText(si, m.Start, m.End)
					}
					replaced = true
				}
			}
			if !replaced {
				d.Mentions = append(d.Mentions, document.Mention{Sent: si, Start: i + 1, End: j, Type: "PER",
					Text: d.TokenText(si, i+1, j), Actor: -1, Location: -1})
			}
		}
	}
	sortMentions(d.Mentions)
}

// dropDates removes one-word mentions of months, weekdays and holidays
// ("over Easter"), whatever their tag, unless a person's full name in the
// article has that word ("May" after "Theresa May").
func (r *resolver) dropDates() {
	known := map[string]bool{}
	for _, f := range r.full {
		for _, w := range f.words {
			known[w] = true
		}
	}
	kept := r.d.Mentions[:0]
	for _, m := range r.d.Mentions {
		w := document.CleanName(m.Text)
		if !(calendarWords[strings.ToLower(w)] && !strings.Contains(w, " ") && !known[w]) {
			kept = append(kept, m)
		}
	}
	r.d.Mentions = kept
}

// splitCompounds splits hyphenated compounds of known names ("Trump-Kim
// summit", "Trump-Abe meetings", "US-China talks") into one mention per
// part, so that each part counts for its actor instead of making up an
// organisation "Trump-Abe".
func (r *resolver) splitCompounds() {
	d := r.d
	known := map[string]bool{}
	for _, f := range r.full {
		for _, w := range f.words {
			known[w] = true
		}
	}
	var out []document.Mention
	for _, m := range d.Mentions {
		parts := strings.Split(m.Text, "-")
		ok := m.End-m.Start == 1 && len(parts) >= 2 && !r.titleCase[m.Sent]
		for _, p := range parts {
			if _, isCountry := d.Places.Country(p); !ok || !(known[p] || isCountry && document.Capitalised(p)) {
				ok = false
				break
			}
		}
		if !ok {
			out = append(out, m)
			continue
		}
		for _, p := range parts {
			out = append(out, document.Mention{Sent: m.Sent, Start: m.Start, End: m.End, Type: "COMPOUND", Text: p, Actor: -1, Location: -1})
		}
	}
	d.Mentions = out
}

// resolveCountries resolves every mention whose text is a country's name,
// alias, code or demonym, whatever its tag, except a PER mention that is a
// word of a person's full name (Jordan); those are settled later.
func (r *resolver) resolveCountries() {
	d := r.d
	for mi, m := range d.Mentions {
		if r.titleCase[m.Sent] {
			continue
		}
		name := stripThe(document.CleanName(m.Text))
		c, ok := d.Places.Country(name)
		if !ok || (len(name) <= 3 && strings.ToUpper(name) != name) {
			continue
		}
		r.res[mi] = res{kind: entCountry, key: c.ID, alias: name}
		r.placeOf[c.ID] = c
		r.context[c.CountryCode] = true
	}
	// "the North" after "North Korea": a lone word that starts exactly one
	// multi-word country the article names is that country.
	for mi, m := range d.Mentions {
		if r.titleCase[m.Sent] || r.res[mi].kind != entNone || m.Type != "LOC" || m.End-m.Start != 1 {
			continue
		}
		var match []places.Place
		for id, p := range r.placeOf {
			if strings.HasPrefix(id, "country:") && strings.HasPrefix(p.Name, m.Text+" ") {
				match = append(match, p)
			}
		}
		if len(match) == 1 {
			r.res[mi] = res{kind: entCountry, key: match[0].ID, alias: m.Text}
		}
	}
}

// personWords splits a person mention into name words and the title words
// written inside the span: "Prime Minister Shinzo Abe" -> [Shinzo Abe],
// "Prime Minister"; "Mr Pompeo" -> [Pompeo]. ok is false when what is left
// cannot be a name: empty, more than four words, lower-case words that are
// no name particles, digits, or a lone honorific, role or acronym.
func (r *resolver) personWords(m document.Mention) (words []string, title string, ok bool) {
	toks := r.d.Sentences[m.Sent].Tokens[m.Start:m.End]
	if r.wholeQuote(m) {
		return nil, "", false // "appeared on “Squawk Box”": a title
	}
	var ws []string
	if m.Type == "COMPOUND" {
		ws = []string{m.Text}
	} else {
		for _, t := range toks {
			ws = append(ws, t.Text)
		}
	}
	for len(ws) > 0 && (isPossessive(ws[len(ws)-1]) || ws[len(ws)-1] == ",") {
		ws = ws[:len(ws)-1]
	}
	if r.isThingName(ws) && !(r.afterRole(m) && !thingHeads[strings.ToLower(ws[len(ws)-1])]) {
		// "Green Paper", "Downing Street", before "White" goes as a
		// role word; but a role before the name makes it a person's
		// even when its first word is a place ("his counterpart, Ariel
		// Sharon")
		return nil, "", false
	}
	for _, w := range ws[:max(0, len(ws)-1)] {
		if isPossessive(w) {
			return nil, "", false // "King's Cross"
		}
	}
	// "Lord Falconer", "Prince Charles": the title names the person.
	if len(ws) == 2 && nameFormingTitles[strings.ToLower(ws[0])] && document.Capitalised(ws[0]) && document.Capitalised(ws[1]) &&
		!isRoleWord(ws[1]) && !r.isFullNameSurname(ws[1]) {
		return ws, "", true
	}
	var titleWords []string
	for len(ws) > 1 {
		w := strings.ToLower(strings.TrimSuffix(ws[0], "."))
		if honorifics[w] {
			ws = ws[1:]
			continue
		}
		if roleHeads[w] || roleModifiers[w] {
			titleWords = append(titleWords, ws[0])
			ws = ws[1:]
			continue
		}
		break
	}
	if len(ws) == 1 {
		w := strings.ToLower(strings.TrimSuffix(ws[0], "."))
		if honorifics[w] || roleHeads[w] || roleModifiers[w] {
			return nil, "", false
		}
		if len(ws[0]) > 1 && strings.ToUpper(ws[0]) == ws[0] {
			return nil, "", false // an acronym, not a name
		}
	}
	if len(ws) == 0 || len(ws) > 4 {
		return nil, "", false
	}
	for i, w := range ws {
		// A badly converted file spells "François" as "FranÃ§ois"; the
		// person is named by the letters meant.
		ws[i] = strings.Trim(text.FixMojibake(w), "\"“”'‘’(),;:")
		if ws[i] == "" || strings.ContainsAny(ws[i], "0123456789") {
			return nil, "", false
		}
		if !document.Capitalised(ws[i]) && !nameParticles[strings.ToLower(ws[i])] {
			return nil, "", false
		}
		if j := strings.LastIndexByte(ws[i], '-'); j > 0 && j+1 < len(ws[i]) && !document.Capitalised(ws[i][j+1:]) &&
			!nameParticles[ws[i][j+1:]] && !(i > 0 && i == len(ws)-1 && hyphenedGivenName(ws[i])) {
			return nil, "", false // "Bush-style": an adjective made of a name
		}
	}
	if len(titleWords) > 0 && hasRoleHead(titleWords) {
		title = strings.Join(titleWords, " ")
	}
	return ws, title, true
}

// afterRole says whether a role noun stands right before mention m, or
// before a comma before it: "Prime Minister Ariel Sharon", "his
// counterpart, Ariel Sharon".
func (r *resolver) afterRole(m document.Mention) bool {
	toks := r.d.Sentences[m.Sent].Tokens
	k := m.Start - 1
	if k >= 0 && toks[k].Text == "," {
		k--
	}
	return k >= 0 && (isRoleHeadWord(toks[k].Text) || lexicon.RoleNouns[strings.ToLower(toks[k].Text)])
}

// wholeQuote says whether mention m is all a closed quotation holds, but
// for punctuation ("“Shark Tank,”"): a show's or a book's title, not a
// name of someone.
func (r *resolver) wholeQuote(m document.Mention) bool {
	toks := r.d.Sentences[m.Sent].Tokens
	start, end := toks[m.Start].Start, toks[m.End-1].End
	text := r.d.Article.Text
	for _, q := range r.d.Quotes {
		if !q.Closed || start < q.Start || end > q.End {
			continue
		}
		rest := text[q.Start:start] + text[end:q.End]
		return strings.Trim(rest, " ,.;:!?'’") == ""
	}
	return false
}

// collectFullNames gathers the person names of two or more words; a name
// that is the end of a longer one ("Trump Jr" of "Donald Trump Jr") joins it.
func (r *resolver) collectFullNames() {
	for _, m := range r.d.Mentions {
		if m.Type != "PER" || r.titleCase[m.Sent] {
			continue
		}
		words, _, ok := r.personWords(m)
		if !ok || len(words) < 2 {
			continue
		}
		name := strings.Join(words, " ")
		if _, isCountry := r.d.Places.Country(name); isCountry {
			continue
		}
		if _, isParty := CanonicalOrg(name); isParty {
			continue // "Plaid Cymru" tagged PER
		}
		f := r.fullByKey[name]
		if f == nil {
			f = &fullName{name: name, words: words}
			r.fullByKey[name] = f
			r.full = append(r.full, f)
		}
		f.count++
		f.positions = append(f.positions, pos(m))
	}
	for _, f := range r.full {
		if best := r.bestFull(f.words, f.positions[0], f); best != nil {
			f.into = best
			best.count += f.count
			best.positions = append(best.positions, f.positions...)
			sort.Ints(best.positions)
		}
	}
}

// bestFull picks the full name a partial name refers to: among the full
// names that contain words (a single word anywhere, several words as the
// end of the name), the one the article mentions most in full, then the
// nearest mentioned before p, then the first mentioned.
func (r *resolver) bestFull(words []string, p int, self *fullName) *fullName {
	var best *fullName
	bestBefore := -1
	for _, f := range r.full {
		if f == self || f.into != nil || len(f.words) <= len(words) || !containsWords(f.words, words) {
			continue
		}
		before := -1
		for _, q := range f.positions {
			if q < p {
				before = q
			}
		}
		switch {
		case best == nil, f.count > best.count,
			f.count == best.count && before > bestBefore,
			f.count == best.count && before == bestBefore && f.positions[0] < best.positions[0]:
			best, bestBefore = f, before
		}
	}
	return best
}

func containsWords(name, part []string) bool {
	if len(part) == 1 {
		for _, w := range name {
			if w == part[0] {
				return true
			}
		}
		return false
	}
	// Several words must end the name: "Trump Jr" is Donald Trump Jr's,
	// but "Donald Trump" is not Donald Trump Jr.
	off := len(name) - len(part)
	for i, w := range part {
		if name[off+i] != w {
			return false
		}
	}
	return true
}

func (f *fullName) canonical() *fullName {
	for f.into != nil {
		f = f.into
	}
	return f
}

// resolvePersons resolves PER mentions, and mentions of any type whose text
// is a word of a known person's full name ("Trump" tagged ORG when "Donald
// Trump" is in the article), to canonical person names.
func (r *resolver) resolvePersons() {
	d := r.d
	evidence := r.personEvidence()
	for mi, m := range d.Mentions {
		if r.titleCase[m.Sent] {
			continue
		}
		cur := r.res[mi].kind
		if cur == entCountry && m.Type != "PER" || cur == entOrg {
			continue // an organisation here is a party name variant (resolveParties)
		}
		if r.venueName[stripThe(document.CleanName(m.Text))] {
			continue
		}
		words, title, ok := r.personWords(m)
		if !ok {
			continue
		}
		name := strings.Join(words, " ")
		var f *fullName
		if len(words) >= 2 {
			f = r.fullByKey[name]
			if f == nil && m.Type == "PER" {
				f = r.bestFull(words, pos(m), nil)
			}
		} else {
			f = r.bestFull(words, pos(m), nil)
		}
		switch {
		case f != nil:
			name = f.canonical().name
		case m.Type == "PER" && cur == entNone && !r.afterPlacePreposition(m) && evidence[name]:
			// A lone name no full name explains stays a person of its own
			// when the article gives evidence it is one (personEvidence),
			// unless it follows a preposition of place or time ("wrote on
			// Twitter"); dates are gone already (dropDates).
		default:
			continue // not a person: leave it to the other resolvers
		}
		if cur == entCountry {
			delete(r.context, strings.TrimPrefix(r.res[mi].key, "country:"))
		}
		rs := res{kind: entPerson, key: name, alias: document.CleanName(m.Text)}
		if title != "" {
			rs.titles = append(rs.titles, title)
		}
		if t := r.titleBefore(mi); t != "" {
			rs.titles = append(rs.titles, t)
		}
		r.res[mi] = rs
	}
	// Context may have lost a country that was really a person; rebuild it.
	r.context = map[string]bool{}
	for _, rs := range r.res {
		if rs.kind == entCountry {
			r.context[strings.TrimPrefix(rs.key, "country:")] = true
		}
	}
}

// capitalsAsCountries makes a national capital that acts stand for its
// country's government, as news writes and event coders code it: the
// subject of a verb ("Pyongyang agreed", "Washington is angry"), a "by"
// agent, a party "with" or "between" others ("talks continued with
// Washington", "talks between Moscow and Kiev"), or a conjunct of one. A
// capital where something happens ("met in Pyongyang", "flew to Beijing")
// stays a place.
func (r *resolver) capitalsAsCountries() {
	d := r.d
	for mi, m := range d.Mentions {
		rs := r.res[mi]
		if rs.kind != entPlace || r.titleCase[m.Sent] {
			continue
		}
		p := r.placeOf[rs.key]
		if !p.Capital || p.Kind != places.KindCity || capitalsNotCountries[strings.ToLower(p.Name)] || capitalsNotCountries[strings.ToLower(rs.alias)] {
			continue
		}
		c, ok := d.Places.CountryByCode(p.CountryCode)
		if !ok || !r.actsAsGovernment(m) {
			continue
		}
		r.res[mi] = res{kind: entCountry, key: c.ID, metonym: true}
		r.placeOf[c.ID] = c
	}
}

// actsAsGovernment reads on the parse whether mention m stands where an
// actor does: subject of a verb or adjective, "by" agent, "with",
// "between" or "among" phrase, or a conjunct of one of those.
func (r *resolver) actsAsGovernment(m document.Mention) bool {
	s := &r.d.Sentences[m.Sent]
	t := s.Tree
	if t == nil || len(s.Syntax) != len(s.Tokens) {
		return false
	}
	h := -1
	for k := m.Start; k < m.End; k++ {
		if hk := t.Head(k); hk < m.Start || hk >= m.End {
			h = k
			break
		}
	}
	for steps := 0; h >= 0 && t.RelIs(h, "conj") && steps < 8; steps++ {
		h = t.Head(h)
	}
	if h < 0 {
		return false
	}
	switch {
	case t.RelIs(h, "nsubj"):
		v := t.Head(h)
		return v >= 0 && (s.Syntax[v].UPOS == "VERB" || s.Syntax[v].UPOS == "ADJ")
	case t.RelIs(h, "obl:agent"):
		return true
	case t.RelIs(h, "obl", "nmod"):
		c := t.Dependent(h, "case")
		if c < 0 {
			return false
		}
		switch strings.ToLower(s.Tokens[c].Text) {
		case "by":
			return t.RelIs(h, "obl") // "was criticised by Beijing"
		case "with", "between", "among":
			// "talks between Washington and Pyongyang", "negotiated with
			// Beijing"; not "the zone between Seoul and Pyongyang"
			g := t.Head(h)
			return g >= 0 && (s.Syntax[g].UPOS == "VERB" && !strings.EqualFold(s.Tokens[c].Text, "between") || relationNouns[strings.ToLower(s.Tokens[g].Text)])
		}
	}
	return false
}

// retypeActingPlaces makes a PER mention of a one-word LOC or MISC mention that
// the gazetteer does not know as a place and that stands as the subject
// of an acting verb or the object of a meeting verb. A known place
// ("Paris met ...") is left alone: cities and countries act through
// metonymy and are resolved as such.
func (r *resolver) retypeActingPlaces() {
	d := r.d
	for mi := range d.Mentions {
		m := &d.Mentions[mi]
		if r.titleCase[m.Sent] || r.res[mi].kind != entNone || (m.Type != "LOC" && m.Type != "MISC") || m.End-m.Start != 1 {
			continue
		}
		name := document.CleanName(m.Text)
		if _, known := d.Places.Lookup(name); known || !document.Capitalised(name) || isAllCaps(name) {
			continue
		}
		if _, isCountry := d.Places.Country(name); isCountry {
			continue
		}
		// A MISC word before a verb is as often a group ("Republicans
		// said"), so only the object and coordinated positions retype it.
		if m.Type == "MISC" && (strings.HasSuffix(name, "s") || strings.Contains(name, "-")) {
			continue // "told African-Americans", "met Democrats": groups
		}
		subject, object := r.personPosition(*m)
		if subject && m.Type == "LOC" || object {
			m.Type = "PER"
			r.actsAsPerson[name] = true
		}
	}
}

// personPosition reads from the words around mention m whether it stands
// where people do: subject right before an acting verb ("Obama met"), or
// object of a verb that takes a person ("met Putin", "met with Trump"), or
// coordinated with a person ("Kerry and Lavrov"). A word that qualifies
// the next ones ("and Republican nominee Donald Trump", "met Republican
// leaders") is in no object position.
func (r *resolver) personPosition(m document.Mention) (subject, object bool) {
	toks := r.d.Sentences[m.Sent].Tokens
	next, prev := "", ""
	if m.End < len(toks) {
		next = toks[m.End].Text
	}
	if m.Start > 0 {
		prev = strings.ToLower(toks[m.Start-1].Text)
	}
	// "met with Trump": "with" after a meeting word.
	withMeeting := prev == "with" && m.Start > 1 && personObjectWords[strings.ToLower(toks[m.Start-2].Text)]
	// "Kerry and Lavrov", "Lavrov and Kerry": coordinated with a person.
	coordinated := (prev == "and" || prev == ",") && r.personEndsAt(m.Sent, m.Start-2) ||
		next == "and" && r.personStartsAt(m.Sent, m.End+1)
	modifier := next != "" && (document.Capitalised(next) || lexicon.RoleNouns[strings.ToLower(next)] || lexicon.AgentNouns[strings.ToLower(next)])
	return actingVerbs[next], !modifier && (personObjectWords[prev] || withMeeting || coordinated)
}

// personEndsAt says whether a PER mention of sentence si that can be a
// person's name (not "Manchester Gorton") ends at token k.
func (r *resolver) personEndsAt(si, k int) bool {
	for _, m := range r.d.Mentions {
		if m.Sent == si && m.Type == "PER" && m.End-1 == k {
			_, _, ok := r.personWords(m)
			return ok
		}
	}
	return false
}

// personStartsAt says whether a PER mention of sentence si that can be a
// person's name starts at token k.
func (r *resolver) personStartsAt(si, k int) bool {
	for _, m := range r.d.Mentions {
		if m.Sent == si && m.Type == "PER" && m.Start == k {
			_, _, ok := r.personWords(m)
			return ok
		}
	}
	return false
}

func isAllCaps(s string) bool {
	return strings.ToUpper(s) == s
}

// afterPlacePreposition reports whether a lone name follows a preposition
// of place or time and is not a possessor ("at Abe's residence").
func (r *resolver) afterPlacePreposition(m document.Mention) bool {
	toks := r.d.Sentences[m.Sent].Tokens
	if m.Start == 0 || !placePrepositions[strings.ToLower(toks[m.Start-1].Text)] {
		return false
	}
	return !(m.End < len(toks) && isPossessive(toks[m.End].Text)) && !isPossessive(toks[m.End-1].Text)
}

// titleBefore returns the role written just before a person mention:
// "CIA Director" in "CIA Director Mike Pompeo" and in "Central Intelligence
// Agency (CIA) Director Mike Pompeo", "Prime Minister" in "Japan's Prime
// Minister Shinzo Abe", "intelligence chief" in "then-intelligence chief
// James Clapper". A role is role words ending in a head word, optionally
// after organisation or country qualifiers; honorifics are no roles.
func (r *resolver) titleBefore(mi int) string {
	m := r.d.Mentions[mi]
	toks := r.d.Sentences[m.Sent].Tokens
	var words []string // collected right to left
	i := m.Start - 1
	// Role words, right to left.
	for ; i >= 0; i-- {
		w := strings.TrimPrefix(strings.TrimPrefix(toks[i].Text, "then-"), "ex-")
		lw := strings.ToLower(w)
		if roleHeads[lw] || roleModifiers[lw] || (lastHyphenPart(lw) != "" && roleHeads[lastHyphenPart(lw)]) {
			words = append(words, w)
			continue
		}
		if lw == "of" && len(words) > 0 && i > 0 && roleHeads[strings.ToLower(toks[i-1].Text)] {
			words = append(words, toks[i].Text)
			continue
		}
		break
	}
	if len(words) == 0 || !hasRoleHead(words) {
		return ""
	}
	// Qualifiers before the role words: "(CIA)", "CIA", "North Korean",
	// "Japanese". A parenthesised acronym stands for the long name before it.
	if i >= 2 && toks[i].Text == ")" && toks[i-2].Text == "(" && isAcronym(toks[i-1].Text) {
		words = append(words, toks[i-1].Text)
	} else {
		for i >= 0 {
			q := r.qualifierEnding(m.Sent, i)
			if q < 0 {
				break
			}
			for k := i; k >= q; k-- {
				words = append(words, toks[k].Text)
			}
			i = q - 1
		}
	}
	for l, rr := 0, len(words)-1; l < rr; l, rr = l+1, rr-1 {
		words[l], words[rr] = words[rr], words[l]
	}
	return strings.Join(words, " ")
}

// qualifierEnding returns the first token of an organisation or country
// mention that ends at token i of sentence si, or -1.
func (r *resolver) qualifierEnding(si, i int) int {
	for mi, m := range r.d.Mentions {
		if m.Sent != si || m.End-1 != i {
			continue
		}
		switch k := r.res[mi].kind; {
		case k == entOrg, k == entCountry, m.Type == "ORG" && k == entNone:
			return m.Start
		}
	}
	if w := r.d.Sentences[si].Tokens[i].Text; isAcronym(w) {
		if _, ok := r.d.Places.Country(w); ok || r.titleCase[si] {
			return i
		}
	}
	return -1
}

func hasRoleHead(words []string) bool {
	for _, w := range words {
		lw := strings.ToLower(strings.TrimPrefix(w, "then-"))
		if roleHeads[lw] || roleHeads[lastHyphenPart(lw)] {
			return true
		}
	}
	return false
}

func lastHyphenPart(w string) string {
	if i := strings.LastIndexByte(w, '-'); i >= 0 {
		return w[i+1:]
	}
	return ""
}

// findVenues collects the names the text calls venues, whatever their tag:
// a name followed by a venue word ("Mar-a-Lago retreat", "Mar-a-Lago
// estate") or ending in one ("Sentosa Capella Hotel"). A name the gazetteer
// knows is the place a venue is in ("a Geneva hotel"), not the venue.
func (r *resolver) findVenues() {
	d := r.d
	for mi, m := range d.Mentions {
		if r.titleCase[m.Sent] || r.res[mi].kind != entNone || m.Type == "COMPOUND" {
			continue
		}
		toks := d.Sentences[m.Sent].Tokens
		name := stripThe(document.CleanName(m.Text))
		if _, known := d.Places.Lookup(name); known || name == "" {
			continue
		}
		if m.Type == "PER" && m.End-m.Start == 2 && givenNames[strings.ToLower(toks[m.Start].Text)] {
			continue // "Tony Hall": a given name opens no venue's name
		}
		if m.End < len(toks) && venueHeads[strings.ToLower(toks[m.End].Text)] ||
			m.End-m.Start > 1 && venueNameHeads[strings.ToLower(toks[m.End-1].Text)] {
			r.venueName[name] = true
		}
	}
}

// resolvePlaces resolves LOC mentions and venues. A name followed by a
// venue word ("Mar-a-Lago retreat") is a venue everywhere in the article; a
// place followed by ", Region" or "in Place" lies in it, which both picks
// among same-named places and gives unknown places their PART_OF chain.
func (r *resolver) resolvePlaces() {
	d := r.d
	type pending struct {
		mi     int
		name   string
		venue  bool
		parent int // mention index of the enclosing place, or -1
	}
	var todo []pending
	for mi, m := range d.Mentions {
		if r.titleCase[m.Sent] || r.res[mi].kind != entNone {
			continue
		}
		name := stripThe(document.CleanName(m.Text))
		venue := r.venueName[name]
		if !venue && m.Type != "LOC" {
			continue
		}
		if name == "" || !document.Capitalised(name) || r.pluralOfCountryWord(name) {
			continue
		}
		todo = append(todo, pending{mi: mi, name: name, venue: venue, parent: r.enclosingMention(mi, venue)})
	}
	// One name is one place in one article: its mentions form a group,
	// resolved once the places that enclose it are (chains are short).
	type group struct {
		name    string
		venue   bool
		members []int
		parents []int // mention indexes of enclosing places
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, p := range todo {
		g := byKey[p.name]
		if g == nil {
			g = &group{name: p.name, venue: p.venue}
			byKey[p.name] = g
			groups = append(groups, g)
		}
		g.members = append(g.members, p.mi)
		if p.parent >= 0 {
			g.parents = append(g.parents, p.parent)
		}
	}
	idOf := map[int]string{}
	for mi, rs := range r.res {
		if rs.kind == entCountry {
			idOf[mi] = rs.key
		}
	}
	done := map[*group]bool{}
	for round := 0; round < 4; round++ {
		for _, g := range groups {
			if done[g] {
				continue
			}
			var parentIDs []string
			waiting := false
			for _, pm := range g.parents {
				id, ok := idOf[pm]
				if !ok {
					waiting = true
					continue
				}
				// ", Stockholm" after a place lists; ", Florida" narrows.
				if k := r.placeOf[id].Kind; g.venue || k == places.KindRegion || k == places.KindCountry {
					parentIDs = append(parentIDs, id)
				}
			}
			if waiting && round < 3 {
				continue // an enclosing place is not resolved yet
			}
			var place places.Place
			inParent := g.venue
			if g.venue {
				place = places.Place{ID: "venue:" + document.Slug(g.name), Name: g.name, Kind: places.KindVenue}
			} else if len(parentIDs) > 0 {
				place, inParent = r.lookupPlace(g.name, parentIDs[0])
			} else {
				place, _ = r.lookupPlace(g.name, "")
			}
			for _, pid := range parentIDs {
				if inParent && pid != place.ID && !place.Within(pid) {
					r.setParent(place.ID, pid)
				}
			}
			if prev, ok := r.placeOf[place.ID]; ok {
				place = prev
			}
			r.placeOf[place.ID] = place
			for _, mi := range g.members {
				idOf[mi] = place.ID
				r.res[mi] = res{kind: entPlace, key: place.ID, alias: g.name}
			}
			done[g] = true
		}
	}
	// One sense per article: an ORG or MISC mention with the name of a
	// place resolved above is that place ("Pyongyang should not expect").
	byName := map[string]string{}
	for mi, rs := range r.res {
		if rs.kind == entPlace {
			byName[stripThe(document.CleanName(d.Mentions[mi].Text))] = rs.key
		}
	}
	for mi, m := range d.Mentions {
		if r.titleCase[m.Sent] || r.res[mi].kind != entNone || (m.Type != "ORG" && m.Type != "MISC") {
			continue
		}
		if id, ok := byName[stripThe(document.CleanName(m.Text))]; ok {
			r.res[mi] = res{kind: entPlace, key: id, alias: stripThe(document.CleanName(m.Text))}
		}
	}
}

// lookupPlace resolves a place name, inside parentID when the text says so;
// inParent reports whether the result lies in parentID. A name the
// gazetteer places elsewhere at the parent's level or above is a list
// ("Texas, Florida"), not an apposition; a name it places only lower down
// elsewhere ("Palm Beach", Australia) is trusted to the text.
func (r *resolver) lookupPlace(name, parentID string) (place places.Place, inParent bool) {
	g := r.d.Places
	ctx := places.Context{Countries: r.context}
	if parentID != "" {
		ctx.Within = parentID
		if p, ok := g.LookupIn(name, ctx); ok {
			return p, true
		}
		ctx.Within = ""
		if p, ok := g.LookupIn(name, ctx); ok && placeLevel(p.Kind) >= placeLevel(r.placeOf[parentID].Kind) {
			return p, false
		}
		parent := r.placeOf[parentID]
		id := "place:" + document.Slug(name)
		if parent.CountryCode != "" {
			id = "place:" + strings.ToLower(parent.CountryCode) + ":" + document.Slug(name)
		}
		return places.Place{ID: id, Name: name, Kind: places.KindOther, CountryCode: parent.CountryCode}, true
	}
	if p, ok := g.LookupIn(name, ctx); ok {
		return p, false
	}
	return places.Place{ID: "place:" + document.Slug(name), Name: name, Kind: places.KindOther}, false
}

func placeLevel(kind string) int {
	switch kind {
	case places.KindCountry:
		return 3
	case places.KindRegion:
		return 2
	case places.KindCity:
		return 1
	}
	return 0
}

// setParent records that the text puts place id inside parentID, keeping
// the most specific parent the article gives.
func (r *resolver) setParent(id, parentID string) {
	prev, ok := r.parentOf[id]
	if !ok || len(r.chain(parentID)) > len(r.chain(prev)) {
		r.parentOf[id] = parentID
	}
}

// enclosingMention finds the place the text puts mention mi in: for a
// place, ", Place" right after it ("Palm Beach, Florida"); for a venue,
// "in Place" after the venue word ("Mar-a-Lago retreat in Palm Beach").
func (r *resolver) enclosingMention(mi int, venue bool) int {
	d := r.d
	m := d.Mentions[mi]
	toks := d.Sentences[m.Sent].Tokens
	k := m.End
	if venue {
		if k < len(toks) && venueHeads[strings.ToLower(toks[k].Text)] {
			k++
		}
		if k >= len(toks) || (toks[k].Text != "in" && toks[k].Text != "near" && toks[k].Text != ",") {
			return -1
		}
	} else if k >= len(toks) || toks[k].Text != "," {
		return -1
	}
	for ni, n := range d.Mentions {
		if n.Sent == m.Sent && n.Start == k+1 && (n.Type == "LOC" || r.res[ni].kind == entCountry) {
			if !venue && r.continuesList(ni) {
				return -1 // "Stockholm, Geneva and Mongolia"
			}
			if r.res[ni].kind == entCountry && !venue {
				// "Paris, France" narrows; "Japan, South Korea" lists.
				if _, isCountry := d.Places.Country(stripThe(document.CleanName(m.Text))); isCountry {
					return -1
				}
			}
			return ni
		}
	}
	return -1
}

// continuesList reports whether mention ni is followed by ", X" or
// "and X" / "or X": then "A, B" before it was a list, not "Place, Region".
func (r *resolver) continuesList(ni int) bool {
	n := r.d.Mentions[ni]
	toks := r.d.Sentences[n.Sent].Tokens
	k := n.End
	if k < len(toks) && toks[k].Text == "," {
		k++
	}
	if k < len(toks) && (toks[k].Text == "and" || toks[k].Text == "or") {
		k++
	}
	if k == n.End {
		return false
	}
	for _, o := range r.d.Mentions {
		if o.Sent == n.Sent && o.Start == k {
			return true
		}
	}
	return false
}

// chain is the PART_OF chain of place id, nearest first.
func (r *resolver) chain(id string) []string {
	var out []string
	seen := map[string]bool{id: true}
	for cur := id; ; {
		var next string
		if p, ok := r.parentOf[cur]; ok {
			next = p
		} else if pl, ok := r.placeOf[cur]; ok && len(pl.PartOf) > 0 {
			next = pl.PartOf[0]
		} else if pl, ok := r.d.Places.ByID(cur); ok && len(pl.PartOf) > 0 {
			next = pl.PartOf[0]
		}
		if next == "" || seen[next] {
			return out
		}
		seen[next] = true
		out = append(out, next)
		cur = next
	}
}

// resolveOrgs resolves the remaining ORG mentions to organisations. An
// acronym joins the full name it abbreviates: explicitly ("Central
// Intelligence Agency (CIA)") or because it is the initials of an
// organisation the article names.
func (r *resolver) resolveOrgs() {
	d := r.d
	names := map[string]bool{}
	for mi, m := range d.Mentions {
		if r.titleCase[m.Sent] || r.res[mi].kind != entNone || m.Type != "ORG" {
			continue
		}
		name := stripThe(document.CleanName(m.Text))
		if !r.plausibleOrg(name) {
			continue
		}
		names[name] = true
		toks := d.Sentences[m.Sent].Tokens
		if e := m.End; e+2 < len(toks) && toks[e].Text == "(" && toks[e+2].Text == ")" && isAcronym(toks[e+1].Text) &&
			len(strings.Fields(name)) > 1 && strings.HasPrefix(toks[e+1].Text, name[:1]) {
			r.orgAlias[toks[e+1].Text] = name
		}
	}
	for acr := range names {
		if !isAcronym(acr) || r.orgAlias[acr] != "" {
			continue
		}
		var match []string
		for n := range names {
			if n != acr && initialsMatch(n, acr) {
				match = append(match, n)
			}
		}
		if len(match) == 1 {
			r.orgAlias[acr] = match[0]
		}
	}
	r.joinOrgVariants(names)
	for mi, m := range d.Mentions {
		if r.titleCase[m.Sent] || r.res[mi].kind != entNone || m.Type != "ORG" {
			continue
		}
		name := stripThe(document.CleanName(m.Text))
		if !names[name] {
			continue
		}
		canon := name
		if full, ok := r.orgAlias[name]; ok {
			canon = full
		}
		if c, ok := CanonicalOrg(canon); ok {
			canon = c
		}
		r.res[mi] = res{kind: entOrg, key: canon, alias: name}
	}
}

// joinOrgVariants makes a shorter name of an organisation the article
// names in full an alias of the full name: "Security Council" and "U.N.
// Security Council" of "United Nations Security Council". A name of one
// word ("Council") joins nothing, nor one that ends several full names
// ("National Committee" with both the Democratic and the Republican one).
func (r *resolver) joinOrgVariants(names map[string]bool) {
	byLength := slices.Collect(maps.Keys(names))
	sort.Slice(byLength, func(i, j int) bool {
		wi, wj := len(strings.Fields(byLength[i])), len(strings.Fields(byLength[j]))
		return wi > wj || wi == wj && byLength[i] < byLength[j]
	})
	canonical := func(n string) string {
		if full, ok := r.orgAlias[n]; ok {
			return full
		}
		return n
	}
	for _, n := range byLength {
		ws := strings.Fields(n)
		if len(ws) < 2 || r.orgAlias[n] != "" {
			continue
		}
		found := map[string]bool{}
		for _, m := range byLength {
			mw := strings.Fields(m)
			switch {
			case len(mw) <= len(ws)-1:
				continue
			case len(mw) > len(ws) && slices.Equal(mw[len(mw)-len(ws):], ws) && !describedName(mw[:len(mw)-len(ws)]):
				found[canonical(m)] = true // "Security Council"
			case isAcronym(ws[0]) && len(mw) > len(ws) && slices.Equal(mw[len(mw)-len(ws)+1:], ws[1:]) &&
				initialsMatch(strings.Join(mw[:len(mw)-len(ws)+1], " "), ws[0]):
				found[canonical(m)] = true // "U.N. Security Council"
			}
		}
		if len(found) == 1 {
			for full := range found {
				r.orgAlias[n] = full
			}
		}
	}
}

// describedName says whether the words before a shorter name describe it
// rather than name it: "California-based Wells Fargo", "state-owned
// Gazprom".
func describedName(prefix []string) bool {
	for _, w := range prefix {
		if i := strings.LastIndexByte(w, '-'); i > 0 && i+1 < len(w) {
			if r, _ := utf8.DecodeRuneInString(w[i+1:]); unicode.IsLower(r) {
				return true
			}
		}
	}
	return false
}

// plausibleOrg rejects organisation spans that are noise: empty, all lower
// case, or the plural of a country's name word ("the Koreas").
func (r *resolver) plausibleOrg(name string) bool {
	return name != "" && document.Capitalised(name) && !r.pluralOfCountryWord(name)
}

// pluralOfCountryWord reports whether name is the plural of a word of a
// country's name ("the Koreas", "the Congos"): several countries, no one
// actor or place.
func (r *resolver) pluralOfCountryWord(name string) bool {
	if !strings.HasSuffix(name, "s") || strings.Contains(name, " ") {
		return false
	}
	stem := strings.TrimSuffix(name, "s")
	if _, ok := r.d.Places.Country(stem); ok {
		return true
	}
	for id, p := range r.placeOf {
		if strings.HasPrefix(id, "country:") {
			for _, w := range strings.Fields(p.Name) {
				if w == stem {
					return true
				}
			}
		}
	}
	return false
}

// initialsMatch reports whether acr is the initials of name's capitalised
// words, with or without the small words ("Department of Justice": DOJ or DJ).
func initialsMatch(name, acr string) bool {
	var caps, all strings.Builder
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			caps.WriteRune(r)
		}
		all.WriteRune(unicode.ToUpper(r))
	}
	acr = strings.ReplaceAll(acr, ".", "") // "U.N."
	return caps.String() == acr || all.String() == acr
}

// scanTitleCase rebuilds the mentions of title-case sentences from the
// entities the rest of the article establishes and from country names and
// demonyms: the longest known name at each capitalised word wins, a lone
// word of a known person's name is that person, and nothing else is an
// entity, so "Trump Confirms" or "Secret Meeting" never become names.
func (r *resolver) scanTitleCase() {
	d := r.d
	known := map[string]res{} // lower-cased surface form -> resolution
	for mi, rs := range r.res {
		if rs.kind == entNone || rs.kind == entCountry {
			continue
		}
		k := strings.ToLower(stripThe(document.CleanName(d.Mentions[mi].Text)))
		if _, ok := known[k]; !ok {
			known[k] = res{kind: rs.kind, key: rs.key, alias: rs.alias}
		}
		if rs.kind == entPerson || rs.kind == entOrg {
			known[strings.ToLower(rs.key)] = res{kind: rs.kind, key: rs.key, alias: rs.key}
		}
	}
	for acr, full := range r.orgAlias {
		known[strings.ToLower(acr)] = res{kind: entOrg, key: full, alias: acr}
	}
	var kept []document.Mention
	var keptRes []res
	for mi, m := range d.Mentions {
		if !r.titleCase[m.Sent] {
			kept = append(kept, m)
			keptRes = append(keptRes, r.res[mi])
		}
	}
	d.Mentions, r.res = kept, keptRes
	for si, s := range d.Sentences {
		if !r.titleCase[si] {
			continue
		}
		toks := s.Tokens
		for i := 0; i < len(toks); {
			if !document.Capitalised(toks[i].Text) {
				i++
				continue
			}
			matched := 0
			var rs res
			for n := min(5, len(toks)-i); n >= 1 && matched == 0; n-- {
				if !document.Capitalised(toks[i+n-1].Text) && !isPossessive(toks[i+n-1].Text) {
					continue
				}
				text := stripThe(document.CleanName(d.TokenText(si, i, i+n)))
				if k, ok := known[strings.ToLower(text)]; ok && (!isAcronym(k.alias) || text == k.alias) {
					rs, matched = k, n
					rs.alias = text
					break
				}
				if c, ok := d.Places.Country(text); ok && n <= 3 && (len(text) > 3 || isAcronym(text)) {
					rs, matched = res{kind: entCountry, key: c.ID, alias: text}, n
					r.placeOf[c.ID] = c
					break
				}
				if n == 1 {
					if f := r.bestFull([]string{text}, si<<16|i, nil); f != nil {
						name := f.canonical().name
						rs, matched = res{kind: entPerson, key: name, alias: text}, 1
					}
				}
			}
			if matched == 0 {
				i++
				continue
			}
			d.Mentions = append(d.Mentions, document.Mention{Sent: si, Start: i, End: i + matched, Type: "TITLE",
				Text: d.TokenText(si, i, i+matched), Actor: -1, Location: -1})
			r.res = append(r.res, rs)
			i += matched
		}
	}
	// Titles in title-case sentences ("CIA Chief Mike Pompeo").
	for mi, m := range d.Mentions {
		if r.titleCase[m.Sent] && r.res[mi].kind == entPerson {
			if t := r.titleBefore(mi); t != "" {
				r.res[mi].titles = append(r.res[mi].titles, t)
			}
		}
	}
	// Keep mentions and resolutions in article order for the later stages.
	idx := make([]int, len(d.Mentions))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		mi, mj := d.Mentions[idx[i]], d.Mentions[idx[j]]
		if mi.Sent != mj.Sent {
			return mi.Sent < mj.Sent
		}
		return mi.Start < mj.Start
	})
	ms := make([]document.Mention, len(idx))
	rss := make([]res, len(idx))
	for i, k := range idx {
		ms[i], rss[i] = d.Mentions[k], r.res[k]
	}
	d.Mentions, r.res = ms, rss
}

// build turns resolutions into the article's actors and locations, in order
// of first mention, and completes every PART_OF chain with its places.
func (r *resolver) build() {
	d := r.d
	actorIdx := map[string]int{}
	locIdx := map[string]int{}
	titles := map[int][]titleSeen{}
	addActor := func(mi int, act ingest.Actor, alias string) {
		m := &d.Mentions[mi]
		i, ok := actorIdx[act.ID]
		if !ok {
			ev := d.Evidence(m.Sent)
			act.Evidence = &ev
			act.Aliases = []string{}
			i = len(d.Actors)
			actorIdx[act.ID] = i
			d.Actors = append(d.Actors, act)
		}
		m.Actor = i
		d.Actors[i].Mentions++
		if alias != "" && alias != d.Actors[i].Name && !slices.Contains(d.Actors[i].Aliases, alias) {
			d.Actors[i].Aliases = append(d.Actors[i].Aliases, alias)
		}
	}
	addLocation := func(mi int, p places.Place) {
		i, ok := locIdx[p.ID]
		if !ok {
			i = r.newLocation(locIdx, p)
			ev := d.Evidence(d.Mentions[mi].Sent)
			d.Locations[i].Evidence = &ev
		}
		d.Mentions[mi].Location = i
		d.Locations[i].Mentions++
	}
	for mi, rs := range r.res {
		// Later stages read mention types: they say what the mention
		// resolved to, not what the tagger guessed ("Trump"/ORG is PER).
		m := &d.Mentions[mi]
		switch rs.kind {
		case entPerson:
			m.Type = "PER"
		case entOrg:
			m.Type = "ORG"
		case entPlace:
			m.Type = "LOC"
		case entCountry:
			if m.Type != "MISC" { // a demonym stays MISC: "North Korean leader"
				m.Type = "LOC"
			}
		}
		switch rs.kind {
		case entPerson:
			matched := MatchedSingleName
			if len(strings.Fields(rs.key)) >= 2 {
				matched = MatchedFullName
			}
			addActor(mi, ingest.Actor{ID: "person:" + document.Slug(rs.key), Name: rs.key, Type: ingest.Person, MatchedBy: matched}, rs.alias)
			for _, t := range rs.titles {
				titles[d.Mentions[mi].Actor] = append(titles[d.Mentions[mi].Actor], titleSeen{t, r.titleCase[d.Mentions[mi].Sent]})
			}
		case entOrg:
			matched := MatchedFullName
			if isAcronym(rs.key) {
				matched = MatchedAcronym
			}
			addActor(mi, ingest.Actor{ID: "org:" + document.Slug(rs.key), Name: rs.key, Type: ingest.Organization, MatchedBy: matched}, rs.alias)
		case entCountry:
			c := r.placeOf[rs.key]
			addActor(mi, ingest.Actor{ID: c.ID, Name: c.Name, Type: ingest.Country, MatchedBy: MatchedCountryName}, rs.alias)
			if !rs.metonym {
				addLocation(mi, c)
			}
		case entPlace:
			addLocation(mi, r.placeOf[rs.key])
		}
	}
	for i, ts := range titles {
		d.Actors[i].Titles = pickTitles(ts)
	}
	for i := range d.Actors {
		sort.Strings(d.Actors[i].Aliases)
	}
	// Every place in a PART_OF chain is in the facts, so the edge has a
	// target; places only there have no mentions of their own.
	for i := 0; i < len(d.Locations); i++ {
		chain := r.chain(d.Locations[i].ID)
		d.Locations[i].PartOf = chain
		// A venue or unknown place is in the country its chain ends in.
		for _, id := range chain {
			if d.Locations[i].CountryCode != "" {
				break
			}
			if p, ok := d.Places.ByID(id); ok {
				d.Locations[i].CountryCode = p.CountryCode
			}
		}
		for _, id := range chain {
			if _, ok := locIdx[id]; ok {
				continue
			}
			p, ok := r.placeOf[id]
			if !ok {
				if p, ok = d.Places.ByID(id); !ok {
					continue
				}
			}
			r.newLocation(locIdx, p)
		}
	}
	// Drop chain entries that could not be resolved to a place.
	for i := range d.Locations {
		var ids []string
		for _, id := range d.Locations[i].PartOf {
			if _, ok := locIdx[id]; ok {
				ids = append(ids, id)
			}
		}
		d.Locations[i].PartOf = ids
	}
}

func (r *resolver) newLocation(locIdx map[string]int, p places.Place) int {
	i := len(r.d.Locations)
	locIdx[p.ID] = i
	r.d.Locations = append(r.d.Locations, ingest.Location{
		ID: p.ID, Name: p.Name, Kind: p.Kind, CountryCode: p.CountryCode,
		Latitude: p.Latitude, Longitude: p.Longitude,
	})
	return i
}

type titleSeen struct {
	text      string
	titleCase bool
}

// pickTitles dedupes an actor's titles: case-insensitively equal titles
// keep the body's spelling, and a title that ends a longer one ("Prime
// Minister" of "Japanese Prime Minister") goes.
func pickTitles(ts []titleSeen) []string {
	byKey := map[string]titleSeen{}
	var order []string
	for _, t := range ts {
		k := strings.ToLower(t.text)
		prev, ok := byKey[k]
		if !ok {
			order = append(order, k)
			byKey[k] = t
		} else if prev.titleCase && !t.titleCase {
			byKey[k] = t
		}
	}
	var out []string
	for _, k := range order {
		dominated := false
		for _, o := range order {
			if o != k && strings.HasSuffix(o, " "+k) {
				dominated = true
				break
			}
		}
		if !dominated {
			out = append(out, byKey[k].text)
		}
	}
	return out
}

// stripThe drops a leading article: "the United States" -> "United States".
func stripThe(s string) string {
	for _, p := range []string{"the ", "The "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// isAcronym: two to eight capitals, no lower case ("CIA", "NATO", "U.S.").
func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			n++
		case r == '.' || r == '&':
		default:
			return false
		}
	}
	return n >= 2 && n <= 8
}

func isPossessive(s string) bool {
	return s == "'s" || s == "’s" || s == "'" || s == "’"
}

func sortMentions(ms []document.Mention) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Sent != ms[j].Sent {
			return ms[i].Sent < ms[j].Sent
		}
		return ms[i].Start < ms[j].Start
	})
}
