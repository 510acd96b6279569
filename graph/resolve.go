package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/ingest"
)

// How an actor joined a node that another article created; recorded as
// the actor's matchedBy and on the article's MENTIONS edge.
const (
	// MatchedSurnameInGraph: a one-word person name ("Pompeo") joined the
	// only person in the graph or batch whose full name ends with it.
	MatchedSurnameInGraph = "surname-in-graph"
	// MatchedAcronymInGraph: an organisation known in the article only by
	// its acronym ("CIA") joined the only organisation that has it as alias.
	MatchedAcronymInGraph = "acronym-in-graph"
)

// MatchedSurnameByContext: a one-word person name ("Mr Blair") joined one of
// several persons whose full name ends with it, chosen by what the article
// says of the person (gender, titles) and by how much more often the graph
// names that person than the others. MatchedPersonInGraph: an organisation
// the tagger made of a person's full name ("Leoncia Casalme's") joined the
// person of that name.
const (
	MatchedSurnameByContext = "surname-by-context"
	MatchedPersonInGraph    = "person-in-graph"
	// MatchedOrgInGraph: a one-word "person" no full name ends with, that
	// is exactly an organisation's name ("Veritas"), joined the
	// organisation: one word is weak evidence of a person.
	MatchedOrgInGraph = "org-in-graph"
)

// Candidate is an existing actor a lone name may refer to, with what the
// graph knows of it to choose among several.
type Candidate struct {
	ID       string
	Name     string
	Aliases  []string
	Titles   []string
	Articles int // articles that mention it
}

// Lookup is what ResolveAcrossArticles asks the graph: the persons whose
// full name ends with each surname, the organisations that carry each
// acronym as an alias, the persons named exactly each name, and the
// organisations named exactly each surname.
type Lookup struct {
	Surnames, Acronyms, PersonNames []string
}

// Found answers a Lookup, keyed by surname, acronym and name. NamedOrgs
// are the organisations named exactly a surname.
type Found struct {
	Persons, Orgs, Named, NamedOrgs map[string][]Candidate
}

// CandidateLookup answers a Lookup from the graph.
type CandidateLookup func(ctx context.Context, q Lookup) (Found, error)

const (
	qSurnameCandidates = `UNWIND $keys AS s
MATCH (p:Person) WHERE p.name ENDS WITH ' ' + s
RETURN s AS key, collect(DISTINCT {id: p.id, name: p.name, aliases: coalesce(p.aliases, []), titles: coalesce(p.titles, []),
  articles: size([(a:Article)-[:MENTIONS]->(p) | a])}) AS candidates`

	qAcronymCandidates = `UNWIND $keys AS s
MATCH (o:Organization) WHERE s IN o.aliases AND o.name <> s
RETURN s AS key, collect(DISTINCT {id: o.id, name: o.name}) AS candidates`

	qNamedPersons = `UNWIND $keys AS s
MATCH (p:Person) WHERE p.name = s
RETURN s AS key, collect(DISTINCT {id: p.id, name: p.name}) AS candidates`

	qNamedOrgs = `UNWIND $keys AS s
MATCH (o:Organization) WHERE o.name = s
RETURN s AS key, collect(DISTINCT {id: o.id, name: o.name}) AS candidates`
)

// txLookup looks candidates up inside the write transaction, so that what
// it sees is what the MERGEs that follow will find.
func txLookup(tx neo4j.ManagedTransaction) CandidateLookup {
	return func(ctx context.Context, q Lookup) (Found, error) {
		var f Found
		var err error
		if f.Persons, err = runCandidates(ctx, tx, qSurnameCandidates, q.Surnames); err != nil {
			return Found{}, err
		}
		if f.Orgs, err = runCandidates(ctx, tx, qAcronymCandidates, q.Acronyms); err != nil {
			return Found{}, err
		}
		if f.Named, err = runCandidates(ctx, tx, qNamedPersons, q.PersonNames); err != nil {
			return Found{}, err
		}
		if f.NamedOrgs, err = runCandidates(ctx, tx, qNamedOrgs, q.Surnames); err != nil {
			return Found{}, err
		}
		return f, nil
	}
}

func runCandidates(ctx context.Context, tx neo4j.ManagedTransaction, query string, keys []string) (map[string][]Candidate, error) {
	out := map[string][]Candidate{}
	if len(keys) == 0 {
		return out, nil
	}
	res, err := tx.Run(ctx, query, map[string]any{"keys": keys})
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	strs := func(x any) []string {
		list, _ := x.([]any)
		var out []string
		for _, v := range list {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	for _, rec := range recs {
		key, _ := rec.AsMap()["key"].(string)
		list, _ := rec.AsMap()["candidates"].([]any)
		for _, x := range list {
			m, _ := x.(map[string]any)
			id, _ := m["id"].(string)
			name, _ := m["name"].(string)
			n, _ := m["articles"].(int64)
			if id != "" {
				out[key] = append(out[key], Candidate{ID: id, Name: name, Aliases: strs(m["aliases"]), Titles: strs(m["titles"]), Articles: int(n)})
			}
		}
	}
	return out, nil
}

// ResolveAcrossArticles joins actors that an article knows only by one name
// to the actor other articles name in full: a person with matchedBy
// "single-name" ("Pompeo") joins the only person, in the graph or elsewhere
// in the batch, whose full name has it as last word ("Mike Pompeo"); an
// organisation known only by its acronym joins the only organisation that
// has the acronym as alias. With no candidate or several, the actor keeps
// its own node. The actor's ID, name and every reference to it (meeting
// participants, speakers, addressees, visitors) are rewritten in copies:
// batch itself is never changed, so a retried transaction starts afresh.
func ResolveAcrossArticles(ctx context.Context, batch []*ingest.Facts, lookup CandidateLookup) ([]*ingest.Facts, error) {
	surnames, acronyms, personNames := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, f := range batch {
		for _, act := range f.Actors {
			switch {
			case isLoneName(act):
				surnames[act.Name] = true
			case isLoneAcronym(act):
				acronyms[act.Name] = true
			case isPersonLikeOrg(act):
				personNames[act.Name] = true
			}
		}
	}
	if len(surnames) == 0 && len(acronyms) == 0 && len(personNames) == 0 {
		return batch, nil
	}
	found, err := lookup(ctx, Lookup{Surnames: sortedKeys(surnames), Acronyms: sortedKeys(acronyms), PersonNames: sortedKeys(personNames)})
	if err != nil {
		return nil, fmt.Errorf("looking up lone names in the graph: %w", err)
	}
	persons, orgs, named, namedOrgs := orEmpty(found.Persons), orEmpty(found.Orgs), orEmpty(found.Named), orEmpty(found.NamedOrgs)
	// Full names elsewhere in the batch count as much as those in the graph.
	for _, f := range batch {
		for _, act := range f.Actors {
			words := strings.Fields(act.Name)
			switch {
			case act.Type == ingest.Person && len(words) >= 2:
				c := Candidate{ID: act.ID, Name: act.Name, Aliases: act.Aliases, Titles: act.Titles, Articles: 1}
				if s := words[len(words)-1]; surnames[s] {
					persons[s] = append(persons[s], c)
				}
				if personNames[act.Name] {
					named[act.Name] = append(named[act.Name], c)
				}
			case act.Type == ingest.Organization && !isLoneAcronym(act):
				if surnames[act.Name] {
					namedOrgs[act.Name] = append(namedOrgs[act.Name], Candidate{ID: act.ID, Name: act.Name})
				}
				for _, al := range act.Aliases {
					if acronyms[al] && al != act.Name {
						orgs[al] = append(orgs[al], Candidate{ID: act.ID, Name: act.Name})
					}
				}
			}
		}
	}
	out := make([]*ingest.Facts, len(batch))
	for i, f := range batch {
		renames := map[string]ingest.Actor{} // old ID -> actor as rewritten
		for _, act := range f.Actors {
			var c []Candidate
			how := ""
			switch {
			case isLoneName(act):
				c, how = unique(persons[act.Name]), MatchedSurnameInGraph
				if len(c) > 1 {
					how = MatchedSurnameByContext
				}
				c = pickByContext(act, c)
				if len(persons[act.Name]) == 0 {
					c, how = unique(namedOrgs[act.Name]), MatchedOrgInGraph
				}
			case isLoneAcronym(act):
				c, how = unique(orgs[act.Name]), MatchedAcronymInGraph
			case isPersonLikeOrg(act):
				c, how = unique(named[act.Name]), MatchedPersonInGraph
			}
			if len(c) != 1 || c[0].ID == act.ID {
				continue
			}
			joined := act
			joined.ID, joined.Name, joined.MatchedBy = c[0].ID, c[0].Name, how
			switch how {
			case MatchedPersonInGraph:
				joined.Type = ingest.Person
			case MatchedOrgInGraph:
				joined.Type = ingest.Organization
			}
			joined.Aliases = appendNew(append([]string(nil), act.Aliases...), act.Name)
			renames[act.ID] = joined
		}
		if len(renames) == 0 {
			out[i] = f
			continue
		}
		out[i] = rewriteActors(f, renames)
	}
	return out, nil
}

func orEmpty(m map[string][]Candidate) map[string][]Candidate {
	if m == nil {
		return map[string][]Candidate{}
	}
	return m
}

// isPersonLikeOrg: an organisation whose name has two or three words, as a
// person's full name has; it joins a person of that exact name.
func isPersonLikeOrg(a ingest.Actor) bool {
	n := len(strings.Fields(a.Name))
	return a.Type == ingest.Organization && a.MatchedBy == "full-name" && n >= 2 && n <= 3
}

// dominance is how many times more articles the most mentioned candidate
// must have than the next for a lone surname to be taken as that person
// when nothing in the article tells them apart.
const dominance = 3

// pickByContext narrows the persons a lone surname may be to the one the
// article means: a candidate whose gender (from Mr/Mrs/Ms forms and gendered
// titles) differs from the actor's goes, so does one that has titles none
// of which the actor shares when the actor has titles too, those sharing a
// title are preferred, and of the rest the one the graph names in far
// more articles than any other (dominance times, and in at least dominance
// articles) is taken: "Mr Blair" in British politics is Tony Blair, not
// Cherie (Mrs) nor Ian Blair. Returns the candidates still open.
func pickByContext(act ingest.Actor, cands []Candidate) []Candidate {
	// The same person may come from the graph and from the batch.
	byID := map[string]*Candidate{}
	var merged []*Candidate
	for _, c := range cands {
		if p, ok := byID[c.ID]; ok {
			p.Articles += c.Articles
			p.Aliases = appendAll(p.Aliases, c.Aliases)
			p.Titles = appendAll(p.Titles, c.Titles)
			continue
		}
		c := c
		c.Aliases = append([]string(nil), c.Aliases...)
		c.Titles = append([]string(nil), c.Titles...)
		byID[c.ID] = &c
		merged = append(merged, &c)
	}
	merged = mergeInitialVariants(merged)
	g := genderOf(append(append([]string{}, act.Aliases...), act.Titles...))
	var open []*Candidate
	for _, c := range merged {
		if cg := genderOf(append(append([]string{}, c.Aliases...), c.Titles...)); g != 0 && cg != 0 && cg != g {
			continue
		}
		open = append(open, c)
	}
	if len(act.Titles) > 0 {
		// Both titled and no title in common: another person ("President
		// Carter" is not the party's general secretary Matt Carter).
		// Those that share a title go before those without titles.
		var kept, shared []*Candidate
		for _, c := range open {
			switch {
			case sharesTitle(act.Titles, c.Titles):
				shared = append(shared, c)
				kept = append(kept, c)
			case len(c.Titles) == 0:
				kept = append(kept, c)
			}
		}
		open = kept
		if len(shared) > 0 {
			open = shared
		}
	}
	sort.SliceStable(open, func(i, j int) bool { return open[i].Articles > open[j].Articles })
	switch {
	case len(open) == 1:
		return []Candidate{*open[0]}
	case len(open) > 1 && open[0].Articles >= dominance && open[0].Articles >= dominance*open[1].Articles:
		return []Candidate{*open[0]}
	}
	out := make([]Candidate, len(open))
	for i, c := range open {
		out[i] = *c
	}
	return out
}

// mergeInitialVariants folds a name into the one name that adds middle
// initials to it: "George Bush" is "George W Bush" when the graph knows
// one such name; with two ("George W Bush", "George H W Bush") the bare
// name could be either and stays apart.
func mergeInitialVariants(cands []*Candidate) []*Candidate {
	bare := func(name string) (string, bool) {
		var kept []string
		initials := false
		for _, w := range strings.Fields(name) {
			if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
				initials = true
				continue
			}
			kept = append(kept, w)
		}
		return strings.Join(kept, " "), initials
	}
	withInitials := map[string][]*Candidate{}
	for _, c := range cands {
		if b, ok := bare(c.Name); ok {
			withInitials[b] = append(withInitials[b], c)
		}
	}
	var out []*Candidate
	for _, c := range cands {
		b, initials := bare(c.Name)
		if into := withInitials[b]; !initials && len(into) == 1 {
			into[0].Articles += c.Articles
			into[0].Aliases = appendAll(into[0].Aliases, append(c.Aliases, c.Name))
			into[0].Titles = appendAll(into[0].Titles, c.Titles)
			continue
		}
		out = append(out, c)
	}
	return out
}

// genderOf reads a person's gender from the forms and titles used for
// them: 'm' for Mr, 'f' for Mrs, Ms, Miss, Lady, ...; 0 when they say
// nothing or disagree.
func genderOf(forms []string) byte {
	var g byte
	for _, f := range forms {
		for _, w := range strings.Fields(strings.ToLower(f)) {
			x := genderWords[strings.TrimSuffix(w, ".")]
			if x == 0 {
				continue
			}
			if g != 0 && g != x {
				return 0
			}
			g = x
		}
	}
	return g
}

var genderWords = map[string]byte{
	"mr": 'm', "sir": 'm', "lord": 'm', "spokesman": 'm', "chairman": 'm', "king": 'm', "prince": 'm',
	"mrs": 'f', "ms": 'f', "miss": 'f', "lady": 'f', "dame": 'f', "baroness": 'f', "spokeswoman": 'f',
	"chairwoman": 'f', "queen": 'f', "princess": 'f',
}

// sharesTitle says whether two title lists share a title, or a title's
// last word ("Home Secretary" and "former home secretary").
func sharesTitle(a, b []string) bool {
	heads := map[string]bool{}
	for _, t := range a {
		w := strings.Fields(strings.ToLower(t))
		if len(w) > 0 {
			heads[w[len(w)-1]] = true
		}
	}
	for _, t := range b {
		w := strings.Fields(strings.ToLower(t))
		if len(w) > 0 && heads[w[len(w)-1]] {
			return true
		}
	}
	return false
}

func appendAll(list, add []string) []string {
	for _, s := range add {
		list = appendNew(list, s)
	}
	return list
}

// isLoneName: a person the article names with one word only.
func isLoneName(a ingest.Actor) bool {
	return a.Type == ingest.Person && a.MatchedBy == "single-name" && len(strings.Fields(a.Name)) == 1
}

// isLoneAcronym: an organisation the article names by its acronym only.
func isLoneAcronym(a ingest.Actor) bool {
	return a.Type == ingest.Organization && a.MatchedBy == "acronym"
}

// rewriteActors returns a copy of f in which every actor in renames has its
// new identity, merged with an actor of the same new ID if the article
// already had one, and every reference follows.
func rewriteActors(f *ingest.Facts, renames map[string]ingest.Actor) *ingest.Facts {
	c := *f
	c.Actors = nil
	index := map[string]int{}
	for _, act := range f.Actors {
		if r, ok := renames[act.ID]; ok {
			act = r
		}
		if j, ok := index[act.ID]; ok {
			prev := &c.Actors[j]
			prev.Mentions += act.Mentions
			for _, al := range append(act.Aliases, act.Name) {
				if al != prev.Name {
					prev.Aliases = appendNew(prev.Aliases, al)
				}
			}
			for _, t := range act.Titles {
				prev.Titles = appendNew(prev.Titles, t)
			}
			continue
		}
		act.Aliases = append([]string(nil), act.Aliases...)
		act.Titles = append([]string(nil), act.Titles...)
		index[act.ID] = len(c.Actors)
		c.Actors = append(c.Actors, act)
	}
	for i := range c.Actors {
		sort.Strings(c.Actors[i].Aliases)
	}
	ref := func(id *string, name **string) {
		r, ok := renames[*id]
		if !ok {
			return
		}
		*id = r.ID
		if name != nil && *name != nil {
			n := r.Name
			*name = &n
		}
	}
	c.Meetings = make([]ingest.Meeting, len(f.Meetings))
	for i, m := range f.Meetings {
		m.ParticipantIDs = append([]string(nil), m.ParticipantIDs...)
		m.Participants = append([]string(nil), m.Participants...)
		for k := range m.ParticipantIDs {
			if r, ok := renames[m.ParticipantIDs[k]]; ok {
				m.ParticipantIDs[k] = r.ID
				if k < len(m.Participants) {
					m.Participants[k] = r.Name
				}
			}
		}
		c.Meetings[i] = m
	}
	c.Statements = make([]ingest.Statement, len(f.Statements))
	for i, s := range f.Statements {
		ref(&s.SpeakerID, &s.Speaker)
		ref(&s.AddresseeID, &s.Addressee)
		c.Statements[i] = s
	}
	c.Visits = make([]ingest.Visit, len(f.Visits))
	for i, v := range f.Visits {
		if r, ok := renames[v.VisitorID]; ok {
			v.VisitorID, v.Visitor = r.ID, r.Name
		}
		c.Visits[i] = v
	}
	return &c
}

func unique(cs []Candidate) []Candidate {
	seen := map[string]bool{}
	var out []Candidate
	for _, c := range cs {
		if !seen[c.ID] {
			seen[c.ID] = true
			out = append(out, c)
		}
	}
	return out
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
