package cookbook_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/cookbook"
)

func TestEmbeddedCookbookParses(t *testing.T) {
	recipes := cookbook.All()
	if len(recipes) < 8 {
		t.Fatalf("the cookbook has %d recipes, want at least the 8 questions of the issue", len(recipes))
	}
	for _, r := range recipes {
		if len(r.Params) == 0 {
			t.Errorf("recipe %s has no parameters; every recipe has a parameterised form", r.ID)
		}
		if strings.HasSuffix(r.Query, ";") || strings.TrimSpace(r.Query) != r.Query {
			t.Errorf("recipe %s: query not trimmed: %q", r.ID, r.Query)
		}
		got, ok := cookbook.Get(r.ID)
		if !ok || got.Title != r.Title {
			t.Errorf("Get(%q) = %v, %v", r.ID, got.Title, ok)
		}
	}
	if _, ok := cookbook.Get("no-such-recipe"); ok {
		t.Error("Get of an unknown id should report false")
	}
}

func TestParse(t *testing.T) {
	const good = `// preamble, ignored
// == one: First question
// What it answers,
// on two lines.
// :param name => 'Mike Pompeo'
// :param limit => 5
MATCH (a:Actor {name: $name})
// a comment inside the query stays
RETURN a LIMIT $limit;

// == two: Second question
// Lists.
// :param statuses => ['held', "planned"]
UNWIND $statuses AS s RETURN s
`
	recipes, err := cookbook.Parse(good)
	if err != nil {
		t.Fatal(err)
	}
	want := []cookbook.Recipe{
		{
			ID: "one", Title: "First question", Description: "What it answers,\non two lines.",
			Params: []cookbook.Param{{Name: "name", Expr: "'Mike Pompeo'", Value: "Mike Pompeo"}, {Name: "limit", Expr: "5", Value: int64(5)}},
			Query:  "MATCH (a:Actor {name: $name})\n// a comment inside the query stays\nRETURN a LIMIT $limit",
		},
		{
			ID: "two", Title: "Second question", Description: "Lists.",
			Params: []cookbook.Param{{Name: "statuses", Expr: `['held', "planned"]`, Value: []any{"held", "planned"}}},
			Query:  "UNWIND $statuses AS s RETURN s",
		},
	}
	if !reflect.DeepEqual(recipes, want) {
		t.Errorf("Parse:\n got %#v\nwant %#v", recipes, want)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"empty", "// nothing here\n", "no recipes"},
		{"bad header", "// == Bad Id: title\n// d\nRETURN 1\n", "malformed recipe header"},
		{"duplicate", "// == a: A\n// d\nRETURN 1\n// == a: B\n// d\nRETURN 2\n", `recipe "a" is already defined on line 1`},
		{"no description", "// == a: A\nRETURN 1\n", "no description"},
		{"no query", "// == a: A\n// d\n", "no query"},
		{"two statements", "// == a: A\n// d\nRETURN 1; RETURN 2\n", "more than one statement"},
		{"undeclared parameter", "// == a: A\n// d\nRETURN $x, $y\n", "uses $x, $y without"},
		{"unused parameter", "// == a: A\n// d\n// :param x => 1\nRETURN 1\n", "$x is declared but"},
		{"twice declared", "// == a: A\n// d\n// :param x => 1\n// :param x => 2\nRETURN $x\n", "declared twice"},
		{"malformed parameter", "// == a: A\n// d\n// :param x = 1\nRETURN $x\n", "malformed parameter"},
		{"bad literal", "// == a: A\n// d\n// :param x => date('2018-01-01')\nRETURN $x\n", "not a literal"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := cookbook.Parse(c.src)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Parse error = %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestParseLiteral(t *testing.T) {
	cases := []struct {
		in   string
		want any
	}{
		{`'Mike Pompeo'`, "Mike Pompeo"},
		{`"Kim Jong Un"`, "Kim Jong Un"},
		{`'O\'Brien'`, "O'Brien"},
		{`'tab\there\\ \u00e9 \n'`, "tab\there\\ é \n"},
		{`42`, int64(42)},
		{`-7`, int64(-7)},
		{`2.5`, 2.5},
		{`1e3`, 1000.0},
		{`TRUE`, true},
		{`false`, false},
		{`null`, nil},
		{`[]`, []any{}},
		{` [ 'a' , 1, [true] ] `, []any{"a", int64(1), []any{true}}},
	}
	for _, c := range cases {
		got, err := cookbook.ParseLiteral(c.in)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseLiteral(%s) = %#v, %v; want %#v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{``, `+Inf`, `1.5.2`, `'open`, `[1, 2`, `[1 2]`, `0x10`, `1_000`, `foo`, `'a' 'b'`, `'\q'`, `{a: 1}`} {
		if v, err := cookbook.ParseLiteral(bad); err == nil {
			t.Errorf("ParseLiteral(%s) = %#v, want an error", bad, v)
		}
	}
}

// The literals the rest of newsgraph writes (graph.CypherLiteral) read back
// as the same values.
func TestParseLiteralReadsCypherLiteral(t *testing.T) {
	for _, v := range []any{"", "plain", "quote ' and \\ and \"", "line\nbreak\ttab\u0001", "Ünïcödé 金正恩", int64(-3), 0.25, true, nil,
		[]any{"a", int64(2), []any{false}}} {
		lit := graph.CypherLiteral(v)
		got, err := cookbook.ParseLiteral(lit)
		if err != nil || !reflect.DeepEqual(got, v) {
			t.Errorf("ParseLiteral(%s) = %#v, %v; want %#v", lit, got, err, v)
		}
	}
}

func TestBrowserScripts(t *testing.T) {
	r, ok := cookbook.Get("did-they-meet")
	if !ok {
		t.Fatal("no did-they-meet recipe")
	}
	script := r.BrowserScript()
	if first := strings.SplitN(script, "\n", 2)[0]; first != "// "+r.Title {
		t.Errorf("the Browser names a favourite after its first line; got %q", first)
	}
	if !strings.HasSuffix(script, r.Query+"\n") {
		t.Errorf("the favourite should end with the query:\n%s", script)
	}
	// The query runs on its own, so that the Browser draws its result:
	// every other line is a comment.
	for _, line := range strings.Split(strings.TrimSuffix(script, r.Query+"\n"), "\n") {
		if line != "" && !strings.HasPrefix(line, "//") {
			t.Errorf("favourite line %q is not a comment", line)
		}
	}
	params := r.ParamsScript()
	for _, p := range r.Params {
		if !strings.Contains(params, p.Browser()) || !strings.Contains(script, "//   "+p.Browser()+"\n") {
			t.Errorf("parameter %s missing from the favourites:\n%s\n%s", p.Name, params, script)
		}
	}
	if got := strings.Count(params, ";"); got != len(r.Params)-1 {
		t.Errorf("the parameter favourite separates its %d commands with %d semicolons:\n%s", len(r.Params), got, params)
	}
}

func TestReplaceSection(t *testing.T) {
	doc := "intro\n" + cookbook.BeginMarker + "\nold\n" + cookbook.EndMarker + "\noutro\n"
	got, err := cookbook.ReplaceSection(doc, "new\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := "intro\n" + cookbook.BeginMarker + "\n\nnew\n\n" + cookbook.EndMarker + "\noutro\n"; got != want {
		t.Errorf("ReplaceSection:\n%s\nwant\n%s", got, want)
	}
	if s, _ := cookbook.Section(got); s != "new" {
		t.Errorf("Section = %q", s)
	}
	if _, err := cookbook.ReplaceSection("no markers", "x"); err == nil {
		t.Error("ReplaceSection without markers should fail")
	}
}

// The generated files are what the embedded recipes give; -update rewrites
// them.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	recipes := cookbook.All()

	docPath := filepath.Join(repoRoot, "docs", "queries.md")
	doc := string(readRepoFile(t, "docs/queries.md"))
	want := cookbook.Markdown(recipes)
	if *update {
		updated, err := cookbook.ReplaceSection(doc, want)
		if err != nil {
			t.Fatalf("%s: %v", docPath, err)
		}
		if err := os.WriteFile(docPath, []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
		doc = updated
	}
	got, err := cookbook.Section(doc)
	if err != nil {
		t.Fatalf("%s: %v", docPath, err)
	}
	if got != strings.TrimSpace(want) {
		t.Errorf("%s is out of date with graph/cookbook/queries.cypher; run `go test ./graph/cookbook -run TestGenerated -update`", docPath)
	}

	zipPath := filepath.Join(repoRoot, "docs", "newsgraph-cookbook.zip")
	wantZip, err := cookbook.FavoritesZip(recipes)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(zipPath, wantZip, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gotZip := readRepoFile(t, "docs/newsgraph-cookbook.zip")
	if !bytes.Equal(gotZip, wantZip) {
		gotFiles, err := cookbook.ReadFavoritesZip(gotZip)
		wantFiles, _ := cookbook.ReadFavoritesZip(wantZip)
		if err != nil || !reflect.DeepEqual(gotFiles, wantFiles) {
			t.Errorf("%s is out of date with graph/cookbook/queries.cypher (%v); run `go test ./graph/cookbook -run TestGenerated -update`", zipPath, err)
		}
	}
	files, err := cookbook.ReadFavoritesZip(wantZip)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range recipes {
		query, params := cookbook.FavoriteFileNames(i, r)
		if files[query] != r.BrowserScript() || files[params] != r.ParamsScript() {
			t.Errorf("favourites zip lacks recipe %s (%s, %s)", r.ID, query, params)
		}
	}
}

// Every recipe is documented with its question, parameters and query, and
// the index links to it.
func TestMarkdownDocumentsEveryRecipe(t *testing.T) {
	md := cookbook.Markdown(cookbook.All())
	for _, r := range cookbook.All() {
		for _, want := range []string{"### " + r.Title + "\n", "](#" + r.ID + ")", `<a id="` + r.ID + `"></a>`, "```cypher\n" + r.Query + "\n```"} {
			if !strings.Contains(md, want) {
				t.Errorf("recipe %s: the Markdown lacks %q", r.ID, want)
			}
		}
		for _, p := range r.Params {
			if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(p.Browser()) + `$`).MatchString(md) {
				t.Errorf("recipe %s: the Markdown lacks the line %q", r.ID, p.Browser())
			}
		}
	}
}
