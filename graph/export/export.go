// Package export takes a piece of the newsgraph graph out of Neo4j for
// researchers: a Selection (ego network of an actor, date range,
// relationship types, meeting statuses, articles, or any read-only Cypher
// query) streamed to a Writer: GraphML for Gephi, Cytoscape and igraph,
// node-link JSON for networkx and D3, CSV for neo4j-admin database import,
// or a Cypher script for cypher-shell.
//
// Everything runs in one read transaction; records stream from the driver
// to the writer as they arrive, so memory does not grow with the size of
// the export (a Cypher-query selection holds the element ids, not the
// properties, of what the query returned).
package export

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/graph"
)

// Errors of an export, checked with errors.Is / errors.As.
var (
	// ErrEntityNotFound: no actor has the name, alias or id.
	ErrEntityNotFound = errors.New("no actor with that name, alias or id")
	// ErrArticleNotFound: no article has the id, source or URL.
	ErrArticleNotFound = errors.New("no article with that id, source or URL")
	// ErrWriteQuery: the Cypher selection query tried to write.
	ErrWriteQuery = errors.New("the query writes to the database, but exports run in a read transaction: only read queries are allowed")
	// ErrNotGraph: the Cypher selection query returned something other
	// than nodes, relationships and paths.
	ErrNotGraph = errors.New("the query must return nodes, relationships or paths")
)

// Candidate is an actor that an entity name matches.
type Candidate struct {
	ElementID string
	ID        string
	Name      string
	Labels    []string
	Aliases   []string
}

func (c Candidate) String() string {
	s := fmt.Sprintf("%s  %s (%s)", c.ID, c.Name, strings.Join(c.Labels, ", "))
	if len(c.Aliases) > 0 {
		s += "; aliases: " + strings.Join(c.Aliases, ", ")
	}
	return s
}

// AmbiguousEntityError says that an entity name matches several actors.
type AmbiguousEntityError struct {
	Name       string
	Candidates []Candidate
}

func (e *AmbiguousEntityError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "entity %q is ambiguous: %d actors match; pass one of their ids instead:", e.Name, len(e.Candidates))
	for _, c := range e.Candidates {
		b.WriteString("\n  " + c.String())
	}
	return b.String()
}

// ResolveEntity finds the actor an entity name refers to: the actor with
// that id, else the one whose name or alias it is (ignoring case). Several
// matches give an *AmbiguousEntityError listing them, none
// ErrEntityNotFound.
func ResolveEntity(ctx context.Context, store *graph.Store, name string) (Candidate, error) {
	rows, err := store.Query(ctx, `MATCH (a:Actor)
WHERE a.id = $name OR toLower(a.name) = toLower($name) OR any(x IN coalesce(a.aliases, []) WHERE toLower(x) = toLower($name))
RETURN elementId(a) AS elementId, a.id AS id, a.name AS name, labels(a) AS labels, coalesce(a.aliases, []) AS aliases, a.id = $name AS byId
ORDER BY a.id`, map[string]any{"name": name})
	if err != nil {
		return Candidate{}, fmt.Errorf("resolving entity %q: %w", name, err)
	}
	var all, byID []Candidate
	for _, row := range rows {
		c := Candidate{ElementID: str(row["elementId"]), ID: str(row["id"]), Name: str(row["name"]),
			Labels: sortLabels(strs(row["labels"])), Aliases: strs(row["aliases"])}
		all = append(all, c)
		if row["byId"] == true {
			byID = append(byID, c)
		}
	}
	switch {
	case len(byID) == 1:
		return byID[0], nil
	case len(all) == 1:
		return all[0], nil
	case len(all) == 0:
		return Candidate{}, fmt.Errorf("entity %q: %w", name, ErrEntityNotFound)
	}
	return Candidate{}, &AmbiguousEntityError{Name: name, Candidates: all}
}

// resolveArticles maps article references (ids, sources or URLs) to ids.
func resolveArticles(ctx context.Context, store *graph.Store, refs []string) ([]string, error) {
	rows, err := store.Query(ctx, `UNWIND $refs AS ref
OPTIONAL MATCH (a:Article) WHERE a.id = ref OR a.source = ref OR a.url = ref
RETURN ref, collect(a.id) AS ids`, map[string]any{"refs": refs})
	if err != nil {
		return nil, fmt.Errorf("resolving articles: %w", err)
	}
	set := map[string]struct{}{}
	var missing []string
	for _, row := range rows {
		ids := strs(row["ids"])
		if len(ids) == 0 {
			missing = append(missing, fmt.Sprintf("%q", str(row["ref"])))
		}
		for _, id := range ids {
			set[id] = struct{}{}
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("article %s: %w", strings.Join(missing, ", "), ErrArticleNotFound)
	}
	return sortedSet(set), nil
}

// Options tune an export run.
type Options struct {
	// Progress, if set, is called after every exported node and
	// relationship with the running totals.
	Progress func(nodes, relationships int64)
	// Total, if set, is called before the first node with how many nodes
	// and relationships the export will write (counted in the export's
	// transaction, at the cost of two counting queries).
	Total func(nodes, relationships int64)
}

// Summary is what an export wrote.
type Summary struct {
	Nodes, Relationships int64
	// Labels counts nodes per label (a node counts once for each of its
	// labels), Types relationships per type.
	Labels, Types map[string]int64
	// Entity is the actor an entity name resolved to.
	Entity *Candidate
	// Warnings are things the user may want to know (an unknown
	// relationship type, an empty result).
	Warnings []string
}

// Run exports the selection from store to w and closes w. The whole
// export is one read transaction.
func Run(ctx context.Context, store *graph.Store, sel Selection, w Writer, opts Options) (Summary, error) {
	sum := Summary{Labels: map[string]int64{}, Types: map[string]int64{}}
	if err := sel.Validate(); err != nil {
		return sum, err
	}
	res := &resolved{Selection: sel}
	if sel.Entity != "" {
		c, err := ResolveEntity(ctx, store, sel.Entity)
		if err != nil {
			return sum, err
		}
		res.seed, sum.Entity = c.ElementID, &c
	}
	if len(sel.Articles) > 0 {
		ids, err := resolveArticles(ctx, store, sel.Articles)
		if err != nil {
			return sum, err
		}
		res.articleIDs = ids
	}
	if len(sel.RelTypes) > 0 {
		warnings, err := checkTypes(ctx, store, sel.RelTypes)
		if err != nil {
			return sum, err
		}
		sum.Warnings = append(sum.Warnings, warnings...)
	}

	sess := store.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: store.Database(), AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	attempts := 0
	_, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		attempts++
		if attempts > 1 && sum.Nodes+sum.Relationships > 0 {
			// The driver retries after transient errors, but the output
			// is already partly written and cannot be taken back.
			return struct{}{}, fmt.Errorf("the database connection failed after the export had started; run it again")
		}
		if sel.Cypher != "" {
			if err := runSelectionQuery(ctx, tx, res); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, stream(ctx, tx, res, w, &sum, opts)
	})
	if err != nil {
		return sum, err
	}
	if err := w.Close(); err != nil {
		return sum, err
	}
	if sum.Nodes == 0 {
		sum.Warnings = append(sum.Warnings, "the selection is empty")
	}
	return sum, nil
}

// checkTypes warns about relationship types the graph does not have (a
// typo, or lower case: types are case-sensitive).
func checkTypes(ctx context.Context, store *graph.Store, types []string) ([]string, error) {
	rows, err := store.Query(ctx, `CALL db.relationshipTypes() YIELD relationshipType RETURN collect(relationshipType) AS types`, nil)
	if err != nil {
		return nil, fmt.Errorf("listing relationship types: %w", err)
	}
	var known []string
	if len(rows) == 1 {
		known = strs(rows[0]["types"])
	}
	sort.Strings(known)
	var warnings []string
	for _, t := range types {
		if !contains(known, t) {
			warnings = append(warnings, fmt.Sprintf("the graph has no relationship type %q (it has: %s)", t, strings.Join(known, ", ")))
		}
	}
	return warnings, nil
}

// runSelectionQuery runs the user's query and records the element ids of
// what it returned.
func runSelectionQuery(ctx context.Context, tx neo4j.ManagedTransaction, res *resolved) error {
	result, err := tx.Run(ctx, res.Cypher, res.Params)
	if err != nil {
		return queryError(err)
	}
	explicit, endpoints, rels := map[string]struct{}{}, map[string]struct{}{}, map[string]struct{}{}
	for result.Next(ctx) {
		rec := result.Record()
		for i, v := range rec.Values {
			if err := collectElements(v, explicit, endpoints, rels); err != nil {
				return fmt.Errorf("column %q: %w", rec.Keys[i], err)
			}
		}
	}
	if err := result.Err(); err != nil {
		return queryError(err)
	}
	res.explicitNodes, res.baseRels = sortedSet(explicit), sortedSet(rels)
	for id := range explicit {
		endpoints[id] = struct{}{}
	}
	res.baseNodes = sortedSet(endpoints)
	return nil
}

func collectElements(v any, nodes, endpoints, rels map[string]struct{}) error {
	switch x := v.(type) {
	case nil:
	case dbtype.Node:
		nodes[x.ElementId] = struct{}{}
	case dbtype.Relationship:
		rels[x.ElementId] = struct{}{}
		endpoints[x.StartElementId] = struct{}{}
		endpoints[x.EndElementId] = struct{}{}
	case dbtype.Path:
		for _, n := range x.Nodes {
			nodes[n.ElementId] = struct{}{}
		}
		for _, r := range x.Relationships {
			rels[r.ElementId] = struct{}{}
		}
	case []any:
		for _, e := range x {
			if err := collectElements(e, nodes, endpoints, rels); err != nil {
				return err
			}
		}
	case map[string]any:
		for _, e := range x {
			if err := collectElements(e, nodes, endpoints, rels); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("%w, not %T", ErrNotGraph, v)
	}
	return nil
}

// queryError explains the errors of a user query.
func queryError(err error) error {
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) && (nerr.Code == "Neo.ClientError.Statement.AccessMode" || strings.Contains(nerr.Msg, "read access mode")) {
		return fmt.Errorf("%w (Neo4j: %s)", ErrWriteQuery, nerr.Msg)
	}
	return fmt.Errorf("running the query: %w", err)
}

// stream writes the selected nodes, then the selected relationships.
func stream(ctx context.Context, tx neo4j.ManagedTransaction, res *resolved, w Writer, sum *Summary, opts Options) error {
	params := res.params()
	if opts.Total != nil {
		nodes, err := countRows(ctx, tx, res.nodeCountQuery(), params)
		if err != nil {
			return fmt.Errorf("counting nodes: %w", err)
		}
		rels, err := countRows(ctx, tx, res.relCountQuery(), params)
		if err != nil {
			return fmt.Errorf("counting relationships: %w", err)
		}
		opts.Total(nodes, rels)
	}
	result, err := tx.Run(ctx, res.nodeQuery(), params)
	if err != nil {
		return fmt.Errorf("selecting nodes: %w", err)
	}
	for result.Next(ctx) {
		n, ok := result.Record().Values[0].(dbtype.Node)
		if !ok {
			return fmt.Errorf("selecting nodes: unexpected %T", result.Record().Values[0])
		}
		node := Node{ID: NodeID(n.Props, n.ElementId), Labels: sortLabels(n.Labels), Props: n.Props}
		if err := w.WriteNode(node); err != nil {
			return err
		}
		sum.Nodes++
		for _, l := range node.Labels {
			sum.Labels[l]++
		}
		if opts.Progress != nil {
			opts.Progress(sum.Nodes, sum.Relationships)
		}
	}
	if err := result.Err(); err != nil {
		return fmt.Errorf("selecting nodes: %w", err)
	}

	result, err = tx.Run(ctx, res.relQuery(), params)
	if err != nil {
		return fmt.Errorf("selecting relationships: %w", err)
	}
	for result.Next(ctx) {
		rec := result.Record()
		values := rec.AsMap()
		r, ok := values["r"].(dbtype.Relationship)
		if !ok {
			return fmt.Errorf("selecting relationships: unexpected %T", values["r"])
		}
		startID, endID := values["startId"], values["endId"]
		rel := Relationship{
			Key:         fmt.Sprintf("e%d", sum.Relationships),
			Type:        r.Type,
			StartID:     NodeID(map[string]any{"id": startID}, str(values["startElementId"])),
			EndID:       NodeID(map[string]any{"id": endID}, str(values["endElementId"])),
			StartLabels: sortLabels(strs(values["startLabels"])),
			EndLabels:   sortLabels(strs(values["endLabels"])),
			Props:       r.Props,
		}
		if err := w.WriteRelationship(rel); err != nil {
			return err
		}
		sum.Relationships++
		sum.Types[rel.Type]++
		if opts.Progress != nil {
			opts.Progress(sum.Nodes, sum.Relationships)
		}
	}
	if err := result.Err(); err != nil {
		return fmt.Errorf("selecting relationships: %w", err)
	}
	return nil
}

func countRows(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) (int64, error) {
	result, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return 0, err
	}
	rec, err := result.Single(ctx)
	if err != nil {
		return 0, err
	}
	n, _ := rec.Values[0].(int64)
	return n, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
