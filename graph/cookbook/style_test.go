package cookbook_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const styleFile = "schema/browser-style.grass"

// parseGrass reads a GraSS file the way Neo4j Browser 5 does (parseGrass in
// its bundle): selectors outside braces with whitespace dropped, quotes
// removed, declarations split at ";" and then ":", and a declaration that
// does not split into exactly two parts silently ignored. Reading it the
// same way lets the tests catch what the Browser would drop without a word.
func parseGrass(text string) (map[string]map[string]string, []string, error) {
	rules := map[string]map[string]string{}
	var order []string
	var selector, body strings.Builder
	inBlock, inQuote := false, false
	for _, r := range text {
		switch {
		case r == '"' || r == '\'':
			inQuote = !inQuote
		case r == '{' && !inQuote:
			if inBlock {
				return nil, nil, fmt.Errorf("nested block in %q", selector.String())
			}
			inBlock = true
		case r == '}' && !inQuote:
			if !inBlock {
				return nil, nil, fmt.Errorf("unbalanced }")
			}
			sel := selector.String()
			if _, dup := rules[sel]; dup {
				return nil, nil, fmt.Errorf("selector %s twice", sel)
			}
			props := map[string]string{}
			for _, decl := range strings.Split(body.String(), ";") {
				if strings.TrimSpace(decl) == "" {
					continue
				}
				kv := strings.Split(decl, ":")
				if len(kv) != 2 {
					return nil, nil, fmt.Errorf("%s: declaration %q would be ignored by the Browser (want exactly one colon)", sel, strings.TrimSpace(decl))
				}
				props[strings.TrimSpace(kv[0])] = strings.TrimSpace(kv[1])
			}
			rules[sel] = props
			order = append(order, sel)
			selector.Reset()
			body.Reset()
			inBlock = false
		case inBlock:
			body.WriteRune(r)
		case !strings.ContainsRune(" \t\r\n", r):
			selector.WriteRune(r)
		}
	}
	if inBlock || inQuote || strings.TrimSpace(selector.String()) != "" {
		return nil, nil, fmt.Errorf("unterminated rule or trailing text %q", selector.String())
	}
	return rules, order, nil
}

func loadStyle(t *testing.T) (map[string]map[string]string, []string) {
	t.Helper()
	rules, order, err := parseGrass(string(readRepoFile(t, styleFile)))
	if err != nil {
		t.Fatalf("%s: %v", styleFile, err)
	}
	return rules, order
}

var (
	styleSelector = regexp.MustCompile(`^(node|relationship)(\.[A-Za-z_][A-Za-z0-9_]*)?$`)
	hexColour     = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	captionProp   = regexp.MustCompile(`\{([^{}]*)\}`)
)

// The labels and relationship types of the graph model that analysts see.
var (
	styledLabels = []string{"Person", "Organization", "Country", "Location", "Meeting", "Statement", "Article"}
	styledTypes  = []string{"MET", "ATTENDED", "HELD_AT", "VISITED", "PART_OF", "SAID", "ADDRESSED_TO", "REPORTED_IN", "MENTIONS"}
)

func TestStyleFile(t *testing.T) {
	text := string(readRepoFile(t, styleFile))
	if strings.Contains(text, "/*") || strings.Contains(text, "//") {
		t.Errorf("%s has a comment; the Browser's GraSS reader would take it for part of a selector", styleFile)
	}
	rules, order := loadStyle(t)
	for _, sel := range order {
		if !styleSelector.MatchString(sel) {
			t.Errorf("selector %q is not node, relationship, node.Label or relationship.TYPE", sel)
		}
		for k, v := range rules[sel] {
			if strings.Contains(k, "color") && !hexColour.MatchString(v) {
				t.Errorf("%s: %s %q is not a #RRGGBB colour", sel, k, v)
			}
		}
	}
	colours := map[string]string{}
	for _, label := range styledLabels {
		r, ok := rules["node."+label]
		if !ok {
			t.Errorf("no rule for node.%s", label)
			continue
		}
		if r["color"] == "" || r["caption"] == "" {
			t.Errorf("node.%s needs a colour and a caption: %v", label, r)
		}
		if other, dup := colours[strings.ToUpper(r["color"])]; dup {
			t.Errorf("node.%s and node.%s share the colour %s", label, other, r["color"])
		}
		colours[strings.ToUpper(r["color"])] = label
	}
	for _, typ := range styledTypes {
		if rules["relationship."+typ]["caption"] == "" {
			t.Errorf("no caption for relationship.%s", typ)
		}
	}
	if c := rules["relationship.MET"]["caption"]; !strings.Contains(c, "{status}") || !strings.Contains(c, "{date}") {
		t.Errorf("MET caption %q should show the status and the date", c)
	}
	if rules["node.Statement"]["caption"] != "{text}" || rules["node.Actor"]["caption"] != "{name}" {
		t.Errorf("statements show their text and actors their name: %v, %v", rules["node.Statement"], rules["node.Actor"])
	}
	// Later rules win in the Browser: a country (:Country:Actor:Location)
	// must take the Country colour, so Country comes after the other two.
	ci := slices.Index(order, "node.Country")
	if ci < slices.Index(order, "node.Actor") || ci < slices.Index(order, "node.Location") {
		t.Errorf("node.Country must come after node.Actor and node.Location: %v", order)
	}
}

// Every property a caption shows exists in the graph built from the sample
// articles, for each styled label and type the graph has.
func TestStyleCaptionsExistInTheGraph(t *testing.T) {
	store := sampleGraph(t)
	rules, order := loadStyle(t)
	for _, sel := range order {
		kind, name, ok := strings.Cut(sel, ".")
		if !ok {
			continue
		}
		for _, m := range captionProp.FindAllStringSubmatch(rules[sel]["caption"], -1) {
			prop := m[1]
			var present, total int64
			ctx := context.Background()
			if kind == "node" {
				rows, err := store.Query(ctx, `MATCH (n) WHERE $label IN labels(n)
					RETURN count(n) AS total, count(n[$prop]) AS present`, map[string]any{"label": name, "prop": prop})
				if err != nil {
					t.Fatal(err)
				}
				total, present = rows[0]["total"].(int64), rows[0]["present"].(int64)
			} else {
				rows, err := store.Query(ctx, `MATCH ()-[r]->() WHERE type(r) = $type
					RETURN count(r) AS total, count(r[$prop]) AS present`, map[string]any{"type": name, "prop": prop})
				if err != nil {
					t.Fatal(err)
				}
				total, present = rows[0]["total"].(int64), rows[0]["present"].(int64)
			}
			// A caption of an optional property (a meeting's date) may be
			// missing on some; on none at all means a wrong name.
			if total > 0 && present == 0 && prop != "date" {
				t.Errorf("%s caption shows {%s}, which none of its %d elements has", sel, prop, total)
			}
		}
	}
}
