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

// How the selection becomes Cypher. The facts the options judge by their
// own properties (meetings, statements, articles) are computed once, up
// front, into lists; the per-node and per-relationship conditions then
// test list membership instead of nesting subqueries. Nested EXISTS
// subqueries made the planner's work grow exponentially: a selection with
// dates took over a minute to plan. Alternatives are written as CASE
// rather than OR, which also keeps the planner from expanding them.

// articleInRange is the condition that the article a was published in
// the range (by its local date).
func articleInRange(a string) string {
	return fmt.Sprintf("(%[1]s.published IS NOT NULL AND date(%[1]s.published) >= $from AND date(%[1]s.published) <= $to)", a)
}

func (q *queryBuilder) judgesFacts() bool {
	return len(q.r.Statuses) > 0 || len(q.r.Articles) > 0 || q.r.hasDates()
}

func (q *queryBuilder) judgesTexts() bool { return len(q.r.Articles) > 0 || q.r.hasDates() }

// precompute binds the lists the conditions use:
//
//	inRange, inRangeIds             articles published in the date range
//	keptMeetings, keptMeetingIds    meetings the options keep
//	keptStatements                  statements the options keep
//	keptArticles                    articles the options keep
func (q *queryBuilder) precompute() string {
	r := q.r
	var b strings.Builder
	if r.hasDates() {
		fmt.Fprintf(&b, "CALL { MATCH (a:Article) WHERE %s RETURN collect(a) AS inRange, collect(a.id) AS inRangeIds }\n", articleInRange("a"))
	}
	if !q.judgesFacts() {
		return b.String()
	}
	// Meetings: status, article, and their own dates or their articles'.
	var meeting []string
	if len(r.Statuses) > 0 {
		meeting = append(meeting, "m.status IN $statuses")
	}
	if len(r.Articles) > 0 {
		meeting = append(meeting, "EXISTS { MATCH (m)-[:REPORTED_IN]->(a:Article) WHERE a.id IN $articleIds }")
	}
	imports := ""
	if r.hasDates() {
		imports = "WITH inRange "
		meeting = append(meeting, "CASE WHEN m.date IS NOT NULL THEN (m.date <= $to AND coalesce(m.dateEnd, m.date) >= $from) ELSE EXISTS { MATCH (m)-[:REPORTED_IN]->(a:Article) WHERE a IN inRange } END")
	}
	fmt.Fprintf(&b, "CALL { %sMATCH (m:Meeting) WHERE %s RETURN collect(m) AS keptMeetings, collect(m.id) AS keptMeetingIds }\n", imports, and(meeting...))
	if !q.judgesTexts() {
		return b.String()
	}
	// Statements are dated by the articles that report them.
	var statement []string
	if len(r.Articles) > 0 {
		statement = append(statement, "EXISTS { MATCH (s)-[:REPORTED_IN]->(a:Article) WHERE a.id IN $articleIds }")
	}
	if r.hasDates() {
		statement = append(statement, "EXISTS { MATCH (s)-[:REPORTED_IN]->(a:Article) WHERE a IN inRange }")
	}
	fmt.Fprintf(&b, "CALL { %sMATCH (s:Statement) WHERE %s RETURN collect(s) AS keptStatements }\n", imports, and(statement...))
	// Articles; one out of the date range comes along with a meeting in
	// the range that it reports, so that the meeting keeps its evidence.
	var article []string
	if len(r.Articles) > 0 {
		article = append(article, "a.id IN $articleIds")
	}
	if r.hasDates() {
		article = append(article, "CASE WHEN a IN inRange THEN true ELSE EXISTS { MATCH (m:Meeting)-[:REPORTED_IN]->(a) WHERE m IN keptMeetings } END")
		imports = "WITH inRange, keptMeetings "
	}
	fmt.Fprintf(&b, "CALL { %sMATCH (a:Article) WHERE %s RETURN collect(a) AS keptArticles }\n", imports, and(article...))
	return b.String()
}

// carried lists the variables precompute binds, to carry them through a
// WITH.
func (q *queryBuilder) carried() []string {
	var out []string
	if q.r.hasDates() {
		out = append(out, "inRange", "inRangeIds")
	}
	if q.judgesFacts() {
		out = append(out, "keptMeetings", "keptMeetingIds")
	}
	if q.judgesTexts() {
		out = append(out, "keptStatements", "keptArticles")
	}
	return out
}

// nodeOwn is the condition a node v meets on its own. Facts (articles,
// meetings, statements) are judged by the options; actors and locations
// pass, their fate depends on their relationships (see nodeKept).
func (q *queryBuilder) nodeOwn(v string) string {
	r := q.r
	l := q.fresh("l")
	parts := []string{fmt.Sprintf("NOT any(%[2]s IN labels(%[1]s) WHERE %[2]s IN $internal)", v, l)}
	if r.Cypher != "" {
		parts = append(parts, fmt.Sprintf("elementId(%s) IN $baseNodes", v))
	}
	switch {
	case q.judgesTexts():
		parts = append(parts, fmt.Sprintf("CASE WHEN %[1]s:Meeting THEN %[1]s IN keptMeetings WHEN %[1]s:Statement THEN %[1]s IN keptStatements WHEN %[1]s:Article THEN %[1]s IN keptArticles ELSE true END", v))
	case q.judgesFacts():
		parts = append(parts, fmt.Sprintf("CASE WHEN %[1]s:Meeting THEN %[1]s IN keptMeetings ELSE true END", v))
	}
	return "(" + and(parts...) + ")"
}

// relOwn is the condition a relationship rel meets on its own. A MET
// follows its meeting; a VISITED has its own status, article and date;
// a MENTIONS is dated by its article.
func (q *queryBuilder) relOwn(rel string) string {
	r := q.r
	var parts []string
	if r.Cypher != "" {
		parts = append(parts, fmt.Sprintf("elementId(%s) IN $baseRels", rel))
	}
	if len(r.RelTypes) > 0 {
		parts = append(parts, fmt.Sprintf("type(%s) IN $types", rel))
	}
	if q.judgesFacts() {
		var visited []string
		if len(r.Statuses) > 0 {
			visited = append(visited, rel+".status IN $statuses")
		}
		if len(r.Articles) > 0 {
			visited = append(visited, rel+".articleId IN $articleIds")
		}
		mentions := "true"
		if r.hasDates() {
			visited = append(visited, fmt.Sprintf("CASE WHEN %[1]s.date IS NOT NULL THEN (%[1]s.date >= $from AND %[1]s.date <= $to) ELSE %[1]s.articleId IN inRangeIds END", rel))
			mentions = fmt.Sprintf("startNode(%s) IN inRange", rel)
		}
		parts = append(parts, fmt.Sprintf("CASE type(%[1]s) WHEN 'MET' THEN %[1]s.meetingId IN keptMeetingIds WHEN 'VISITED' THEN %[2]s WHEN 'MENTIONS' THEN %[3]s ELSE true END",
			rel, and(visited...), mentions))
	}
	return "(" + and(parts...) + ")"
}

// relKept is the condition that the relationship rel between the nodes x
// and y (in either direction) is exported. ego is the name of the list of
// ego-network nodes, or "".
func (q *queryBuilder) relKept(rel, x, y, ego string) string {
	parts := []string{q.relOwn(rel), q.nodeOwn(x), q.nodeOwn(y)}
	if ego != "" {
		parts = append(parts, fmt.Sprintf("%s IN %s", x, ego), fmt.Sprintf("%s IN %s", y, ego))
	}
	if q.r.filtered() {
		// PART_OF is context: it comes along between locations that
		// something else in the selection involves.
		parts = append(parts, fmt.Sprintf("CASE WHEN type(%s) = 'PART_OF' THEN (%s AND %s) ELSE true END", rel, q.justified(x, ego), q.justified(y, ego)))
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
		x, j, o, q.relOwn(j), q.nodeOwn(o), inEgo)
}

// nodeKept is the condition that node n is exported: with any option, a
// node is exported when an exported relationship touches it, or when it
// is the entity or a node the query returned.
func (q *queryBuilder) nodeKept(n, ego string) string {
	parts := []string{q.nodeOwn(n)}
	if q.r.filtered() {
		rel, o := q.fresh("r"), q.fresh("o")
		touched := fmt.Sprintf("EXISTS { MATCH (%[1]s)-[%[2]s]-(%[3]s) WHERE %[4]s }", n, rel, o, q.relKept(rel, n, o, ego))
		switch {
		case q.r.seed != "" && q.r.Cypher != "":
			touched = fmt.Sprintf("CASE WHEN elementId(%[1]s) = $seed OR elementId(%[1]s) IN $explicitNodes THEN true ELSE %[2]s END", n, touched)
		case q.r.seed != "":
			touched = fmt.Sprintf("CASE WHEN elementId(%s) = $seed THEN true ELSE %s END", n, touched)
		case q.r.Cypher != "":
			touched = fmt.Sprintf("CASE WHEN elementId(%s) IN $explicitNodes THEN true ELSE %s END", n, touched)
		}
		parts = append(parts, touched)
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
	carry := strings.Join(append(q.carried(), ""), ", ")
	return fmt.Sprintf(`MATCH (seed) WHERE elementId(seed) = $seed
OPTIONAL MATCH p = (seed)-[rels*0..%[1]d]-(x)
WHERE all(%[2]s IN rels WHERE %[3]s) AND all(%[4]s IN nodes(p) WHERE %[5]s)
WITH %[6]scollect(DISTINCT x) AS ego
`, q.r.Depth, rel, q.relOwn(rel), y, q.nodeOwn(y), carry)
}

// nodeQuery returns the exported nodes, one per row, as n.
func (r *resolved) nodeQuery() string { return r.nodeMatch() + "\nRETURN n" }

// nodeCountQuery counts what nodeQuery returns.
func (r *resolved) nodeCountQuery() string { return r.nodeMatch() + "\nRETURN count(*) AS n" }

func (r *resolved) nodeMatch() string {
	q := &queryBuilder{r: r}
	if r.seed != "" {
		return q.precompute() + q.egoPrefix() + "UNWIND ego AS n\nWITH * WHERE " + q.nodeKept("n", "ego")
	}
	return q.precompute() + "MATCH (n) WHERE " + q.nodeKept("n", "")
}

// relQuery returns the exported relationships, one per row, as r with
// the ids and labels of its endpoints.
func (r *resolved) relQuery() string {
	return r.relMatch() + "\nRETURN r, s.id AS startId, elementId(s) AS startElementId, labels(s) AS startLabels, e.id AS endId, elementId(e) AS endElementId, labels(e) AS endLabels"
}

// relCountQuery counts what relQuery returns.
func (r *resolved) relCountQuery() string { return r.relMatch() + "\nRETURN count(*) AS n" }

func (r *resolved) relMatch() string {
	q := &queryBuilder{r: r}
	if r.seed != "" {
		return q.precompute() + q.egoPrefix() + "UNWIND ego AS s\nMATCH (s)-[r]->(e)\nWHERE " + q.relKept("r", "s", "e", "ego")
	}
	return q.precompute() + "MATCH (s)-[r]->(e)\nWHERE " + q.relKept("r", "s", "e", "")
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
