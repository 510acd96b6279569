package export_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/graph/export"
	"github.com/newsgraph/newsgraph/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// sampleGraph has the values that are hard to get through a format: quotes,
// markup and newlines in strings, lists, an empty list and an empty
// string, dates and zoned datetimes, whole and huge floats, a property
// named like a reserved attribute, a node without an id property and
// without labels, parallel relationships.
func sampleGraph() ([]export.Node, []export.Relationship) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	offset := time.FixedZone("Offset", 9*3600)
	nodes := []export.Node{
		{ID: "person:o-brien", Labels: []string{"Actor", "Person"}, Props: map[string]any{
			"id": "person:o-brien", "name": "Bob O'Brien \"the <Boss> & co\"\nsecond line",
			"aliases": []any{"Bob", `Back\slash`}, "titles": []any{}, "countryCode": "",
			"rank": int64(3), "score": float64(2), "mass": 1e21, "active": true,
			"born":  dbtype.Date(time.Date(1970, 1, 2, 0, 0, 0, 0, time.UTC)),
			"seen":  time.Date(2018, 4, 18, 7, 49, 0, 0, london),
			"label": "a property that clashes with the caption",
		}},
		{ID: "country:KP", Labels: []string{"Actor", "Country", "Location"}, Props: map[string]any{
			"id": "country:KP", "name": "North Korea", "latitude": 40.07764, "longitude": 127.13385, "aliases": []any{"North Korean"},
		}},
		{ID: "meeting:m1", Labels: []string{"Meeting"}, Props: map[string]any{
			"id": "meeting:m1", "status": "held", "kind": "talks", "participants": []any{"Bob O'Brien", "North Korea"},
			"date": dbtype.Date(time.Date(2018, 4, 1, 0, 0, 0, 0, time.UTC)),
			"at":   time.Date(2018, 4, 1, 10, 30, 0, 0, offset),
		}},
		{ID: "element:4:abc:7", Labels: nil, Props: map[string]any{"version": int64(1)}},
	}
	rels := []export.Relationship{
		{Key: "e0", Type: "ATTENDED", StartID: "person:o-brien", EndID: "meeting:m1",
			StartLabels: []string{"Actor", "Person"}, EndLabels: []string{"Meeting"}, Props: map[string]any{}},
		{Key: "e1", Type: "MET", StartID: "country:KP", EndID: "person:o-brien",
			StartLabels: []string{"Actor", "Country", "Location"}, EndLabels: []string{"Actor", "Person"},
			Props: map[string]any{"meetingId": "meeting:m1", "status": "held", "date": dbtype.Date(time.Date(2018, 4, 1, 0, 0, 0, 0, time.UTC))}},
		{Key: "e2", Type: "MET", StartID: "country:KP", EndID: "person:o-brien",
			StartLabels: []string{"Actor", "Country", "Location"}, EndLabels: []string{"Actor", "Person"},
			Props: map[string]any{"meetingId": "meeting:m2", "status": "planned"}},
		{Key: "e3", Type: "LIKES", StartID: "element:4:abc:7", EndID: "country:KP",
			EndLabels: []string{"Actor", "Country", "Location"}, Props: map[string]any{"since": int64(2020), "key": "a clash", "weight": 0.5}},
	}
	return nodes, rels
}

func writeSample(t *testing.T, w export.Writer) {
	t.Helper()
	nodes, rels := sampleGraph()
	for _, n := range nodes {
		if err := w.WriteNode(n); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range rels {
		if err := w.WriteRelationship(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update after checking the change):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestGraphMLWriter(t *testing.T) {
	var buf bytes.Buffer
	w, err := export.NewGraphML(&buf, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	writeSample(t, w)
	golden(t, "sample.graphml", buf.Bytes())

	// Well-formed XML, with every data key declared before use with a type.
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	declared := map[string]string{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := func(name string) string {
			for _, a := range el.Attr {
				if a.Name.Local == name {
					return a.Value
				}
			}
			return ""
		}
		switch el.Name.Local {
		case "key":
			declared[attr("id")] = attr("attr.name") + ":" + attr("attr.type")
		case "data":
			if declared[attr("key")] == "" {
				t.Errorf("data uses undeclared key %q", attr("key"))
			}
		}
	}
	for _, want := range []string{"latitude:double", "rank:long", "score:double", "active:boolean", "labels:string", "label:string", "prop_label:string", "type:string"} {
		found := false
		for _, d := range declared {
			found = found || d == want
		}
		if !found {
			t.Errorf("no key %s among %v", want, declared)
		}
	}
}

func TestNodeLinkWriter(t *testing.T) {
	var buf bytes.Buffer
	writeSample(t, export.NewNodeLink(&buf))
	golden(t, "sample.json", buf.Bytes())

	var doc struct {
		Directed   bool             `json:"directed"`
		Multigraph bool             `json:"multigraph"`
		Graph      map[string]any   `json:"graph"`
		Nodes      []map[string]any `json:"nodes"`
		Links      []map[string]any `json:"links"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not valid JSON: %v", err)
	}
	if !doc.Directed || !doc.Multigraph || doc.Graph == nil || len(doc.Nodes) != 4 || len(doc.Links) != 4 {
		t.Errorf("want a directed multigraph with 4 nodes and 4 links, got %+v", doc)
	}
	for _, l := range doc.Links {
		for _, k := range []string{"source", "target", "key", "type"} {
			if _, ok := l[k].(string); !ok {
				t.Errorf("link %v has no string %q", l, k)
			}
		}
	}
	if !strings.Contains(buf.String(), `"score": 2.0`) {
		t.Error("a whole float must stay a float (2.0), or Python reads an int")
	}
}

func TestNodeLinkWriterEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := export.NewNodeLink(&buf).Close(); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("an empty export must still be valid JSON: %v\n%s", err, buf.String())
	}
	if _, ok := doc["links"]; !ok {
		t.Errorf("an empty export must have links: %s", buf.String())
	}
}

func TestCypherWriter(t *testing.T) {
	var buf bytes.Buffer
	// Fixed schema statements, so that the golden file does not change
	// with every migration.
	stmts := []string{"CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (n:Meeting) REQUIRE n.id IS UNIQUE;"}
	writeSample(t, export.NewCypher(&buf, stmts))
	golden(t, "sample.cypher", buf.Bytes())

	// Statements end with ";" at a line end, and nothing else does.
	split := schema.SplitStatements(buf.String())
	var data int
	for _, s := range split {
		if strings.HasPrefix(s, "UNWIND") {
			data++
			if !strings.Contains(s, "MERGE") {
				t.Errorf("a data statement that does not MERGE: %s", s)
			}
		}
	}
	if data == 0 || len(split) != data+len(stmts) {
		t.Errorf("%d statements: want %d schema statements and some data statements", len(split), len(stmts))
	}
	for _, want := range []string{
		`name: 'Bob O\'Brien "the <Boss> & co"\nsecond line'`,
		`born: date('1970-01-02')`,
		`seen: datetime('2018-04-18T07:49:00+01:00[Europe/London]')`,
		`mass: 1e21`,
		`score: 2.0`,
		`MERGE (n:Country {id: row.id})`,
		"MERGE (a)-[r:MET {meetingId: row.props.meetingId}]->(b)",
		"MERGE (a)-[r:LIKES {key: row.props.key, since: row.props.since, weight: row.props.weight}]->(b)",
		"MERGE (n {id: row.id})",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the script lacks %s", want)
		}
	}
}

func TestSchemaStatements(t *testing.T) {
	stmts, err := export.SchemaStatements()
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(stmts, "\n")
	if !strings.Contains(all, "FOR (n:Actor) REQUIRE n.id IS UNIQUE") || !strings.Contains(all, "FOR (n:Meeting) REQUIRE n.id IS UNIQUE") {
		t.Errorf("the schema statements lack newsgraph's id constraints:\n%s", all)
	}
	for _, label := range []string{"SchemaMigration", "IngestLock", "IngestPass", "IngestFailure"} {
		if strings.Contains(all, ":"+label+")") {
			t.Errorf("the statements of the bookkeeping label %s do not belong in an export", label)
		}
	}
}

func TestCSVWriter(t *testing.T) {
	dir := t.TempDir()
	w, err := export.NewCSV(dir, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	writeSample(t, w)
	files := w.Files()
	want := []string{"nodes_Actor_Person.csv", "nodes_Actor_Country_Location.csv", "nodes_Meeting.csv", "nodes.csv",
		"relationships_ATTENDED.csv", "relationships_MET.csv", "relationships_LIKES.csv"}
	if strings.Join(files, " ") != strings.Join(want, " ") {
		t.Errorf("files %v, want %v", files, want)
	}
	for _, f := range append(files, export.ImportArgsFile) {
		body, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("sample_csv", f), body)
	}
	person, _ := os.ReadFile(filepath.Join(dir, "nodes_Actor_Person.csv"))
	header := strings.SplitN(string(person), "\n", 2)[0]
	for _, col := range []string{"id:ID", ":LABEL", "aliases:string[]", "born:date", "seen:datetime", "rank:long", "score:double", "active:boolean"} {
		if !strings.Contains(","+header+",", ","+col+",") {
			t.Errorf("header %q lacks %s", header, col)
		}
	}
}

func TestCSVWriterRefusesTheArrayDelimiterInAList(t *testing.T) {
	w, err := export.NewCSV(t.TempDir(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	err = w.WriteNode(export.Node{ID: "person:x", Labels: []string{"Person"}, Props: map[string]any{"aliases": []any{"a|b"}}})
	if err == nil || !strings.Contains(err.Error(), "aliases") || !strings.Contains(err.Error(), "a|b") {
		t.Errorf("want an error naming the property and the element, got %v", err)
	}
}

func TestWritersRefuseNodesAfterRelationships(t *testing.T) {
	csv, err := export.NewCSV(t.TempDir(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	graphml, err := export.NewGraphML(io.Discard, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, w := range map[string]export.Writer{
		"graphml": graphml, "json": export.NewNodeLink(io.Discard), "csv": csv, "cypher": export.NewCypher(io.Discard, nil),
	} {
		n := export.Node{ID: "a", Labels: []string{"X"}, Props: map[string]any{"id": "a"}}
		if err := w.WriteNode(n); err != nil {
			t.Fatal(err)
		}
		if err := w.WriteRelationship(export.Relationship{Key: "e0", Type: "R", StartID: "a", EndID: "a", Props: map[string]any{}}); err != nil {
			t.Fatal(err)
		}
		if err := w.WriteNode(n); err == nil {
			t.Errorf("%s: a node after the relationships must be refused", name)
		}
		if err := w.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
			t.Errorf("%s: close: %v", name, err)
		}
	}
}

func TestCaption(t *testing.T) {
	tests := []struct {
		node export.Node
		want string
	}{
		{export.Node{Labels: []string{"Person"}, Props: map[string]any{"name": "Kim Jong Un"}}, "Kim Jong Un"},
		{export.Node{Labels: []string{"Article"}, Props: map[string]any{"title": "Trump confirms"}}, "Trump confirms"},
		{export.Node{Labels: []string{"Meeting"}, Props: map[string]any{"kind": "summit", "status": "planned", "participants": []any{"Donald Trump", "Kim Jong Un"}}},
			"summit (planned): Donald Trump, Kim Jong Un"},
		{export.Node{Labels: []string{"Statement"}, Props: map[string]any{"text": strings.Repeat("word ", 30)}},
			strings.TrimSpace(strings.Repeat("word ", 16)) + "…"},
		{export.Node{ID: "element:4:x:1", Props: map[string]any{}}, "element:4:x:1"},
	}
	for _, tc := range tests {
		if got := export.Caption(tc.node); got != tc.want {
			t.Errorf("Caption(%v) = %q, want %q", tc.node.Props, got, tc.want)
		}
	}
}

// The printed import command survives any directory name: bash reads the
// quoted directory back as it was.
func TestImportCommandQuotesTheDirectory(t *testing.T) {
	for _, dir := range []string{"/tmp/export", "/tmp/my export", "/tmp/it's $HOME", "/tmp/a;rm -rf b"} {
		cmd := export.ImportCommand(dir)
		want := " && neo4j-admin database import full --overwrite-destination @import.args neo4j"
		if !strings.HasPrefix(cmd, "cd ") || !strings.HasSuffix(cmd, want) {
			t.Errorf("%q: %s", dir, cmd)
			continue
		}
		quoted := strings.TrimSuffix(strings.TrimPrefix(cmd, "cd "), want)
		out, err := exec.Command("bash", "-c", "printf %s "+quoted).Output()
		if err != nil || string(out) != dir {
			t.Errorf("%q quoted as %s reads back as %q (%v)", dir, quoted, out, err)
		}
	}
	if cmd := export.ImportCommand("relative/dir"); !strings.Contains(cmd, "cd /") {
		t.Errorf("a relative directory should be made absolute: %s", cmd)
	}
}
