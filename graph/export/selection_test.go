package export_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph/export"
	"github.com/newsgraph/newsgraph/graph/graphtest"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// The relationships of the fixture, as recorder.relKeys spells them.
var (
	metOneHeld      = "MET " + kim + "->" + pompeo + " meeting:one-held"
	metOnePlanned   = "MET " + trump + "->" + kim + " meeting:one-planned"
	metTwoHeld      = []string{"MET " + trump + "->" + kim + " meeting:two-held", "MET " + trump + "->" + moon + " meeting:two-held", "MET " + kim + "->" + moon + " meeting:two-held"}
	metTwoCancelled = "MET " + trump + "->" + kim + " meeting:two-cancelled"
)

func mentions(article string, entities ...string) []string {
	var out []string
	for _, e := range entities {
		out = append(out, "MENTIONS "+article+"->"+e)
	}
	return out
}

func attended(meeting string, actors ...string) []string {
	var out []string
	for _, a := range actors {
		out = append(out, "ATTENDED "+a+"->"+meeting)
	}
	return out
}

func concat(parts ...any) []string {
	var out []string
	for _, p := range parts {
		switch x := p.(type) {
		case string:
			out = append(out, x)
		case []string:
			out = append(out, x...)
		}
	}
	return sorted(out...)
}

func TestSelections(t *testing.T) {
	store := writeFixture(t)
	articleOneRels := concat(
		mentions(articleOne, pompeo, kim, trump, trumpOrg, northKorea, pyongyang),
		"REPORTED_IN meeting:one-held->"+articleOne, "REPORTED_IN meeting:one-planned->"+articleOne, "REPORTED_IN statement:one->"+articleOne,
		attended("meeting:one-held", kim, pompeo), attended("meeting:one-planned", trump, kim),
		"HELD_AT meeting:one-held->"+pyongyang, metOneHeld, metOnePlanned,
		"SAID "+trump+"->statement:one", "VISITED "+pompeo+"->"+pyongyang, "PART_OF "+pyongyang+"->"+northKorea,
	)
	articleTwoRels := concat(
		mentions(articleTwo, trump, kim, moon, southKorea, panmunjom),
		"REPORTED_IN meeting:two-held->"+articleTwo, "REPORTED_IN meeting:two-cancelled->"+articleTwo, "REPORTED_IN statement:two->"+articleTwo,
		attended("meeting:two-held", trump, kim, moon), attended("meeting:two-cancelled", trump, kim),
		"HELD_AT meeting:two-held->"+panmunjom, metTwoHeld, metTwoCancelled,
		"SAID "+kim+"->statement:two", "PART_OF "+panmunjom+"->"+southKorea,
	)
	articleOneNodes := sorted(articleOne, "meeting:one-held", "meeting:one-planned", "statement:one", pompeo, kim, trump, trumpOrg, northKorea, pyongyang)
	articleTwoNodes := sorted(articleTwo, "meeting:two-held", "meeting:two-cancelled", "statement:two", trump, kim, moon, southKorea, panmunjom)
	allNodes := slices.Compact(concat(articleOneNodes, articleTwoNodes))

	tests := []struct {
		name      string
		sel       export.Selection
		wantNodes []string
		wantRels  []string
	}{
		{
			name:      "whole graph",
			sel:       export.Selection{},
			wantNodes: allNodes,
			wantRels:  concat(articleOneRels, articleTwoRels),
		},
		{
			name:      "rel: only MET, between the actors it joins",
			sel:       export.Selection{RelTypes: []string{"MET"}},
			wantNodes: sorted(pompeo, kim, trump, moon),
			wantRels:  concat(metOneHeld, metOnePlanned, metTwoHeld, metTwoCancelled),
		},
		{
			name:      "rel and status: held meetings only",
			sel:       export.Selection{RelTypes: []string{"MET"}, Statuses: []string{"held"}},
			wantNodes: sorted(pompeo, kim, trump, moon),
			wantRels:  concat(metOneHeld, metTwoHeld),
		},
		{
			name: "status: other meetings and their relationships go, the rest stays",
			sel:  export.Selection{Statuses: []string{"held"}},
			wantNodes: slices.DeleteFunc(slices.Clone(allNodes), func(id string) bool {
				return id == "meeting:one-planned" || id == "meeting:two-cancelled"
			}),
			wantRels: slices.DeleteFunc(concat(articleOneRels, articleTwoRels), func(k string) bool {
				return slices.Contains([]string{metOnePlanned, metTwoCancelled,
					"REPORTED_IN meeting:one-planned->" + articleOne, "REPORTED_IN meeting:two-cancelled->" + articleTwo,
					"ATTENDED " + trump + "->meeting:one-planned", "ATTENDED " + kim + "->meeting:one-planned",
					"ATTENDED " + trump + "->meeting:two-cancelled", "ATTENDED " + kim + "->meeting:two-cancelled"}, k)
			}),
		},
		{
			name:      "dates: a year keeps its facts; an undated meeting goes by its article",
			sel:       export.Selection{From: day("2018-01-01"), To: day("2018-12-31")},
			wantNodes: articleOneNodes,
			wantRels:  articleOneRels,
		},
		{
			name: "dates: the article of a meeting in the range comes along; its mentions do not",
			sel:  export.Selection{From: day("2018-04-01"), To: day("2018-04-10")},
			// Article one (2018-04-18) is out of the range, but it reports
			// the meeting of 2018-04-01. North Korea is only mentioned
			// (2018-04-18), so Pyongyang's PART_OF goes too.
			wantNodes: sorted(articleOne, "meeting:one-held", pompeo, kim, pyongyang),
			wantRels: concat("REPORTED_IN meeting:one-held->"+articleOne, attended("meeting:one-held", kim, pompeo),
				"HELD_AT meeting:one-held->"+pyongyang, metOneHeld, "VISITED "+pompeo+"->"+pyongyang),
		},
		{
			name:      "dates: open-ended",
			sel:       export.Selection{From: day("2019-01-01")},
			wantNodes: articleTwoNodes,
			wantRels:  articleTwoRels,
		},
		{
			name:      "article by id: what it contributed",
			sel:       export.Selection{Articles: []string{articleTwo}},
			wantNodes: articleTwoNodes,
			wantRels:  articleTwoRels,
		},
		{
			name:      "article by source and by URL",
			sel:       export.Selection{Articles: []string{"fixture/two.txt", "https://example.org/one"}},
			wantNodes: allNodes,
			wantRels:  concat(articleOneRels, articleTwoRels),
		},
		{
			name:      "entity by alias, depth 1: the ego network",
			sel:       export.Selection{Entity: "Pompeo", Depth: 1},
			wantNodes: sorted(pompeo, articleOne, "meeting:one-held", kim, pyongyang),
			wantRels: concat(mentions(articleOne, pompeo, kim, pyongyang), attended("meeting:one-held", kim, pompeo),
				"REPORTED_IN meeting:one-held->"+articleOne, "HELD_AT meeting:one-held->"+pyongyang, metOneHeld,
				"VISITED "+pompeo+"->"+pyongyang),
		},
		{
			name:      "entity by name with a relationship type: the MET network",
			sel:       export.Selection{Entity: "mike pompeo", Depth: 2, RelTypes: []string{"MET"}},
			wantNodes: sorted(pompeo, kim, trump, moon),
			wantRels:  concat(metOneHeld, metOnePlanned, metTwoHeld, metTwoCancelled),
		},
		{
			name:      "entity by id, depth 0: the actor alone",
			sel:       export.Selection{Entity: kim},
			wantNodes: []string{kim},
		},
		{
			name:      "combined: held MET and ATTENDED in 2019",
			sel:       export.Selection{RelTypes: []string{"MET", "ATTENDED"}, Statuses: []string{"held"}, From: day("2019-01-01"), To: day("2019-12-31")},
			wantNodes: sorted("meeting:two-held", trump, kim, moon),
			wantRels:  concat(metTwoHeld, attended("meeting:two-held", trump, kim, moon)),
		},
		{
			name: "cypher: paths with a parameter",
			sel: export.Selection{Cypher: `MATCH p = (:Person {id: $id})-[:MET]-(:Person) RETURN p`,
				Params: map[string]any{"id": pompeo}},
			wantNodes: sorted(pompeo, kim),
			wantRels:  []string{metOneHeld},
		},
		{
			name:      "cypher: nodes only",
			sel:       export.Selection{Cypher: `MATCH (c:Country) RETURN c`},
			wantNodes: sorted(northKorea, southKorea),
		},
		{
			name:      "cypher: relationships bring their endpoints, and other options narrow them",
			sel:       export.Selection{Cypher: `MATCH ()-[r:MET]->() RETURN collect(r) AS rels`, Statuses: []string{"held"}},
			wantNodes: sorted(pompeo, kim, trump, moon),
			wantRels:  concat(metOneHeld, metTwoHeld),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, _ := exportTo(t, store, tc.sel)
			if d := diffLists(rec.nodeIDs(), tc.wantNodes); d != "" {
				t.Errorf("nodes:%s", d)
			}
			if d := diffLists(rec.relKeys(), tc.wantRels); d != "" {
				t.Errorf("relationships:%s", d)
			}
		})
	}
}

func TestWholeGraphMatchesTheDatabase(t *testing.T) {
	store := writeFixture(t)
	rec, sum := exportTo(t, store, export.Selection{})
	counts, err := store.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for label, n := range counts.Nodes {
		if sum.Labels[label] != n {
			t.Errorf("label %s: exported %d, the database has %d", label, sum.Labels[label], n)
		}
	}
	for typ, n := range counts.Relationships {
		if sum.Types[typ] != n {
			t.Errorf("type %s: exported %d, the database has %d", typ, sum.Types[typ], n)
		}
	}
	for _, n := range rec.nodes {
		if slices.Contains(n.Labels, "SchemaMigration") {
			t.Errorf("bookkeeping node exported: %v", n)
		}
	}
}

func TestEntityResolution(t *testing.T) {
	store := writeFixture(t)
	ctx := context.Background()
	_, err := export.ResolveEntity(ctx, store, "Trump")
	var amb *export.AmbiguousEntityError
	if !errors.As(err, &amb) {
		t.Fatalf("Trump is the name of an organisation and an alias of a person: want AmbiguousEntityError, got %v", err)
	}
	var ids []string
	for _, c := range amb.Candidates {
		ids = append(ids, c.ID)
	}
	if d := diffLists(sorted(ids...), sorted(trump, trumpOrg)); d != "" {
		t.Errorf("candidates:%s", d)
	}
	if _, err := export.Run(ctx, store, export.Selection{Entity: "Trump", Depth: 1}, &recorder{}, export.Options{}); !errors.As(err, &amb) {
		t.Errorf("an export of an ambiguous entity must stop: %v", err)
	}
	if c, err := export.ResolveEntity(ctx, store, trump); err != nil || c.ID != trump {
		t.Errorf("an id picks its actor even when it is ambiguous as a name: %v, %v", c, err)
	}
	if _, err := export.ResolveEntity(ctx, store, "Nobody Atall"); !errors.Is(err, export.ErrEntityNotFound) {
		t.Errorf("unknown entity: want ErrEntityNotFound, got %v", err)
	}
	if _, err := export.Run(ctx, store, export.Selection{Articles: []string{"article:none"}}, &recorder{}, export.Options{}); !errors.Is(err, export.ErrArticleNotFound) {
		t.Errorf("unknown article: want ErrArticleNotFound, got %v", err)
	}
}

func TestCypherSelectionMustNotWrite(t *testing.T) {
	store := writeFixture(t)
	ctx := context.Background()
	before, err := store.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE (n:Evil {id: 'evil'}) RETURN n`,
		`MATCH (p:Person) SET p.hacked = true RETURN p`,
		`MATCH (n) DETACH DELETE n`,
	} {
		rec := &recorder{}
		_, err := export.Run(ctx, store, export.Selection{Cypher: q}, rec, export.Options{})
		if !errors.Is(err, export.ErrWriteQuery) {
			t.Errorf("%s: want ErrWriteQuery, got %v", q, err)
		}
		if len(rec.nodes) > 0 || rec.closed {
			t.Errorf("%s: a refused export must write nothing", q)
		}
	}
	after, _ := store.Counts(ctx)
	if d := diffCounts(before.Nodes, after.Nodes) + diffCounts(before.Relationships, after.Relationships); d != "" {
		t.Errorf("the graph changed:%s", d)
	}
	if n := graphtest.Count(t, store, `MATCH (p:Person) WHERE p.hacked IS NOT NULL RETURN count(p)`, nil); n != 0 {
		t.Errorf("%d persons were modified", n)
	}
	_, err = export.Run(ctx, store, export.Selection{Cypher: `MATCH (p:Person) RETURN p.name`}, &recorder{}, export.Options{})
	if !errors.Is(err, export.ErrNotGraph) {
		t.Errorf("a query returning strings: want ErrNotGraph, got %v", err)
	}
}

func diffCounts(a, b map[string]int64) string {
	var out string
	for k, v := range a {
		if b[k] != v {
			out += "\n  " + k
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out += "\n  " + k
		}
	}
	return out
}

func TestUnknownRelationshipTypeWarns(t *testing.T) {
	store := writeFixture(t)
	_, sum := exportTo(t, store, export.Selection{RelTypes: []string{"met"}})
	if len(sum.Warnings) == 0 || !slices.ContainsFunc(sum.Warnings, func(w string) bool { return containsAll(w, `"met"`, "MET") }) {
		t.Errorf("want a warning naming the unknown type and the known ones, got %q", sum.Warnings)
	}
	if sum.Nodes != 0 {
		t.Errorf("no relationship has type met, yet %d nodes were exported", sum.Nodes)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// An interrupted export (Ctrl-C) must fail, never pass for a complete one.
func TestCancelledExportFails(t *testing.T) {
	store := writeFixture(t)
	for _, after := range []int64{1, 20} {
		ctx, cancel := context.WithCancel(context.Background())
		rec := &recorder{}
		_, err := export.Run(ctx, store, export.Selection{}, rec, export.Options{Progress: func(nodes, rels int64) {
			if nodes+rels == after {
				cancel()
			}
		}})
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled after %d elements: want context.Canceled, got %v (%d nodes, %d relationships written)", after, err, len(rec.nodes), len(rec.rels))
		}
		if rec.closed {
			t.Errorf("cancelled after %d elements: the writer must not be closed as if complete", after)
		}
	}
}

// The total announced before the export is what the export then writes,
// whatever the selection.
func TestTotalIsWhatIsExported(t *testing.T) {
	store := writeFixture(t)
	for _, sel := range []export.Selection{
		{},
		{RelTypes: []string{"MET"}, Statuses: []string{"held"}},
		{From: day("2018-04-01"), To: day("2018-04-10")},
		{Articles: []string{articleTwo}},
		{Entity: "mike pompeo", Depth: 2, RelTypes: []string{"MET"}},
		{Cypher: `MATCH p = (:Person {id: $id})-[:MET]-(:Person) RETURN p`, Params: map[string]any{"id": pompeo}},
	} {
		var totalNodes, totalRels int64 = -1, -1
		sum, err := export.Run(context.Background(), store, sel, &recorder{}, export.Options{Total: func(nodes, rels int64) {
			totalNodes, totalRels = nodes, rels
		}})
		if err != nil {
			t.Fatalf("%+v: %v", sel, err)
		}
		if totalNodes != sum.Nodes || totalRels != sum.Relationships || sum.Nodes == 0 {
			t.Errorf("%+v: announced %d nodes and %d relationships, exported %d and %d", sel, totalNodes, totalRels, sum.Nodes, sum.Relationships)
		}
	}
}
