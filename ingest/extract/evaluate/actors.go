package evaluate

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// ActorNode is an actor node as the graph holds it after ingest: the MERGE
// on id joins articles, graph.ResolveAcrossArticles joins lone names.
type ActorNode struct {
	ID       string
	Type     ingest.ActorType
	Name     string
	Aliases  []string
	Titles   []string
	Articles int // articles that mention it
	Mentions int
}

// MemoryGraph is an ingest.Sink that keeps actor nodes in memory the way
// graph.Store writes them to Neo4j: each batch is first resolved across
// articles against the nodes already written, then merged on id (the last
// write sets the name; aliases and titles are united). An article written
// again replaces what it wrote before, as a re-ingest does, and a node no
// article mentions any more goes. It lets the actor node set of a corpus be
// measured without a database.
type MemoryGraph struct {
	Nodes    map[string]*ActorNode
	articles map[string][]ingest.Actor // article ID -> its actors as resolved
	order    []string                  // article IDs in first-write order
}

// NewMemoryGraph returns an empty graph.
func NewMemoryGraph() *MemoryGraph {
	return &MemoryGraph{Nodes: map[string]*ActorNode{}, articles: map[string][]ingest.Actor{}}
}

// Write implements ingest.Sink.
func (g *MemoryGraph) Write(ctx context.Context, batch []*ingest.Facts) (ingest.WriteStats, error) {
	resolved, err := graph.ResolveAcrossArticles(ctx, batch, g.lookup)
	if err != nil {
		return ingest.WriteStats{}, err
	}
	for _, f := range resolved {
		if _, ok := g.articles[f.Article.ID]; !ok {
			g.order = append(g.order, f.Article.ID)
		}
		g.articles[f.Article.ID] = f.Actors
	}
	g.rebuild()
	return ingest.WriteStats{Articles: len(batch)}, nil
}

// rebuild recomputes the nodes from every article's actors.
func (g *MemoryGraph) rebuild() {
	g.Nodes = map[string]*ActorNode{}
	for _, id := range g.order {
		for _, a := range g.articles[id] {
			n := g.Nodes[a.ID]
			if n == nil {
				n = &ActorNode{ID: a.ID, Type: a.Type}
				g.Nodes[a.ID] = n
			}
			n.Name = a.Name
			n.Articles++
			n.Mentions += a.Mentions
			n.Aliases = unite(n.Aliases, a.Aliases)
			n.Titles = unite(n.Titles, a.Titles)
		}
	}
}

// lookup answers graph.CandidateLookup as the Cypher of graph.txLookup does.
func (g *MemoryGraph) lookup(_ context.Context, q graph.Lookup) (graph.Found, error) {
	f := graph.Found{Persons: map[string][]graph.Candidate{}, Orgs: map[string][]graph.Candidate{}, Named: map[string][]graph.Candidate{}, NamedOrgs: map[string][]graph.Candidate{}}
	for _, n := range g.sorted() {
		c := graph.Candidate{ID: n.ID, Name: n.Name, Aliases: n.Aliases, Titles: n.Titles, Articles: n.Articles}
		for _, s := range q.Surnames {
			if n.Type == ingest.Person && strings.HasSuffix(n.Name, " "+s) {
				f.Persons[s] = append(f.Persons[s], c)
			}
			if n.Type == ingest.Organization && n.Name == s {
				f.NamedOrgs[s] = append(f.NamedOrgs[s], graph.Candidate{ID: n.ID, Name: n.Name})
			}
		}
		for _, s := range q.Acronyms {
			if n.Type == ingest.Organization && n.Name != s && contains(n.Aliases, s) {
				f.Orgs[s] = append(f.Orgs[s], graph.Candidate{ID: n.ID, Name: n.Name})
			}
		}
		for _, s := range q.PersonNames {
			if n.Type == ingest.Person && n.Name == s {
				f.Named[s] = append(f.Named[s], graph.Candidate{ID: n.ID, Name: n.Name})
			}
		}
	}
	return f, nil
}

func (g *MemoryGraph) sorted() []*ActorNode {
	out := make([]*ActorNode, 0, len(g.Nodes))
	for _, n := range g.Nodes {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Of returns the nodes of one type, by name.
func (g *MemoryGraph) Of(t ingest.ActorType) []*ActorNode {
	var out []*ActorNode
	for _, n := range g.sorted() {
		if n.Type == t {
			out = append(out, n)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ActorReport is what the actor audit measures on a graph.
type ActorReport struct {
	Persons, Organizations, Countries int
	SingleWordPersons                 int
	// OrphanSurnames are one-word persons that are the last word of exactly
	// one full-name person of the graph: the join was missed.
	OrphanSurnames []string
	// AmbiguousSurnames are one-word persons that end several full names.
	AmbiguousSurnames []string
	// PersonAndOrg are names that are both a Person and an Organization.
	PersonAndOrg []string
	// Audit: the persons judged, those judged junk, and persons the audit
	// file does not judge.
	Judged, Junk int
	Unjudged     []string
}

// MeasureActors computes the report of graph g; audit (may be nil) holds
// the verdicts of the hand audit by person name.
func MeasureActors(g *MemoryGraph, audit map[string]ActorVerdict) ActorReport {
	var rep ActorReport
	lastWords := map[string][]string{}
	persons := g.Of(ingest.Person)
	for _, n := range persons {
		if w := strings.Fields(n.Name); len(w) >= 2 {
			lastWords[w[len(w)-1]] = append(lastWords[w[len(w)-1]], n.Name)
		}
	}
	personNames := map[string]bool{}
	for _, n := range persons {
		rep.Persons++
		personNames[n.Name] = true
		if !strings.Contains(n.Name, " ") {
			rep.SingleWordPersons++
			switch len(lastWords[n.Name]) {
			case 0:
			case 1:
				rep.OrphanSurnames = append(rep.OrphanSurnames, n.Name+" ("+lastWords[n.Name][0]+")")
			default:
				rep.AmbiguousSurnames = append(rep.AmbiguousSurnames, n.Name+" ("+strings.Join(lastWords[n.Name], ", ")+")")
			}
		}
		if audit != nil {
			v, ok := audit[n.Name]
			switch {
			case !ok:
				rep.Unjudged = append(rep.Unjudged, n.Name)
			case v.Verdict == VerdictJunk:
				rep.Judged++
				rep.Junk++
			default:
				rep.Judged++
			}
		}
	}
	for _, n := range g.Of(ingest.Organization) {
		rep.Organizations++
		if personNames[n.Name] {
			rep.PersonAndOrg = append(rep.PersonAndOrg, n.Name)
		}
	}
	rep.Countries = len(g.Of(ingest.Country))
	return rep
}

// Write prints the report; the last line is "junk x.x%" when an audit was given.
func (rep ActorReport) Write(w io.Writer, audited bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "persons %d (single-word %d), organizations %d, countries %d\n",
		rep.Persons, rep.SingleWordPersons, rep.Organizations, rep.Countries)
	list := func(label string, xs []string) {
		fmt.Fprintf(&b, "%s %d", label, len(xs))
		if len(xs) > 0 {
			fmt.Fprintf(&b, ": %s", strings.Join(xs, "; "))
		}
		b.WriteString("\n")
	}
	list("single-word persons that are the surname of one full-name person", rep.OrphanSurnames)
	list("single-word persons that end several full names (ambiguous)", rep.AmbiguousSurnames)
	list("names both Person and Organization", rep.PersonAndOrg)
	if audited {
		list("persons the audit does not judge", rep.Unjudged)
		fmt.Fprintf(&b, "audited %d, junk %d\njunk %.1f%%\n", rep.Judged, rep.Junk, 100*ratio(rep.Junk, rep.Judged))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Verdicts of the actor audit.
const (
	VerdictOK   = "ok"
	VerdictJunk = "junk"
)

// ActorVerdict is one row of the actor audit: a Person node's name, whether
// it is a person, and why.
type ActorVerdict struct {
	Name, Verdict, Reason string
}

// ErrBadAudit is returned for an audit file that does not parse.
var ErrBadAudit = errors.New("bad actor audit")

// ReadActorAudit reads a tab-separated audit (name, verdict, reason; lines
// starting with # are comments) into verdicts by name.
func ReadActorAudit(file string) (map[string]ActorVerdict, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseActorAudit(f, file)
}

func parseActorAudit(r io.Reader, name string) (map[string]ActorVerdict, error) {
	out := map[string]ActorVerdict{}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) < 2 {
			return nil, fmt.Errorf("%w: %s:%d: want name, verdict and reason separated by tabs", ErrBadAudit, name, line)
		}
		if f[1] != VerdictOK && f[1] != VerdictJunk {
			return nil, fmt.Errorf("%w: %s:%d: verdict %q is neither %q nor %q", ErrBadAudit, name, line, f[1], VerdictOK, VerdictJunk)
		}
		v := ActorVerdict{Name: f[0], Verdict: f[1]}
		if len(f) > 2 {
			v.Reason = f[2]
		}
		out[v.Name] = v
	}
	return out, sc.Err()
}

// WriteAuditTemplate prints one audit row per Person node of g, keeping
// the verdicts of audit and leaving new names for a judge ("?").
func WriteAuditTemplate(w io.Writer, g *MemoryGraph, audit map[string]ActorVerdict) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# name\tverdict (ok|junk)\treason")
	for _, n := range g.Of(ingest.Person) {
		v, ok := audit[n.Name]
		if !ok {
			v = ActorVerdict{Name: n.Name, Verdict: "?", Reason: fmt.Sprintf("articles %d; aliases %s; titles %s",
				n.Articles, strings.Join(n.Aliases, ", "), strings.Join(n.Titles, ", "))}
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\n", v.Name, v.Verdict, v.Reason)
	}
	return bw.Flush()
}

func unite(list, add []string) []string {
	for _, s := range add {
		if !contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// IngestToMemory runs the ingest pipeline over the article files under
// paths, in path order and in batches of batchSize as `newsgraph ingest`
// writes them, into a MemoryGraph; passes > 1 ingests them again (as
// `newsgraph ingest --force` does), so that lone names written before the
// full name arrived find it.
func IngestToMemory(ctx context.Context, ex ingest.Extractor, paths []string, batchSize, passes int) (*MemoryGraph, error) {
	g := NewMemoryGraph()
	for p := 0; p < max(1, passes); p++ {
		rep, err := ingest.Run(ctx, ingest.Options{
			Source: source.Files{Paths: paths}, Extractor: ex, Sink: g, Workers: 1, BatchSize: batchSize, Force: true,
			RejoinLoneNames: true, // as newsgraph ingest does
		})
		if err != nil {
			return nil, err
		}
		if len(rep.Failures) > 0 {
			return nil, fmt.Errorf("%s: %w", rep.Failures[0].Source, rep.Failures[0].Err)
		}
	}
	return g, nil
}

// WriteNodes prints every actor node of g as a tab-separated line: type,
// name, articles, aliases, titles.
func WriteNodes(w io.Writer, g *MemoryGraph) error {
	bw := bufio.NewWriter(w)
	for _, t := range []ingest.ActorType{ingest.Person, ingest.Organization, ingest.Country} {
		for _, n := range g.Of(t) {
			fmt.Fprintf(bw, "%s\t%s\t%d\t%s\t%s\n", t, n.Name, n.Articles, strings.Join(n.Aliases, ", "), strings.Join(n.Titles, ", "))
		}
	}
	return bw.Flush()
}
