package export

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest"
)

// Selection says which part of the graph to export. The zero value is the
// whole graph (without newsgraph's bookkeeping nodes). Every option narrows
// the selection, and combined options keep what all of them keep:
//
//   - Cypher (with Params): only the nodes, relationships and paths this
//     read-only query returns (and the endpoints of its relationships).
//   - Statuses: meetings (Meeting nodes, MET and VISITED relationships)
//     with these statuses.
//   - From, To: facts dated in the range, inclusive: a meeting by its own
//     date (a date range counts if it overlaps), a MET by its meeting,
//     a VISITED by its date; what has no date of its own, by the date of
//     the article that reports it (statements, undated meetings and
//     visits, an article's MENTIONS). An article comes along with a
//     meeting in the range that it reports, so each fact keeps its
//     evidence.
//   - Articles: what these articles contributed: the articles, the
//     meetings and statements they report, what they MENTION, the MET
//     relationships of their meetings and their VISITED relationships.
//   - RelTypes: only relationships of these types.
//   - Entity, Depth: the ego network of an actor: what lies within Depth
//     hops of it (in any direction, through what the other options keep),
//     with the relationships among it.
//
// Actors and locations are context: with any option, an actor or location
// is exported when an exported relationship other than PART_OF touches it
// (or it is the Entity, or the Cypher query returned it), and PART_OF
// only between such locations; a node that ends up with no relationship is
// left out.
type Selection struct {
	Entity   string
	Depth    int
	From, To time.Time // the zero Time leaves that end open
	RelTypes []string
	Statuses []string
	Articles []string
	Cypher   string
	Params   map[string]any
}

// MaxDepth bounds Depth: beyond a few hops an ego network in a news graph
// is most of the graph.
const MaxDepth = 10

// ErrInvalidSelection marks a selection that cannot be run as given.
var ErrInvalidSelection = errors.New("invalid selection")

// Statuses are the meeting statuses newsgraph extracts.
var Statuses = []string{ingest.StatusHeld, ingest.StatusPlanned, ingest.StatusProposed,
	ingest.StatusCancelled, ingest.StatusRefused, ingest.StatusDenied}

// Validate checks the selection without the database.
func (s Selection) Validate() error {
	if s.Depth < 0 || s.Depth > MaxDepth {
		return fmt.Errorf("%w: depth %d: must be between 0 and %d", ErrInvalidSelection, s.Depth, MaxDepth)
	}
	if s.Depth > 0 && strings.TrimSpace(s.Entity) == "" {
		return fmt.Errorf("%w: a depth needs an entity", ErrInvalidSelection)
	}
	if !s.From.IsZero() && !s.To.IsZero() && s.From.After(s.To) {
		return fmt.Errorf("%w: the range starts (%s) after it ends (%s)", ErrInvalidSelection,
			s.From.Format(time.DateOnly), s.To.Format(time.DateOnly))
	}
	for _, st := range s.Statuses {
		if !contains(Statuses, st) {
			return fmt.Errorf("%w: unknown meeting status %q (known: %s)", ErrInvalidSelection, st, strings.Join(Statuses, ", "))
		}
	}
	for _, t := range s.RelTypes {
		if strings.TrimSpace(t) == "" {
			return fmt.Errorf("%w: empty relationship type", ErrInvalidSelection)
		}
	}
	for _, a := range s.Articles {
		if strings.TrimSpace(a) == "" {
			return fmt.Errorf("%w: empty article id", ErrInvalidSelection)
		}
	}
	if len(s.Params) > 0 && strings.TrimSpace(s.Cypher) == "" {
		return fmt.Errorf("%w: query parameters need a query", ErrInvalidSelection)
	}
	return nil
}

// IsWholeGraph reports whether the selection has no option at all.
func (s Selection) IsWholeGraph() bool {
	return s.Entity == "" && s.From.IsZero() && s.To.IsZero() && len(s.RelTypes) == 0 &&
		len(s.Statuses) == 0 && len(s.Articles) == 0 && s.Cypher == ""
}

func (s Selection) hasDates() bool { return !s.From.IsZero() || !s.To.IsZero() }

// String describes the selection in words, for messages.
func (s Selection) String() string {
	if s.IsWholeGraph() {
		return "the whole graph"
	}
	var parts []string
	if s.Cypher != "" {
		parts = append(parts, "what the query returns")
	}
	if s.Entity != "" {
		parts = append(parts, fmt.Sprintf("the %d-hop ego network of %q", s.Depth, s.Entity))
	}
	if s.hasDates() {
		from, to := "…", "…"
		if !s.From.IsZero() {
			from = s.From.Format(time.DateOnly)
		}
		if !s.To.IsZero() {
			to = s.To.Format(time.DateOnly)
		}
		parts = append(parts, "dated "+from+" to "+to)
	}
	if len(s.Articles) > 0 {
		parts = append(parts, fmt.Sprintf("from %d article(s)", len(s.Articles)))
	}
	if len(s.RelTypes) > 0 {
		parts = append(parts, "relationships "+strings.Join(s.RelTypes, ", "))
	}
	if len(s.Statuses) > 0 {
		parts = append(parts, "meetings "+strings.Join(s.Statuses, ", "))
	}
	return strings.Join(parts, "; ")
}

// resolved is a selection with its references looked up in the database.
type resolved struct {
	Selection
	seed          string   // element id of the entity
	articleIDs    []string // ids of the selected articles
	baseNodes     []string // element ids the query returned, with relationship endpoints
	explicitNodes []string // element ids of the nodes the query returned itself
	baseRels      []string // element ids of the relationships the query returned
}

func (r *resolved) filtered() bool { return !r.IsWholeGraph() }

// params are the query parameters of every selection query. Values are
// only ever parameters; the query texts depend on which options are set.
func (r *resolved) params() map[string]any {
	p := map[string]any{"internal": graph.InternalLabels}
	if r.seed != "" {
		p["seed"] = r.seed
	}
	if len(r.RelTypes) > 0 {
		p["types"] = r.RelTypes
	}
	if len(r.Statuses) > 0 {
		p["statuses"] = r.Statuses
		p["statusTypes"] = []string{"MET", "VISITED"}
	}
	if len(r.Articles) > 0 {
		p["articleIds"] = r.articleIDs
	}
	if r.hasDates() {
		from, to := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
		if !r.From.IsZero() {
			from = r.From
		}
		if !r.To.IsZero() {
			to = r.To
		}
		p["from"], p["to"] = dbtype.Date(dateOnly(from)), dbtype.Date(dateOnly(to))
	}
	if r.Cypher != "" {
		p["baseNodes"], p["explicitNodes"], p["baseRels"] = r.baseNodes, r.explicitNodes, r.baseRels
	}
	return p
}

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// queryBuilder writes the selection's predicates as Cypher. Each
// subquery gets fresh variable names, because a name that is already
// bound outside an EXISTS would silently refer to the outer variable.
type queryBuilder struct {
	r *resolved
	n int
}

func (q *queryBuilder) fresh(prefix string) string {
	q.n++
	return fmt.Sprintf("%s_%d", prefix, q.n)
}

func and(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	if len(keep) == 0 {
		return "true"
	}
	return strings.Join(keep, "\n  AND ")
}

// articleInRange is the condition that the article a was published in
// the range (by its local date).
func articleInRange(a string) string {
	return fmt.Sprintf("(%[1]s.published IS NOT NULL AND date(%[1]s.published) >= $from AND date(%[1]s.published) <= $to)", a)
}

// meetingDateInRange is the date condition of the meeting m: its own
// dates when it has them, else the dates of the articles that report it.
func (q *queryBuilder) meetingDateInRange(m string) string {
	a := q.fresh("a")
	return fmt.Sprintf("CASE WHEN %[1]s.date IS NOT NULL THEN (%[1]s.date <= $to AND coalesce(%[1]s.dateEnd, %[1]s.date) >= $from) ELSE EXISTS { MATCH (%[1]s)-[:REPORTED_IN]->(%[2]s:Article) WHERE %[3]s } END",
		m, a, articleInRange(a))
}

// nodeOwn is the condition a node v meets on its own. Facts (articles,
// meetings, statements) are judged by the options; actors and locations
// pass, their fate depends on their relationships (see nodeKept).
// comeAlong lets an article out of the date range come along with a
// meeting in the range it reports.
func (q *queryBuilder) nodeOwn(v string, comeAlong bool) string {
	r := q.r
	l := q.fresh("l")
	parts := []string{fmt.Sprintf("NOT any(%[2]s IN labels(%[1]s) WHERE %[2]s IN $internal)", v, l)}
	if r.Cypher != "" {
		parts = append(parts, fmt.Sprintf("elementId(%s) IN $baseNodes", v))
	}
	if len(r.Statuses) > 0 {
		parts = append(parts, fmt.Sprintf("(NOT %[1]s:Meeting OR %[1]s.status IN $statuses)", v))
	}
	if len(r.Articles) > 0 {
		a := q.fresh("a")
		parts = append(parts, fmt.Sprintf("(NOT (%[1]s:Article OR %[1]s:Meeting OR %[1]s:Statement) OR CASE WHEN %[1]s:Article THEN %[1]s.id IN $articleIds ELSE EXISTS { MATCH (%[1]s)-[:REPORTED_IN]->(%[2]s:Article) WHERE %[2]s.id IN $articleIds } END)", v, a))
	}
	if r.hasDates() {
		article := articleInRange(v)
		if comeAlong {
			m := q.fresh("m")
			article = fmt.Sprintf("(%s OR EXISTS { MATCH (%s:Meeting)-[:REPORTED_IN]->(%s) WHERE %s })", article, m, v, q.nodeOwn(m, false))
		}
		a := q.fresh("a")
		parts = append(parts, fmt.Sprintf("(NOT (%[1]s:Article OR %[1]s:Meeting OR %[1]s:Statement) OR CASE WHEN %[1]s:Meeting THEN %[2]s WHEN %[1]s:Article THEN %[3]s ELSE EXISTS { MATCH (%[1]s)-[:REPORTED_IN]->(%[4]s:Article) WHERE %[5]s } END)",
			v, q.meetingDateInRange(v), article, a, articleInRange(a)))
	}
	return "(" + and(parts...) + ")"
}

// relOwn is the condition a relationship rel meets on its own.
func (q *queryBuilder) relOwn(rel string) string {
	r := q.r
	var parts []string
	if r.Cypher != "" {
		parts = append(parts, fmt.Sprintf("elementId(%s) IN $baseRels", rel))
	}
	if len(r.RelTypes) > 0 {
		parts = append(parts, fmt.Sprintf("type(%s) IN $types", rel))
	}
	if len(r.Statuses) > 0 {
		parts = append(parts, fmt.Sprintf("(NOT type(%[1]s) IN $statusTypes OR %[1]s.status IN $statuses)", rel))
	}
	if len(r.Articles) > 0 {
		m, a := q.fresh("m"), q.fresh("a")
		parts = append(parts, fmt.Sprintf("CASE type(%[1]s) WHEN 'MET' THEN EXISTS { MATCH (%[2]s:Meeting {id: %[1]s.meetingId})-[:REPORTED_IN]->(%[3]s:Article) WHERE %[3]s.id IN $articleIds } WHEN 'VISITED' THEN %[1]s.articleId IN $articleIds ELSE true END", rel, m, a))
	}
	if r.hasDates() {
		m, a := q.fresh("m"), q.fresh("a")
		parts = append(parts, fmt.Sprintf(`CASE type(%[1]s)
    WHEN 'MET' THEN (EXISTS { MATCH (%[2]s:Meeting {id: %[1]s.meetingId}) WHERE %[3]s } OR (%[1]s.date >= $from AND %[1]s.date <= $to))
    WHEN 'VISITED' THEN CASE WHEN %[1]s.date IS NOT NULL THEN (%[1]s.date >= $from AND %[1]s.date <= $to) ELSE EXISTS { MATCH (%[4]s:Article {id: %[1]s.articleId}) WHERE %[5]s } END
    WHEN 'MENTIONS' THEN %[6]s
    ELSE true END`, rel, m, q.meetingDateInRange(m), a, articleInRange(a), articleInRange("startNode("+rel+")")))
	}
	return "(" + and(parts...) + ")"
}

// relKept is the condition that the relationship rel between the nodes x
// and y (in either direction) is exported. ego is the name of the list of
// ego-network nodes, or "".
func (q *queryBuilder) relKept(rel, x, y, ego string) string {
	parts := []string{q.relOwn(rel), q.nodeOwn(x, true), q.nodeOwn(y, true)}
	if ego != "" {
		parts = append(parts, fmt.Sprintf("%s IN %s AND %s IN %s", x, ego, y, ego))
	}
	if q.r.filtered() {
		// PART_OF is context: it comes along between locations that
		// something else in the selection involves.
		parts = append(parts, fmt.Sprintf("(type(%s) <> 'PART_OF' OR (%s AND %s))", rel, q.justified(x, ego), q.justified(y, ego)))
	}
	return "(" + and(parts...) + ")"
}

// justified is the condition that node x has an exported relationship
// other than PART_OF.
func (q *queryBuilder) justified(x, ego string) string {
	j, o := q.fresh("j"), q.fresh("o")
	inEgo := ""
	if ego != "" {
		inEgo = fmt.Sprintf(" AND %s IN %s", o, ego)
	}
	return fmt.Sprintf("EXISTS { MATCH (%[1]s)-[%[2]s]-(%[3]s) WHERE type(%[2]s) <> 'PART_OF' AND %[4]s AND %[5]s%[6]s }",
		x, j, o, q.relOwn(j), q.nodeOwn(o, true), inEgo)
}

// nodeKept is the condition that node n is exported.
func (q *queryBuilder) nodeKept(n, ego string) string {
	parts := []string{q.nodeOwn(n, true)}
	if q.r.filtered() {
		var anyOf []string
		if q.r.seed != "" {
			anyOf = append(anyOf, fmt.Sprintf("elementId(%s) = $seed", n))
		}
		if q.r.Cypher != "" {
			anyOf = append(anyOf, fmt.Sprintf("elementId(%s) IN $explicitNodes", n))
		}
		rel, o := q.fresh("r"), q.fresh("o")
		anyOf = append(anyOf, fmt.Sprintf("EXISTS { MATCH (%[1]s)-[%[2]s]-(%[3]s) WHERE %[4]s }", n, rel, o, q.relKept(rel, n, o, ego)))
		parts = append(parts, "("+strings.Join(anyOf, "\n  OR ")+")")
	}
	return and(parts...)
}

// egoPrefix binds ego to the list of nodes within Depth hops of the seed,
// walking only through relationships and nodes the options keep. The
// variable-length pattern lets Neo4j expand breadth-first with pruning
// (each node is visited once); its upper bound cannot be a parameter, so
// the validated integer depth is written into the query.
func (q *queryBuilder) egoPrefix() string {
	rel, y := q.fresh("r"), q.fresh("y")
	return fmt.Sprintf(`MATCH (seed) WHERE elementId(seed) = $seed
OPTIONAL MATCH p = (seed)-[rels*0..%d]-(x)
WHERE all(%[2]s IN rels WHERE %[3]s) AND all(%[4]s IN nodes(p) WHERE %[5]s)
WITH collect(DISTINCT x) AS ego
`, q.r.Depth, rel, q.relOwn(rel), y, q.nodeOwn(y, true))
}

// nodeQuery returns the exported nodes, one per row, as n.
func (r *resolved) nodeQuery() string {
	q := &queryBuilder{r: r}
	if r.seed != "" {
		return q.egoPrefix() + "UNWIND ego AS n\nWITH ego, n WHERE " + q.nodeKept("n", "ego") + "\nRETURN n"
	}
	return "MATCH (n) WHERE " + q.nodeKept("n", "") + "\nRETURN n"
}

// relQuery returns the exported relationships, one per row, as r with
// the ids and labels of its endpoints.
func (r *resolved) relQuery() string {
	q := &queryBuilder{r: r}
	const ret = "\nRETURN r, s.id AS startId, elementId(s) AS startElementId, labels(s) AS startLabels, e.id AS endId, elementId(e) AS endElementId, labels(e) AS endLabels"
	if r.seed != "" {
		return q.egoPrefix() + "UNWIND ego AS s\nMATCH (s)-[r]->(e)\nWHERE " + q.relKept("r", "s", "e", "ego") + ret
	}
	return "MATCH (s)-[r]->(e)\nWHERE " + q.relKept("r", "s", "e", "") + ret
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedSet(set map[string]struct{}) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
