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

// Candidate is an existing actor a lone name may refer to.
type Candidate struct {
	ID   string
	Name string
}

// CandidateLookup finds, for each surname, the persons whose full name ends
// with it, and for each acronym the organisations that carry it as an alias.
type CandidateLookup func(ctx context.Context, surnames, acronyms []string) (persons, orgs map[string][]Candidate, err error)

const (
	qSurnameCandidates = `UNWIND $surnames AS s
MATCH (p:Person) WHERE p.name ENDS WITH ' ' + s
RETURN s AS key, collect(DISTINCT {id: p.id, name: p.name}) AS candidates`

	qAcronymCandidates = `UNWIND $acronyms AS s
MATCH (o:Organization) WHERE s IN o.aliases AND o.name <> s
RETURN s AS key, collect(DISTINCT {id: o.id, name: o.name}) AS candidates`
)

// txLookup looks candidates up inside the write transaction, so that what
// it sees is what the MERGEs that follow will find.
func txLookup(tx neo4j.ManagedTransaction) CandidateLookup {
	return func(ctx context.Context, surnames, acronyms []string) (map[string][]Candidate, map[string][]Candidate, error) {
		persons, err := runCandidates(ctx, tx, qSurnameCandidates, "surnames", surnames)
		if err != nil {
			return nil, nil, err
		}
		orgs, err := runCandidates(ctx, tx, qAcronymCandidates, "acronyms", acronyms)
		if err != nil {
			return nil, nil, err
		}
		return persons, orgs, nil
	}
}

func runCandidates(ctx context.Context, tx neo4j.ManagedTransaction, query, param string, keys []string) (map[string][]Candidate, error) {
	out := map[string][]Candidate{}
	if len(keys) == 0 {
		return out, nil
	}
	res, err := tx.Run(ctx, query, map[string]any{param: keys})
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		key, _ := rec.AsMap()["key"].(string)
		list, _ := rec.AsMap()["candidates"].([]any)
		for _, x := range list {
			m, _ := x.(map[string]any)
			id, _ := m["id"].(string)
			name, _ := m["name"].(string)
			if id != "" {
				out[key] = append(out[key], Candidate{ID: id, Name: name})
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
	surnames, acronyms := map[string]bool{}, map[string]bool{}
	for _, f := range batch {
		for _, act := range f.Actors {
			switch {
			case isLoneName(act):
				surnames[act.Name] = true
			case isLoneAcronym(act):
				acronyms[act.Name] = true
			}
		}
	}
	if len(surnames) == 0 && len(acronyms) == 0 {
		return batch, nil
	}
	persons, orgs, err := lookup(ctx, sortedKeys(surnames), sortedKeys(acronyms))
	if err != nil {
		return nil, fmt.Errorf("looking up lone names in the graph: %w", err)
	}
	if persons == nil {
		persons = map[string][]Candidate{}
	}
	if orgs == nil {
		orgs = map[string][]Candidate{}
	}
	// Full names elsewhere in the batch count as much as those in the graph.
	for _, f := range batch {
		for _, act := range f.Actors {
			words := strings.Fields(act.Name)
			switch {
			case act.Type == ingest.Person && len(words) >= 2 && surnames[words[len(words)-1]]:
				s := words[len(words)-1]
				persons[s] = append(persons[s], Candidate{ID: act.ID, Name: act.Name})
			case act.Type == ingest.Organization && !isLoneAcronym(act):
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
			case isLoneAcronym(act):
				c, how = unique(orgs[act.Name]), MatchedAcronymInGraph
			}
			if len(c) != 1 || c[0].ID == act.ID {
				continue
			}
			joined := act
			joined.ID, joined.Name, joined.MatchedBy = c[0].ID, c[0].Name, how
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
