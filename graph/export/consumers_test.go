package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/export"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// These tests hand the exports of the ingested reference article to the
// programs researchers open them with: networkx reads the GraphML and the
// node-link JSON, neo4j-admin imports the CSV files and cypher-shell loads
// the Cypher script into an empty database. Each must give back the graph
// that is in Neo4j: the same nodes with their names, labels, meeting
// statuses and coordinates, the same relationships, the same MET pairs.

const referenceArticle = "../../testdata/articles/pompeo-kim-2018-04-18.txt"

var repoRoot = func() string {
	root, err := filepath.Abs("../..")
	if err != nil {
		panic(err)
	}
	return root
}()

// nodeFacts are the attributes every consumer must keep.
type nodeFacts struct {
	Labels   []string
	Name     string
	Status   string
	Lat, Lon *float64
}

// graphState is what a consumer made of the graph.
type graphState struct {
	Nodes map[string]nodeFacts
	Types map[string]int
	// Met lists the MET relationships as "from->to meeting status".
	Met []string
}

func (s graphState) counts() string {
	n := 0
	for range s.Nodes {
		n++
	}
	e := 0
	for _, c := range s.Types {
		e += c
	}
	return fmt.Sprintf("%d nodes, %d relationships %v", n, e, s.Types)
}

// readState reads the state from a Neo4j database.
func readState(t *testing.T, store *graph.Store) graphState {
	t.Helper()
	ctx := context.Background()
	st := graphState{Nodes: map[string]nodeFacts{}, Types: map[string]int{}}
	rows, err := store.Query(ctx, `MATCH (n) WHERE NOT any(l IN labels(n) WHERE l IN $internal)
RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.status AS status, n.latitude AS lat, n.longitude AS lon`,
		map[string]any{"internal": graph.InternalLabels})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		f := nodeFacts{Name: str(r["name"]), Status: str(r["status"])}
		for _, l := range r["labels"].([]any) {
			f.Labels = append(f.Labels, l.(string))
		}
		sort.Strings(f.Labels)
		if lat, ok := r["lat"].(float64); ok {
			f.Lat = &lat
		}
		if lon, ok := r["lon"].(float64); ok {
			f.Lon = &lon
		}
		st.Nodes[str(r["id"])] = f
	}
	rows, err = store.Query(ctx, `MATCH (a)-[r]->(b) WHERE NOT any(l IN labels(a) + labels(b) WHERE l IN $internal)
RETURN type(r) AS type, a.id AS a, b.id AS b, r.meetingId AS meeting, r.status AS status`,
		map[string]any{"internal": graph.InternalLabels})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		st.Types[str(r["type"])]++
		if r["type"] == "MET" {
			st.Met = append(st.Met, fmt.Sprintf("%s->%s %s %s", r["a"], r["b"], r["meeting"], r["status"]))
		}
	}
	sort.Strings(st.Met)
	return st
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func compareStates(t *testing.T, consumer string, want, got graphState) {
	t.Helper()
	if len(want.Nodes) == 0 {
		t.Fatalf("%s: the reference graph is empty", consumer)
	}
	if !reflect.DeepEqual(want.Types, got.Types) || len(want.Nodes) != len(got.Nodes) {
		t.Errorf("%s: got %s, want %s", consumer, got.counts(), want.counts())
	}
	bad := 0
	for id, w := range want.Nodes {
		g, ok := got.Nodes[id]
		switch {
		case !ok:
			t.Errorf("%s: node %s is missing", consumer, id)
		case !reflect.DeepEqual(w, g):
			t.Errorf("%s: node %s: got %s, want %s", consumer, id, describe(g), describe(w))
		default:
			continue
		}
		if bad++; bad > 10 {
			t.Fatalf("%s: too many differences", consumer)
		}
	}
	if d := diffLists(got.Met, want.Met); d != "" {
		t.Errorf("%s: MET pairs:%s", consumer, d)
	}
}

func describe(f nodeFacts) string {
	s := fmt.Sprintf("labels %v, name %q, status %q", f.Labels, f.Name, f.Status)
	if f.Lat != nil && f.Lon != nil {
		s += fmt.Sprintf(", at %v,%v", *f.Lat, *f.Lon)
	}
	return s
}

// ingestReference runs the ingest pipeline on the reference article.
func ingestReference(t *testing.T, store *graph.Store) {
	t.Helper()
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	report, err := ingest.Run(context.Background(), ingest.Options{
		Source:    source.Files{Paths: []string{referenceArticle}},
		Extractor: ex,
		Sink:      store,
		BatchSize: 10,
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil || report.Failed() > 0 || report.New != 1 {
		t.Fatalf("ingesting the reference article: %v (%+v)", err, report)
	}
}

// exportFile exports the whole graph in a format to path (a directory
// for CSV).
func exportFile(t *testing.T, store *graph.Store, format export.Format, path string) export.Summary {
	t.Helper()
	var (
		w    export.Writer
		file *os.File
		err  error
	)
	switch format {
	case export.FormatCSV:
		w, err = export.NewCSV(path, "")
	default:
		if file, err = os.Create(path); err != nil {
			t.Fatal(err)
		}
		defer file.Close()
		switch format {
		case export.FormatGraphML:
			w, err = export.NewGraphML(file, "")
		case export.FormatJSON:
			w = export.NewNodeLink(file)
		case export.FormatCypher:
			var stmts []string
			if stmts, err = export.SchemaStatements(); err == nil {
				w = export.NewCypher(file, stmts)
			}
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	sum, err := export.Run(context.Background(), store, export.Selection{}, w, export.Options{})
	if err != nil {
		t.Fatalf("export %s: %v", format, err)
	}
	return sum
}

func TestReferenceArticleOpensInItsConsumers(t *testing.T) {
	store := graphtest.Fresh(t)
	ingestReference(t, store)
	want := readState(t, store)
	if len(want.Met) == 0 || want.Types["MENTIONS"] == 0 {
		t.Fatalf("the reference article should give MET and MENTIONS relationships: %s", want.counts())
	}
	dir := t.TempDir()
	files := map[export.Format]string{
		export.FormatGraphML: filepath.Join(dir, "reference.graphml"),
		export.FormatJSON:    filepath.Join(dir, "reference.json"),
		export.FormatCSV:     filepath.Join(dir, "csv"),
		export.FormatCypher:  filepath.Join(dir, "reference.cypher"),
	}
	for _, f := range export.Formats {
		sum := exportFile(t, store, f, files[f])
		if int(sum.Nodes) != len(want.Nodes) {
			t.Errorf("%s: exported %d nodes, the database has %d", f, sum.Nodes, len(want.Nodes))
		}
	}

	t.Run("networkx reads the GraphML", func(t *testing.T) {
		dump := networkxDump(t, "graphml", files[export.FormatGraphML])
		if !dump.Directed {
			t.Error("networkx read an undirected graph")
		}
		compareStates(t, "networkx.read_graphml", want, dump.state(t, func(v typedValue) []string {
			s, _ := v.Value.(string)
			return strings.Split(s, export.ListSeparator)
		}))
	})
	t.Run("networkx reads the node-link JSON", func(t *testing.T) {
		dump := networkxDump(t, "json", files[export.FormatJSON])
		if !dump.Directed || !dump.Multigraph || dump.Class != "MultiDiGraph" {
			t.Errorf("networkx made a %s (directed %v, multigraph %v), want a MultiDiGraph", dump.Class, dump.Directed, dump.Multigraph)
		}
		compareStates(t, "networkx.node_link_graph", want, dump.state(t, func(v typedValue) []string {
			var out []string
			list, _ := v.Value.([]any)
			for _, l := range list {
				out = append(out, fmt.Sprint(l))
			}
			return out
		}))
	})

	// A second, temporary Neo4j: Community has a single user database, and
	// the main test database stays up for the other packages.
	second := newTempNeo4j(t)
	t.Run("neo4j-admin imports the CSV files", func(t *testing.T) {
		// The command exactly as newsgraph export prints it.
		out, err := second.shell(t, export.ImportCommand(files[export.FormatCSV]))
		if err != nil {
			t.Fatalf("%s: %v\n%s", export.ImportCommand(files[export.FormatCSV]), err, out)
		}
		second.start(t)
		compareStates(t, "neo4j-admin import", want, readState(t, second.open(t)))
	})
	t.Run("cypher-shell loads the Cypher script into an empty database", func(t *testing.T) {
		second.start(t)
		other := second.open(t)
		if err := other.DeleteAll(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := graphtest.Count(t, other, `SHOW CONSTRAINTS YIELD name RETURN count(*)`, nil); n != 0 {
			t.Fatalf("the database should start without constraints, has %d", n)
		}
		if out, err := second.script(dir, "cypher-shell", "--fail-fast", "-f", files[export.FormatCypher]); err != nil {
			t.Fatalf("cypher-shell -f: %v\n%s", err, out)
		}
		got := readState(t, other)
		compareStates(t, "cypher-shell", want, got)
		if n := graphtest.Count(t, other, `SHOW CONSTRAINTS YIELD name WHERE name IN ['actor_id', 'meeting_id'] RETURN count(*)`, nil); n != 2 {
			t.Errorf("the script should create newsgraph's constraints; found %d of 2", n)
		}
		// Loading it twice changes nothing.
		if out, err := second.script(dir, "cypher-shell", "--fail-fast", "-f", files[export.FormatCypher]); err != nil {
			t.Fatalf("cypher-shell -f, second time: %v\n%s", err, out)
		}
		compareStates(t, "cypher-shell, loaded twice", want, readState(t, other))
	})

	// Values that are hard to carry (quotes, newlines, backslashes, zoned
	// datetimes, huge and whole floats) through the same consumers.
	sampleDir := t.TempDir()
	sample := writeSampleFiles(t, sampleDir)
	t.Run("cypher-shell keeps tricky values", func(t *testing.T) {
		second.start(t)
		other := second.open(t)
		if err := other.DeleteAll(context.Background()); err != nil {
			t.Fatal(err)
		}
		if out, err := second.script(sampleDir, "cypher-shell", "--fail-fast", "-f", sample[export.FormatCypher]); err != nil {
			t.Fatalf("cypher-shell -f: %v\n%s", err, out)
		}
		checkSampleValues(t, other, true)
	})
	t.Run("neo4j-admin keeps tricky values", func(t *testing.T) {
		second.stop(t)
		// The command exactly as newsgraph export prints it.
		out, err := second.shell(t, export.ImportCommand(sample[export.FormatCSV]))
		if err != nil {
			t.Fatalf("%s: %v\n%s", export.ImportCommand(sample[export.FormatCSV]), err, out)
		}
		second.start(t)
		// An empty list has no CSV spelling: it comes back as no property.
		checkSampleValues(t, second.open(t), false)
	})
	t.Run("networkx keeps tricky values", func(t *testing.T) {
		name := sampleName
		for _, format := range []string{"graphml", "json"} {
			dump := networkxDump(t, format, sample[export.Format(format)])
			attrs := dump.Nodes["person:o-brien"]
			if got := attrs["name"].Value; got != name {
				t.Errorf("%s: name %q, want %q", format, got, name)
			}
			if got := attrs["label"].Value; got != name {
				t.Errorf("%s: the caption is %q, want the name", format, got)
			}
			if got := attrs["seen"].Value; got != "2018-04-18T07:49:00+01:00[Europe/London]" {
				t.Errorf("%s: seen %q", format, got)
			}
			if attrs["score"].Type != "float" || attrs["rank"].Type != "int" || attrs["active"].Type != "bool" {
				t.Errorf("%s: score, rank, active are %s, %s, %s; want float, int, bool", format,
					attrs["score"].Type, attrs["rank"].Type, attrs["active"].Type)
			}
		}
	})
}

const sampleName = "Bob O'Brien \"the <Boss> & co\"\nsecond line"

// writeSampleFiles writes sampleGraph in every format into dir.
func writeSampleFiles(t *testing.T, dir string) map[export.Format]string {
	t.Helper()
	files := map[export.Format]string{}
	for _, f := range export.Formats {
		path := filepath.Join(dir, "sample."+string(f))
		var w export.Writer
		var file *os.File
		var err error
		if f == export.FormatCSV {
			w, err = export.NewCSV(path, "")
		} else {
			if file, err = os.Create(path); err != nil {
				t.Fatal(err)
			}
			switch f {
			case export.FormatGraphML:
				w, err = export.NewGraphML(file, "")
			case export.FormatJSON:
				w = export.NewNodeLink(file)
			case export.FormatCypher:
				w = export.NewCypher(file, nil)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		writeSample(t, w)
		if file != nil {
			file.Close()
		}
		files[f] = path
	}
	return files
}

// checkSampleValues checks that the sample's values came through a
// consumer into Neo4j unchanged.
func checkSampleValues(t *testing.T, store *graph.Store, emptyLists bool) {
	t.Helper()
	rows, err := store.Query(context.Background(), `MATCH (p:Person {id: 'person:o-brien'})
RETURN p.name AS name, p.aliases AS aliases, p.titles AS titles, toString(p.seen) AS seen, p.born AS born, p.mass AS mass,
       p.score AS score, p.rank AS rank, p.active AS active, p.countryCode AS countryCode, labels(p) AS labels`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("want the person once, got %d", len(rows))
	}
	r := rows[0]
	checks := map[string][2]any{
		"name":        {r["name"], sampleName},
		"aliases":     {fmt.Sprint(r["aliases"]), `[Bob Back\slash]`},
		"seen":        {r["seen"], "2018-04-18T07:49:00+01:00[Europe/London]"},
		"born":        {fmt.Sprint(r["born"]), "1970-01-02"},
		"mass":        {r["mass"], 1e21},
		"score":       {r["score"], 2.0},
		"rank":        {r["rank"], int64(3)},
		"active":      {r["active"], true},
		"countryCode": {r["countryCode"], ""},
		"labels":      {fmt.Sprint(r["labels"]), "[Actor Person]"},
	}
	if emptyLists {
		checks["titles"] = [2]any{fmt.Sprint(r["titles"]), "[]"}
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s: got %#v, want %#v", name, c[0], c[1])
		}
	}
	for q, want := range map[string]int64{
		`MATCH (:Country {id: 'country:KP'})-[r:MET]->(:Person) RETURN count(r)`:                  2,
		`MATCH (n {id: 'element:4:abc:7'})-[r:LIKES]->() WHERE r.key = 'a clash' RETURN count(r)`: 1,
	} {
		if n := graphtest.Count(t, store, q, nil); n != want {
			t.Errorf("%s: %d, want %d", q, n, want)
		}
	}
}

// typedValue is a networkx attribute value with its Python type.
type typedValue struct {
	Type  string `json:"type"`
	Value any    `json:"value"`
}

type nxDump struct {
	Networkx   string                           `json:"networkx"`
	Class      string                           `json:"class"`
	Directed   bool                             `json:"directed"`
	Multigraph bool                             `json:"multigraph"`
	Nodes      map[string]map[string]typedValue `json:"nodes"`
	Edges      []json.RawMessage                `json:"edges"`
}

// state turns the dump into a graphState; labels says how the format
// spells the label list.
func (d nxDump) state(t *testing.T, labels func(typedValue) []string) graphState {
	t.Helper()
	st := graphState{Nodes: map[string]nodeFacts{}, Types: map[string]int{}}
	for id, attrs := range d.Nodes {
		f := nodeFacts{Labels: labels(attrs["labels"])}
		sort.Strings(f.Labels)
		f.Name, _ = attrs["name"].Value.(string)
		f.Status, _ = attrs["status"].Value.(string)
		for key, dst := range map[string]**float64{"latitude": &f.Lat, "longitude": &f.Lon} {
			if v, ok := attrs[key]; ok {
				if v.Type != "float" {
					t.Errorf("node %s: %s is a Python %s, want float", id, key, v.Type)
				}
				x, _ := v.Value.(float64)
				*dst = &x
			}
		}
		if label, _ := attrs["label"].Value.(string); label == "" {
			t.Errorf("node %s has no caption (label attribute)", id)
		}
		st.Nodes[id] = f
	}
	for _, raw := range d.Edges {
		var e []json.RawMessage
		if err := json.Unmarshal(raw, &e); err != nil || len(e) != 4 {
			t.Fatalf("edge %s: %v", raw, err)
		}
		var u, v string
		var attrs map[string]typedValue
		json.Unmarshal(e[0], &u)
		json.Unmarshal(e[1], &v)
		json.Unmarshal(e[3], &attrs)
		typ, _ := attrs["type"].Value.(string)
		st.Types[typ]++
		if typ == "MET" {
			st.Met = append(st.Met, fmt.Sprintf("%s->%s %s %s", u, v, attrs["meetingId"].Value, attrs["status"].Value))
		}
	}
	sort.Strings(st.Met)
	return st
}

// networkxDump reads an export with networkx (testdata/networkx_dump.py).
// Without Python or networkx the test is skipped, except in CI, where
// .ci/run installs them and their absence is a failure.
func networkxDump(t *testing.T, format, path string) nxDump {
	t.Helper()
	missing := func(what string, err error, out []byte) {
		msg := fmt.Sprintf("%s is not available (%v) %s; install it with: python3 -m pip install networkx", what, err, out)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		missing("python3", err, nil)
	}
	if out, err := exec.Command(python, "-c", "import networkx").CombinedOutput(); err != nil {
		missing("networkx", err, out)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(python, "testdata/networkx_dump.py", format, path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("networkx could not read the %s export: %v\n%s", format, err, stderr.String())
	}
	var dump nxDump
	if err := json.Unmarshal(stdout.Bytes(), &dump); err != nil {
		t.Fatalf("reading the networkx dump: %v", err)
	}
	t.Logf("networkx %s read a %s", dump.Networkx, dump.Class)
	return dump
}

// tempNeo4j is a second Neo4j run by scripts/neo4j-local from the same
// jars, in a temporary home on free ports; it is stopped and deleted when
// the test ends.
type tempNeo4j struct {
	home       string
	bolt, http int
	started    bool
}

func newTempNeo4j(t *testing.T) *tempNeo4j {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test: starts a second Neo4j (run without -short)")
	}
	n := &tempNeo4j{home: t.TempDir(), bolt: freePort(t), http: freePort(t)}
	shareJars(t, n.home)
	t.Cleanup(func() {
		if n.started {
			if out, err := n.script(repoRoot, "stop"); err != nil {
				t.Errorf("stopping the temporary Neo4j: %v\n%s", err, out)
			}
		}
	})
	return n
}

// shareJars links the Neo4j jars that scripts/neo4j-local assembled for
// the main server into home, so that the second server needs no download.
// Without them the script downloads them with Maven, which also works.
func shareJars(t *testing.T, home string) {
	mainHome := os.Getenv("NEO4J_LOCAL_HOME")
	if mainHome == "" {
		mainHome = filepath.Join(repoRoot, ".cache", "neo4j")
	}
	dists, _ := filepath.Glob(filepath.Join(mainHome, "neo4j-community-*", ".complete"))
	for _, complete := range dists {
		dist := filepath.Dir(complete)
		if err := os.Symlink(dist, filepath.Join(home, filepath.Base(dist))); err != nil {
			t.Fatal(err)
		}
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// script runs scripts/neo4j-local for this server in dir.
func (n *tempNeo4j) script(dir string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(repoRoot, "scripts", "neo4j-local"), args...)
	cmd.Dir = dir
	cmd.Env = n.env()
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// env is the environment that makes scripts/neo4j-local act on this
// server.
func (n *tempNeo4j) env() []string {
	return append(os.Environ(),
		"NEO4J_LOCAL_HOME="+n.home,
		"NEO4J_INSTANCE=default", "NEO4J_BOLT_PORT=",
		"NEWSGRAPH_NEO4J_URI=bolt://127.0.0.1:"+strconv.Itoa(n.bolt),
		"NEO4J_HTTP_PORT="+strconv.Itoa(n.http),
		"NEO4J_HEAP=256m", "NEO4J_PAGECACHE=64m",
		"NEO4J_PASSWORD="+graphtest.Config().Password,
	)
}

// shell runs a command line with bash, with neo4j-admin on PATH being
// this server's (scripts/neo4j-local admin), from another directory than
// the one the command names.
func (n *tempNeo4j) shell(t *testing.T, command string) (string, error) {
	t.Helper()
	bin := t.TempDir()
	shim := "#!/bin/sh\nexec " + filepath.Join(repoRoot, "scripts", "neo4j-local") + " admin \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "neo4j-admin"), []byte(shim), 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", command)
	cmd.Dir = t.TempDir()
	cmd.Env = append(n.env(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (n *tempNeo4j) start(t *testing.T) {
	t.Helper()
	if n.started {
		return
	}
	n.started = true
	if out, err := n.script(repoRoot, "start"); err != nil {
		t.Fatalf("starting the temporary Neo4j: %v\n%s", err, out)
	}
}

func (n *tempNeo4j) stop(t *testing.T) {
	t.Helper()
	if out, err := n.script(repoRoot, "stop"); err != nil {
		t.Fatalf("stopping the temporary Neo4j: %v\n%s", err, out)
	}
	n.started = false
}

func (n *tempNeo4j) open(t *testing.T) *graph.Store {
	t.Helper()
	cfg := graphtest.Config()
	cfg.URI = (&url.URL{Scheme: "bolt", Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(n.bolt))}).String()
	cfg.Database = ""
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	store, err := graph.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("connecting to the temporary Neo4j: %v", err)
	}
	t.Cleanup(func() { store.Close(context.Background()) })
	return store
}
