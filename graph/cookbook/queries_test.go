package cookbook_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/cookbook"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest"
)

// The checks assert what the extractor reliably finds in the sample
// articles (Mike Pompeo and Kim Jong Un met; the reference article quotes
// Pompeo; countries have coordinates) and the properties every answer must
// have (order, valid values, evidence that points into the article), not a
// full expected result: extraction keeps improving, and each improvement
// should not need a test change here.
var recipeChecks = map[string]func(t *testing.T, c *checkEnv, rows []map[string]any){
	"did-they-meet": func(t *testing.T, c *checkEnv, rows []map[string]any) {
		c.atLeast(t, rows, 1)
		for _, row := range rows {
			p := row["p"].(dbtype.Path)
			if len(p.Nodes) != 2 || len(p.Relationships) != 1 || p.Relationships[0].Type != "MET" {
				t.Errorf("want one MET edge between two actors, got %d nodes, %d relationships", len(p.Nodes), len(p.Relationships))
				continue
			}
			names := []string{nodeName(p.Nodes[0]), nodeName(p.Nodes[1])}
			slices.Sort(names)
			if !slices.Equal(names, []string{"Kim Jong Un", "Mike Pompeo"}) {
				t.Errorf("MET edge between %v, want Mike Pompeo and Kim Jong Un", names)
			}
			c.validStatus(t, p.Relationships[0].Props["status"])
		}
	},
	"who-met-whom": func(t *testing.T, c *checkEnv, rows []map[string]any) {
		c.atLeast(t, rows, 1)
		metKim := false
		var keys []time.Time
		for _, row := range rows {
			if row["actor"] != "Mike Pompeo" {
				t.Errorf("row for actor %v, want only Mike Pompeo's meetings", row["actor"])
			}
			metKim = metKim || slices.Contains(strs(row["metWith"]), "Kim Jong Un")
			c.validStatus(t, row["status"])
			if id, _ := row["meetingId"].(string); !strings.HasPrefix(id, "meeting:") {
				t.Errorf("row without a meeting id: %v", row)
			}
			keys = append(keys, orDate(row["date"], row["reported"]))
		}
		if !metKim {
			t.Errorf("Mike Pompeo's meetings do not include Kim Jong Un: %v", rows)
		}
		descendingNullsLast(t, "meeting date", keys)
	},
	"meeting-network": func(t *testing.T, c *checkEnv, rows []map[string]any) {
		c.atLeast(t, rows, 2)
		neighbours := map[string]bool{}
		for _, row := range rows {
			p := row["p"].(dbtype.Path)
			if len(p.Relationships) != 1 || p.Relationships[0].Type != "MET" || nodeName(p.Nodes[0]) != "Kim Jong Un" {
				t.Errorf("want a MET edge from Kim Jong Un, got %v", p)
				continue
			}
			neighbours[nodeName(p.Nodes[1])] = true
		}
		if !neighbours["Mike Pompeo"] || !neighbours["Donald Trump"] {
			t.Errorf("Kim Jong Un's network %v lacks Mike Pompeo or Donald Trump", neighbours)
		}
	},
	"meetings-by-status": func(t *testing.T, c *checkEnv, rows []map[string]any) {
		asked := c.recipe.ParamValues()["statuses"].([]any)
		if len(rows) != len(asked) {
			t.Fatalf("got %d rows for %d statuses: %v", len(rows), len(asked), rows)
		}
		var counts []int64
		for _, row := range rows {
			status, _ := row["status"].(string)
			n := row["meetings"].(int64)
			counts = append(counts, n)
			// Counted independently of the recipe.
			if want := graphtest.Count(t, c.store, `MATCH (m:Meeting {status: $s}) RETURN count(m)`, map[string]any{"s": status}); n != want {
				t.Errorf("status %s: %d meetings, the graph has %d", status, n, want)
			}
			examples := row["examples"].([]any)
			if len(examples) != int(min(n, 5)) {
				t.Errorf("status %s: %d examples for %d meetings", status, len(examples), n)
			}
			for _, e := range examples {
				if len(strs(e)) < 1 { // one named side is possible: "Trump held talks"
					t.Errorf("status %s: a meeting with participants %v", status, e)
				}
			}
			if status == ingest.StatusHeld && n < 1 {
				t.Errorf("no held meeting; the sample articles report several")
			}
		}
		if !slices.IsSortedFunc(counts, func(a, b int64) int { return int(b - a) }) {
			t.Errorf("statuses not by count, most first: %v", counts)
		}
	},
	"said-by": func(t *testing.T, c *checkEnv, rows []map[string]any) {
		c.atLeast(t, rows, 1)
		var dates []time.Time
		for _, row := range rows {
			said, _ := row["said"].(string)
			if !c.inSomeArticle(said) {
				t.Errorf("quote %q appears in no sample article", said)
			}
			dates = append(dates, asTime(row["published"]))
		}
		descendingNullsLast(t, "article date", dates)
	},
	"mentioned-with": func(t *testing.T, c *checkEnv, rows []map[string]any) {
		c.atLeast(t, rows, 1)
		var names []string
		var counts []int64
		for _, row := range rows {
			name, _ := row["mentionedWith"].(string)
			names = append(names, name)
			counts = append(counts, row["articles"].(int64))
			if !slices.Contains([]string{"Person", "Organization", "Country"}, row["type"].(string)) {
				t.Errorf("%s has type %v", name, row["type"])
			}
			if n := row["articles"].(int64); n < 1 || len(row["inArticles"].([]any)) != int(min(n, 3)) {
				t.Errorf("%s: %d articles, titles %v", name, n, row["inArticles"])
			}
		}
		if !slices.Contains(names, "Kim Jong Un") || slices.Contains(names, "Mike Pompeo") {
			t.Errorf("Mike Pompeo is mentioned with %v: want Kim Jong Un, and not himself", names)
		}
		if !slices.IsSortedFunc(counts, func(a, b int64) int { return int(b - a) }) {
			t.Errorf("not by shared articles, most first: %v", counts)
		}
	},
	"shortest-path": func(t *testing.T, c *checkEnv, rows []map[string]any) {
		if len(rows) != 1 {
			t.Fatalf("want one path from Mike Pompeo to Donald Trump, got %d rows", len(rows))
		}
		p := rows[0]["p"].(dbtype.Path)
		if from, to := nodeName(p.Nodes[0]), nodeName(p.Nodes[len(p.Nodes)-1]); from != "Mike Pompeo" || to != "Donald Trump" {
			t.Errorf("path from %s to %s", from, to)
		}
		if len(p.Relationships) < 1 || len(p.Relationships) > 6 {
			t.Errorf("path of %d meetings, want 1 to 6", len(p.Relationships))
		}
		for _, r := range p.Relationships {
			if r.Type != "MET" {
				t.Errorf("path goes over %s, want only MET", r.Type)
			}
		}
		// The shortest: no MET chain with fewer hops exists.
		n := graphtest.Count(t, c.store, `MATCH (a:Actor {name: 'Mike Pompeo'}), (b:Actor {name: 'Donald Trump'})
			MATCH p = allShortestPaths((a)-[:MET*..6]-(b)) RETURN min(length(p))`, nil)
		if int64(len(p.Relationships)) != n {
			t.Errorf("path of %d meetings, the shortest has %d", len(p.Relationships), n)
		}
	},
	"timeline": func(t *testing.T, c *checkEnv, rows []map[string]any) {
		c.atLeast(t, rows, 2)
		var dates []time.Time
		kinds := map[string]bool{}
		for _, row := range rows {
			event, _ := row["event"].(string)
			kinds[strings.Fields(event)[0]] = true
			if from := row["dateFrom"]; from != "text" && from != "article" {
				t.Errorf("dateFrom %v", from)
			}
			if row["detail"] == nil || row["article"] == nil {
				t.Errorf("event without detail or article: %v", row)
			}
			dates = append(dates, asTime(row["date"]))
		}
		if !kinds["meeting"] || !kinds["statement"] {
			t.Errorf("Mike Pompeo's timeline has %v, want meetings and statements", kinds)
		}
		for i := 1; i < len(dates); i++ {
			a, b := dates[i-1], dates[i]
			if (a.IsZero() && !b.IsZero()) || (!a.IsZero() && !b.IsZero() && b.Before(a)) {
				t.Errorf("timeline not in date order (undated last): %v", dates)
				break
			}
		}
	},
	"provenance": func(t *testing.T, c *checkEnv, rows []map[string]any) {
		c.atLeast(t, rows, 1)
		for _, row := range rows {
			c.validStatus(t, row["status"])
			evidence, _ := row["evidence"].(string)
			start, end := row["start"].(int64), row["end"].(int64)
			source, _ := row["source"].(string)
			text, err := os.ReadFile(source)
			if err != nil {
				t.Errorf("the provenance names source %q, which cannot be read: %v", source, err)
				continue
			}
			runes := []rune(string(text))
			if start < 0 || end <= start || end > int64(len(runes)) {
				t.Errorf("offsets %d..%d outside %s (%d code points)", start, end, source, len(runes))
				continue
			}
			if got := strings.Join(strings.Fields(string(runes[start:end])), " "); got != strings.Join(strings.Fields(evidence), " ") {
				t.Errorf("%s[%d:%d] is %q, the evidence says %q", source, start, end, got, evidence)
			}
			if row["article"] == nil {
				t.Errorf("evidence without its article's title: %v", row)
			}
		}
	},
	"places-on-map": func(t *testing.T, c *checkEnv, rows []map[string]any) {
		c.atLeast(t, rows, 1)
		var places []string
		for _, row := range rows {
			name, _ := row["place"].(string)
			places = append(places, name)
			lat, latOK := row["latitude"].(float64)
			lon, lonOK := row["longitude"].(float64)
			if !latOK || !lonOK || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
				t.Errorf("%s has no valid coordinates: %v, %v", name, row["latitude"], row["longitude"])
				continue
			}
			pt, ok := row["location"].(dbtype.Point2D)
			if !ok || pt.SpatialRefId != 4326 || pt.X != lon || pt.Y != lat {
				t.Errorf("%s: location %v does not match %v, %v", name, row["location"], lat, lon)
			}
		}
		if !slices.Contains(places, "North Korea") {
			t.Errorf("the places of Mike Pompeo's stories %v lack North Korea", places)
		}
	},
}

// TestRecipesAnswer runs every recipe of the cookbook, with the example
// parameters it documents, in a read transaction against the graph of the
// sample articles, and checks the answer.
func TestRecipesAnswer(t *testing.T) {
	store := sampleGraph(t)
	env := &checkEnv{store: store, articles: map[string]string{}}
	for _, p := range sampleArticles {
		env.articles[p] = string(readRepoFile(t, p))
	}
	for _, r := range cookbook.All() {
		t.Run(r.ID, func(t *testing.T) {
			check, ok := recipeChecks[r.ID]
			if !ok {
				t.Fatalf("recipe %s has no check in recipeChecks: every recipe's answer is tested", r.ID)
			}
			rows, err := store.Query(context.Background(), r.Query, r.ParamValues())
			if err != nil {
				t.Fatalf("%v\n%s", err, r.Query)
			}
			c := *env
			c.recipe = r
			check(t, &c, rows)
			if t.Failed() {
				t.Logf("rows: %v", rows)
			}
		})
	}
	for id := range recipeChecks {
		if _, ok := cookbook.Get(id); !ok {
			t.Errorf("recipeChecks has a check for %q, which is not a recipe", id)
		}
	}
}

type checkEnv struct {
	store    *graph.Store
	recipe   cookbook.Recipe
	articles map[string]string
}

func (c *checkEnv) atLeast(t *testing.T, rows []map[string]any, n int) {
	t.Helper()
	if len(rows) < n {
		t.Fatalf("got %d rows, want at least %d", len(rows), n)
	}
}

var statuses = []string{ingest.StatusHeld, ingest.StatusPlanned, ingest.StatusProposed, ingest.StatusCancelled, ingest.StatusRefused, ingest.StatusDenied}

func (c *checkEnv) validStatus(t *testing.T, v any) {
	t.Helper()
	if s, _ := v.(string); !slices.Contains(statuses, s) {
		t.Errorf("meeting status %v is none of %v", v, statuses)
	}
}

// inSomeArticle reports whether s occurs in a sample article, spacing aside.
func (c *checkEnv) inSomeArticle(s string) bool {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return false
	}
	for _, text := range c.articles {
		if strings.Contains(strings.Join(strings.Fields(text), " "), s) {
			return true
		}
	}
	return false
}

func nodeName(n dbtype.Node) string {
	s, _ := n.Props["name"].(string)
	return s
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// asTime turns a Neo4j date or datetime into a time; null is the zero time.
func asTime(v any) time.Time {
	switch x := v.(type) {
	case dbtype.Date:
		return x.Time()
	case time.Time:
		return x
	case dbtype.LocalDateTime:
		return x.Time()
	}
	return time.Time{}
}

func orDate(a, b any) time.Time {
	if t := asTime(a); !t.IsZero() {
		return t
	}
	return asTime(b)
}

// descendingNullsLast checks that the times are newest first, zero (null)
// ones last.
func descendingNullsLast(t *testing.T, what string, ts []time.Time) {
	t.Helper()
	for i := 1; i < len(ts); i++ {
		a, b := ts[i-1], ts[i]
		if (a.IsZero() && !b.IsZero()) || (!a.IsZero() && !b.IsZero() && b.After(a)) {
			t.Errorf("not by %s, newest first and undated last: %v", what, ts)
			return
		}
	}
}
