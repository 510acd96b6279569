// Package cookbook holds the query cookbook: the questions analysts ask of
// the newsgraph graph, as parameterised Cypher recipes.
//
// The recipes live in queries.cypher, embedded here. That file is the only
// place a recipe is written: docs/queries.md and the Neo4j Browser
// favourites (docs/newsgraph-cookbook.zip) are generated from it by
// Markdown and FavoritesZip, and the package's tests run every recipe
// against a graph built from the sample articles and check its answer, so
// the documentation cannot drift from what the queries do.
package cookbook

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
)

//go:embed queries.cypher
var source string

// Recipe is one question and the Cypher that answers it.
type Recipe struct {
	// ID is the recipe's stable short name, e.g. "did-they-meet".
	ID string
	// Title is the question, e.g. "Did two actors meet?".
	Title string
	// Description says what the answer holds, in Markdown.
	Description string
	// Params are the query's parameters with example values, in the order
	// the file gives them.
	Params []Param
	// Query is the Cypher text, without a trailing semicolon.
	Query string
}

// Param is a query parameter with its example value.
type Param struct {
	Name string
	// Expr is the value as a Cypher literal, as written after `=>` in
	// Neo4j Browser's `:param name => value` command.
	Expr string
	// Value is Expr decoded: string, int64, float64, bool, nil or []any.
	Value any
}

// Browser is the Neo4j Browser (and cypher-shell) command that sets the
// parameter.
func (p Param) Browser() string { return ":param " + p.Name + " => " + p.Expr }

// ParamValues returns the example parameters as a driver parameter map.
func (r Recipe) ParamValues() map[string]any {
	m := make(map[string]any, len(r.Params))
	for _, p := range r.Params {
		m[p.Name] = p.Value
	}
	return m
}

// ParamsTitle is the name of the favourite that sets the recipe's
// example parameters.
func (r Recipe) ParamsTitle() string { return r.Title + " (parameters)" }

// BrowserScript is the recipe as a Neo4j Browser favourite: a title comment
// (the Browser names a favourite after its first line), the description
// and the parameters as comments, then the query. The query stands alone,
// so that the Browser draws its result; in a script with the `:param`
// commands it would run in multi-statement mode, which shows no results.
func (r Recipe) BrowserScript() string {
	var b strings.Builder
	fmt.Fprintf(&b, "// %s\n", r.Title)
	for _, line := range strings.Split(r.Description, "\n") {
		b.WriteString(strings.TrimRight("// "+line, " ") + "\n")
	}
	if len(r.Params) > 0 {
		fmt.Fprintf(&b, "//\n// Parameters: run the favourite %q first, or edit and run:\n", r.ParamsTitle())
		for _, p := range r.Params {
			b.WriteString("//   " + p.Browser() + "\n")
		}
	}
	b.WriteString(r.Query + "\n")
	return b.String()
}

// ParamsScript is the favourite that sets the recipe's example parameters:
// its `:param` commands, separated by semicolons so that the Browser's
// multi-statement editor (on by default) runs them one after the other.
// It is empty for a recipe without parameters.
func (r Recipe) ParamsScript() string {
	if len(r.Params) == 0 {
		return ""
	}
	cmds := make([]string, len(r.Params))
	for i, p := range r.Params {
		cmds[i] = p.Browser()
	}
	return "// " + r.ParamsTitle() + "\n" + strings.Join(cmds, ";\n") + "\n"
}

var (
	loadOnce sync.Once
	loaded   []Recipe
	loadErr  error
)

// All returns the recipes of the embedded cookbook in file order. The file
// is checked by the package's tests, so a malformed one is a build defect:
// All panics on it rather than return an error every caller must handle.
func All() []Recipe {
	loadOnce.Do(func() { loaded, loadErr = Parse(source) })
	if loadErr != nil {
		panic("cookbook: embedded queries.cypher: " + loadErr.Error())
	}
	out := make([]Recipe, len(loaded))
	for i, r := range loaded {
		r.Params = slices.Clone(r.Params) // callers may change their copy
		out[i] = r
	}
	return out
}

// Get returns the recipe with the given ID.
func Get(id string) (Recipe, bool) {
	for _, r := range All() {
		if r.ID == id {
			return r, true
		}
	}
	return Recipe{}, false
}

var (
	headerLine = regexp.MustCompile(`^// == ([a-z0-9]+(?:-[a-z0-9]+)*): (\S.*)$`)
	paramLine  = regexp.MustCompile(`^// :param ([A-Za-z_][A-Za-z0-9_]*) => (\S.*)$`)
	paramUse   = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
)

// Parse reads a cookbook file (see queries.cypher for the format). Text
// before the first recipe is a preamble and ignored. Every recipe needs a
// title, a description and a query; every parameter the query uses must be
// declared with an example value and every declared one used.
func Parse(src string) ([]Recipe, error) {
	var (
		recipes []Recipe
		cur     *Recipe
		desc    []string
		query   []string
		inQuery bool
		line    int
	)
	finish := func() error {
		if cur == nil {
			return nil
		}
		cur.Description = strings.TrimSpace(strings.Join(desc, "\n"))
		cur.Query = strings.TrimSuffix(strings.TrimSpace(strings.Join(query, "\n")), ";")
		if err := validate(cur); err != nil {
			return fmt.Errorf("recipe %q: %w", cur.ID, err)
		}
		recipes = append(recipes, *cur)
		return nil
	}
	seen := map[string]int{}
	for i, text := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		line = i + 1
		if m := headerLine.FindStringSubmatch(text); m != nil {
			if err := finish(); err != nil {
				return nil, err
			}
			if prev, dup := seen[m[1]]; dup {
				return nil, fmt.Errorf("line %d: recipe %q is already defined on line %d", line, m[1], prev)
			}
			seen[m[1]] = line
			cur = &Recipe{ID: m[1], Title: strings.TrimSpace(m[2])}
			desc, query, inQuery = nil, nil, false
			continue
		}
		if strings.HasPrefix(text, "// ==") {
			return nil, fmt.Errorf("line %d: malformed recipe header %q (want `// == id: Title`, id in lower-case-with-dashes)", line, text)
		}
		if cur == nil {
			continue
		}
		if !inQuery && strings.HasPrefix(text, "//") {
			if strings.HasPrefix(text, "// :param") {
				m := paramLine.FindStringSubmatch(text)
				if m == nil {
					return nil, fmt.Errorf("line %d: malformed parameter %q (want `// :param name => value`)", line, text)
				}
				expr := strings.TrimSpace(m[2])
				v, err := ParseLiteral(expr)
				if err != nil {
					return nil, fmt.Errorf("line %d: parameter %s: %w", line, m[1], err)
				}
				for _, p := range cur.Params {
					if p.Name == m[1] {
						return nil, fmt.Errorf("line %d: parameter %s is declared twice in recipe %q", line, m[1], cur.ID)
					}
				}
				cur.Params = append(cur.Params, Param{Name: m[1], Expr: expr, Value: v})
				continue
			}
			desc = append(desc, strings.TrimPrefix(strings.TrimPrefix(text, "//"), " "))
			continue
		}
		if strings.TrimSpace(text) == "" && !inQuery {
			continue
		}
		inQuery = true
		query = append(query, text)
	}
	if err := finish(); err != nil {
		return nil, err
	}
	if len(recipes) == 0 {
		return nil, fmt.Errorf("no recipes (a recipe starts with `// == id: Title`)")
	}
	return recipes, nil
}

func validate(r *Recipe) error {
	if r.Description == "" {
		return fmt.Errorf("no description (comment lines after the header)")
	}
	if r.Query == "" {
		return fmt.Errorf("no query")
	}
	if strings.Contains(r.Query, ";") {
		return fmt.Errorf("more than one statement (a recipe is one query)")
	}
	used := map[string]bool{}
	for _, m := range paramUse.FindAllStringSubmatch(r.Query, -1) {
		used[m[1]] = true
	}
	declared := map[string]bool{}
	for _, p := range r.Params {
		declared[p.Name] = true
		if !used[p.Name] {
			return fmt.Errorf("parameter $%s is declared but the query does not use it", p.Name)
		}
	}
	var missing []string
	for name := range used {
		if !declared[name] {
			missing = append(missing, "$"+name)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("the query uses %s without a `// :param` example", strings.Join(missing, ", "))
	}
	return nil
}
