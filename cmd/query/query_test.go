package query

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest"
)

var (
	pompeo  = dbtype.Node{ElementId: "4:x:1", Labels: []string{"Actor", "Person"}, Props: map[string]any{"name": "Mike Pompeo", "id": "person:mike-pompeo"}}
	kim     = dbtype.Node{ElementId: "4:x:2", Labels: []string{"Actor", "Person"}, Props: map[string]any{"name": "Kim Jong Un"}}
	article = dbtype.Node{ElementId: "4:x:3", Labels: []string{"Article"}, Props: map[string]any{"title": "Pompeo met Kim"}}
	met     = dbtype.Relationship{ElementId: "5:x:1", StartElementId: pompeo.ElementId, EndElementId: kim.ElementId, Type: "MET",
		Props: map[string]any{"status": "held"}}
	mentions = dbtype.Relationship{ElementId: "5:x:2", StartElementId: article.ElementId, EndElementId: kim.ElementId, Type: "MENTIONS"}
	london   = func() *time.Location { l, _ := time.LoadLocation("Europe/London"); return l }()
)

func TestText(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"null", nil, "null"},
		{"string", "Mike Pompeo", "Mike Pompeo"},
		{"integer", int64(3), "3"},
		{"whole float", 40.0, "40.0"},
		{"float", 127.5, "127.5"},
		{"bool", true, "true"},
		{"list of strings", []any{"held", "planned"}, `["held", "planned"]`},
		{"map", map[string]any{"b": int64(2), "a": "x"}, `{a: "x", b: 2}`},
		{"offset datetime", time.Date(2018, 4, 18, 7, 49, 0, 0, time.FixedZone("Offset", 3600)), "2018-04-18T07:49:00+01:00"},
		{"utc datetime", time.Date(2018, 4, 18, 6, 49, 0, 500, time.FixedZone("Offset", 0)), "2018-04-18T06:49:00.0000005Z"},
		{"zoned datetime", time.Date(2018, 4, 18, 7, 49, 0, 0, london), "2018-04-18T07:49:00+01:00[Europe/London]"},
		{"date", dbtype.Date(time.Date(2018, 4, 1, 0, 0, 0, 0, time.UTC)), "2018-04-01"},
		{"local datetime", dbtype.LocalDateTime(time.Date(2018, 4, 1, 12, 30, 0, 0, time.Local)), "2018-04-01T12:30:00"},
		{"local time", dbtype.LocalTime(time.Date(0, 1, 1, 9, 5, 0, 0, time.Local)), "09:05:00"},
		{"duration", dbtype.Duration{Months: 14, Days: 3, Seconds: 3661, Nanos: 500000000}, "P1Y2M3DT1H1M1.5S"},
		{"zero duration", dbtype.Duration{}, "PT0S"},
		{"dates in a list", []any{dbtype.Date(time.Date(2018, 4, 1, 0, 0, 0, 0, time.UTC))}, "[2018-04-01]"},
		{"wgs-84 point", dbtype.Point2D{X: 127.0, Y: 40.0, SpatialRefId: 4326}, "point({latitude: 40.0, longitude: 127.0})"},
		{"wgs-84-3d point", dbtype.Point3D{X: 2.35, Y: 48.85, Z: 35, SpatialRefId: 4979}, "point({height: 35.0, latitude: 48.85, longitude: 2.35})"},
		{"cartesian point", dbtype.Point2D{X: 1, Y: 2, SpatialRefId: 7203}, "point({x: 1.0, y: 2.0})"},
		{"node", kim, `(:Actor:Person {name: "Kim Jong Un"})`},
		{"relationship", met, `[:MET {status: "held"}]`},
		{"path forward", dbtype.Path{Nodes: []dbtype.Node{pompeo, kim}, Relationships: []dbtype.Relationship{met}}, "(Mike Pompeo)-[:MET]->(Kim Jong Un)"},
		{"path backward", dbtype.Path{Nodes: []dbtype.Node{kim, pompeo}, Relationships: []dbtype.Relationship{met}}, "(Kim Jong Un)<-[:MET]-(Mike Pompeo)"},
		{"path over an article", dbtype.Path{Nodes: []dbtype.Node{pompeo, kim, article}, Relationships: []dbtype.Relationship{met, mentions}},
			"(Mike Pompeo)-[:MET]->(Kim Jong Un)<-[:MENTIONS]-(Pompeo met Kim)"},
		{"bytes", []byte{0xca, 0xfe}, "0xcafe"},
	}
	for _, tc := range tests {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("%s: Text = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestJSONValue(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"datetime", time.Date(2018, 4, 18, 7, 49, 0, 0, time.FixedZone("Offset", 3600)), `"2018-04-18T07:49:00+01:00"`},
		{"date", dbtype.Date(time.Date(2018, 4, 1, 0, 0, 0, 0, time.UTC)), `"2018-04-01"`},
		{"duration", dbtype.Duration{Days: 1}, `"P1D"`},
		{"point", dbtype.Point2D{X: 127.0, Y: 40.0, SpatialRefId: 4326}, `{"crs":"wgs-84","latitude":40,"longitude":127,"srid":4326}`},
		{"cartesian point", dbtype.Point3D{X: 1, Y: 2, Z: 3, SpatialRefId: 9157}, `{"crs":"cartesian-3d","srid":9157,"x":1,"y":2,"z":3}`},
		{"node", kim, `{"labels":["Actor","Person"],"properties":{"name":"Kim Jong Un"}}`},
		{"path", dbtype.Path{Nodes: []dbtype.Node{pompeo, kim}, Relationships: []dbtype.Relationship{met}},
			`{"nodes":[{"labels":["Actor","Person"],"properties":{"id":"person:mike-pompeo","name":"Mike Pompeo"}},{"labels":["Actor","Person"],"properties":{"name":"Kim Jong Un"}}],` +
				`"path":"(Mike Pompeo)-[:MET]->(Kim Jong Un)","relationships":[{"properties":{"status":"held"},"type":"MET"}]}`},
		{"list of dates", []any{dbtype.Date(time.Date(2018, 4, 1, 0, 0, 0, 0, time.UTC)), nil}, `["2018-04-01",null]`},
	}
	for _, tc := range tests {
		var got bytes.Buffer
		err := encode(&got, JSONValue(tc.in))
		if err != nil || got.String() != tc.want {
			t.Errorf("%s: %s (%v), want %s", tc.name, got.String(), err, tc.want)
		}
	}
}

func TestWriteTableKeepsReturnOrder(t *testing.T) {
	var out bytes.Buffer
	table := graph.Table{Columns: []string{"z", "a", "m"}, Rows: [][]any{
		{"first", int64(1), "two\nlines"},
		{nil, int64(22), "tab\there"},
	}}
	if err := WriteTable(&out, table); err != nil {
		t.Fatal(err)
	}
	want := "z      a   m\n" +
		"first  1   two\\nlines\n" +
		"null   22  tab\\there\n"
	if out.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", out.String(), want)
	}
	out.Reset()
	if err := WriteTable(&out, graph.Table{Columns: []string{"b", "a"}}); err != nil {
		t.Fatal(err)
	}
	if out.String() != "b  a\n(no rows)\n" {
		t.Errorf("empty result: %q", out.String())
	}
}

func TestWriteJSONKeepsReturnOrder(t *testing.T) {
	var out bytes.Buffer
	table := graph.Table{Columns: []string{"z", "a"}, Rows: [][]any{{"<b>&", int64(1)}, {nil, []any{"x"}}}}
	if err := WriteJSON(&out, table); err != nil {
		t.Fatal(err)
	}
	want := `{"z":"<b>&","a":1}` + "\n" + `{"z":null,"a":["x"]}` + "\n"
	if out.String() != want {
		t.Errorf("JSON lines:\n%s\nwant:\n%s", out.String(), want)
	}
}

// run executes `newsgraph query ARGS` against the test database.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	f := &cmdutil.Factory{
		IO: cmdutil.IOStreams{Out: &out, ErrOut: &errOut},
		Config: func() (*cmdutil.Config, error) {
			return &cmdutil.Config{Neo4j: graphtest.Config(), Log: cmdutil.LogConfig{Level: "error"}}, nil
		},
	}
	cmd := NewCmdQuery(f)
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.ExecuteContext(context.Background())
	if err != nil {
		errOut.WriteString(err.Error())
	}
	return out.String(), errOut.String(), cmdutil.ExitCode(err)
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "exactly one Cypher query"},
		{[]string{"RETURN 1", "RETURN 2"}, "exactly one Cypher query"},
		{[]string{"--param", "oops", "RETURN 1"}, `--param "oops": want NAME=VALUE`},
	} {
		_, errOut, code := run(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("query %q: exit %d, %q; want exit 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

// writeMeeting writes Pompeo meeting Kim, with a place that has
// coordinates.
func writeMeeting(t *testing.T) {
	t.Helper()
	store := graphtest.Fresh(t)
	date, published := "2018-04-01", "2018-04-18T07:49:00+01:00"
	facts := &ingest.Facts{
		Article: ingest.ArticleInfo{ID: "article:one", Title: "Pompeo met Kim", Published: &published, Source: "one.txt", ContentHash: "h"},
		Actors: []ingest.Actor{
			{ID: "person:mike-pompeo", Name: "Mike Pompeo", Type: ingest.Person, Mentions: 1},
			{ID: "person:kim-jong-un", Name: "Kim Jong Un", Type: ingest.Person, Mentions: 1},
		},
		Meetings: []ingest.Meeting{{ID: "meeting:one", Status: ingest.StatusHeld, Kind: "meeting", Date: &date,
			Participants:   []string{"Mike Pompeo", "Kim Jong Un"},
			ParticipantIDs: []string{"person:mike-pompeo", "person:kim-jong-un"},
			Evidence:       ingest.Evidence{Sentence: "Pompeo met Kim.", End: 15}}},
	}
	if _, err := store.Write(context.Background(), []*ingest.Facts{facts}); err != nil {
		t.Fatal(err)
	}
}

func TestQueryAgainstNeo4j(t *testing.T) {
	writeMeeting(t)
	out, errOut, code := run(t, `MATCH p=(a:Person {name: 'Mike Pompeo'})-[m:MET]-(b:Person)
		RETURN b.name AS met, p, m.date AS date, datetime('2018-04-18T07:49:00+01:00') AS at,
		       datetime({year: 2018, month: 4, day: 18, hour: 7, timezone: 'Europe/London'}) AS zoned,
		       point({latitude: 39.03, longitude: 125.75}) AS pyongyang, duration('P1DT2H') AS took`)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want a header and one row:\n%s", out)
	}
	if cols := strings.Fields(lines[0]); !reflect.DeepEqual(cols, []string{"met", "p", "date", "at", "zoned", "pyongyang", "took"}) {
		t.Errorf("columns %q are not in RETURN order", cols)
	}
	for _, want := range []string{"Kim Jong Un", "2018-04-01", "2018-04-18T07:49:00+01:00", "2018-04-18T07:00:00+01:00[Europe/London]",
		"point({latitude: 39.03, longitude: 125.75})", "P1DT2H"} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("the row should show %q:\n%s", want, out)
		}
	}
	if !strings.Contains(lines[1], "(Mike Pompeo)-[:MET]->(Kim Jong Un)") && !strings.Contains(lines[1], "(Mike Pompeo)<-[:MET]-(Kim Jong Un)") {
		t.Errorf("the path should be drawn with names:\n%s", out)
	}

	out, errOut, code = run(t, "--json", `MATCH p=(:Person {name: 'Mike Pompeo'})-[:MET]-(:Person)
		RETURN p, datetime('2018-04-18T07:49:00+01:00') AS at, point({latitude: 39.03, longitude: 125.75}) AS place, 'x' AS a`)
	if code != 0 {
		t.Fatalf("--json: exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, `{"p":`) || strings.Index(out, `"at":`) > strings.Index(out, `"place":`) || strings.Index(out, `"place":`) > strings.Index(out, `"a":`) {
		t.Errorf("JSON keys are not in RETURN order:\n%s", out)
	}
	var row struct {
		P struct {
			Path  string `json:"path"`
			Nodes []any  `json:"nodes"`
		} `json:"p"`
		At    string         `json:"at"`
		Place map[string]any `json:"place"`
	}
	if err := json.Unmarshal([]byte(out), &row); err != nil {
		t.Fatalf("--json output is not one JSON object: %v\n%s", err, out)
	}
	if !strings.Contains(row.P.Path, "(Mike Pompeo)") || len(row.P.Nodes) != 2 || row.At != "2018-04-18T07:49:00+01:00" ||
		row.Place["latitude"] != 39.03 || row.Place["crs"] != "wgs-84" {
		t.Errorf("--json values: %+v", row)
	}
}

// --param values are typed as export types them: JSON when they parse.
func TestParamsAreTyped(t *testing.T) {
	graphtest.Open(t)
	out, errOut, code := run(t, "--json", "--param", "n=2", "--param", `ids=["a","b"]`, "--param", `s="10"`, "--param", "name=Mike Pompeo",
		"--param", "x=2.5", "RETURN $n + 1 AS next, valueType($n) AS nType, size($ids) AS ids, valueType($s) AS sType, $name AS name, $x * 2 AS x")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := `{"next":3,"nType":"INTEGER NOT NULL","ids":2,"sType":"STRING NOT NULL","name":"Mike Pompeo","x":5}` + "\n"
	if out != want {
		t.Errorf("typed parameters:\n%s\nwant:\n%s", out, want)
	}
}

func TestWriteQueryIsRefused(t *testing.T) {
	writeMeeting(t)
	_, errOut, code := run(t, "MATCH (p:Person) SET p.name = 'x' RETURN p")
	if code != 1 || !strings.Contains(errOut, "read-only") {
		t.Errorf("exit %d, %q; want exit 1 and a message about read-only", code, errOut)
	}
	if n := graphtest.Count(t, graphtest.Open(t), `MATCH (p:Person {name: 'x'}) RETURN count(p)`, nil); n != 0 {
		t.Errorf("the query changed %d persons", n)
	}
}
