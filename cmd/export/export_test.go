package export

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	"github.com/newsgraph/newsgraph/graph/export"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest"
)

// run executes `newsgraph export ARGS` and returns stdout, stderr and the
// exit code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	f := &cmdutil.Factory{
		IO: cmdutil.IOStreams{Out: &out, ErrOut: &errOut},
		Config: func() (*cmdutil.Config, error) {
			return &cmdutil.Config{Neo4j: graphtest.Config(), Log: cmdutil.LogConfig{Level: "error"}}, nil
		},
	}
	cmd := NewCmdExport(f)
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
	tests := []struct {
		args []string
		want string
	}{
		{[]string{}, "--format"},
		{[]string{"--format", "dot"}, `unknown format "dot"`},
		{[]string{"-o", "out.txt"}, "cannot tell the format"},
		{[]string{"--format", "csv"}, "give a directory with -o"},
		{[]string{"--format", "json", "--depth", "2"}, "--depth needs --entity"},
		{[]string{"--format", "json", "--entity", "Kim", "--depth", "99"}, "between 0 and"},
		{[]string{"--format", "json", "--from", "18 April"}, "is not a date"},
		{[]string{"--format", "json", "--from", "2019", "--to", "2018-06"}, "starts (2019-01-01) after it ends (2018-06-30)"},
		{[]string{"--format", "json", "--status", "happened"}, `unknown meeting status "happened"`},
		{[]string{"--format", "json", "--param", "a=1"}, "--param needs --cypher"},
		{[]string{"--format", "json", "--cypher", "MATCH (n) RETURN n", "--param", "=1"}, "NAME=VALUE"},
		{[]string{"--format", "json", "stray"}, "takes no arguments"},
	}
	for _, tc := range tests {
		_, errOut, code := run(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("export %q: exit %d, %q; want exit 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in         string
		start, end string
	}{
		{"2018-04-18", "2018-04-18", "2018-04-18"},
		{"2018-02", "2018-02-01", "2018-02-28"},
		{"2020-02", "2020-02-01", "2020-02-29"},
		{"2018", "2018-01-01", "2018-12-31"},
		{"", "0001-01-01", "0001-01-01"},
	}
	for _, tc := range tests {
		start, err1 := parseDate(tc.in, false)
		end, err2 := parseDate(tc.in, true)
		if err1 != nil || err2 != nil {
			t.Errorf("%q: %v %v", tc.in, err1, err2)
			continue
		}
		if start.Format(time.DateOnly) != tc.start || end.Format(time.DateOnly) != tc.end {
			t.Errorf("%q: %s..%s, want %s..%s", tc.in, start.Format(time.DateOnly), end.Format(time.DateOnly), tc.start, tc.end)
		}
	}
	for _, bad := range []string{"2018-13-01", "18/04/2018", "April"} {
		if _, err := parseDate(bad, false); err == nil {
			t.Errorf("%q should not parse", bad)
		}
	}
}

// writeGraph writes a two-actor meeting, plus an organisation whose name
// is the person's alias.
func writeGraph(t *testing.T) {
	t.Helper()
	store := graphtest.Fresh(t)
	date, published := "2018-04-01", "2018-04-18T07:49:00+01:00"
	facts := &ingest.Facts{
		Article: ingest.ArticleInfo{ID: "article:one", Title: "Pompeo met Kim", Published: &published, Source: "one.txt", ContentHash: "h"},
		Actors: []ingest.Actor{
			{ID: "person:mike-pompeo", Name: "Mike Pompeo", Type: ingest.Person, Aliases: []string{"Pompeo"}, Mentions: 1},
			{ID: "person:kim-jong-un", Name: "Kim Jong Un", Type: ingest.Person, Aliases: []string{"Kim"}, Mentions: 1},
			{ID: "org:kim", Name: "Kim", Type: ingest.Organization, Mentions: 1},
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

func TestExportToStdoutReportsOnStderr(t *testing.T) {
	writeGraph(t)
	out, errOut, code := run(t, "--format", "json", "--rel", "MET")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Nodes []map[string]any `json:"nodes"`
		Links []map[string]any `json:"links"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("stdout must be the JSON document only: %v\n%s", err, out)
	}
	if len(doc.Nodes) != 2 || len(doc.Links) != 1 || doc.Links[0]["type"] != "MET" {
		t.Errorf("want the two persons and their MET, got %+v", doc)
	}
	for _, want := range []string{"exported 2 nodes and 1 relationships", "Person 2", "MET 1"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr should report %q:\n%s", want, errOut)
		}
	}
}

func TestExportToFiles(t *testing.T) {
	writeGraph(t)
	dir := t.TempDir()
	for _, name := range []string{"g.graphml", "g.json", "g.cypher"} {
		path := filepath.Join(dir, name)
		out, errOut, code := run(t, "-o", path, "--entity", "Pompeo")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, errOut)
		}
		if !strings.Contains(out, "entity: person:mike-pompeo") || !strings.Contains(out, "to "+path) {
			t.Errorf("%s: stdout should report the entity and the file:\n%s", name, out)
		}
		st, err := os.Stat(path)
		if err != nil || st.Size() == 0 || st.Mode().Perm() != 0o644 {
			t.Errorf("%s: %v %v", name, st, err)
		}
	}
	csvDir := filepath.Join(dir, "csv")
	out, errOut, code := run(t, "--format", "csv", "-o", csvDir, "--status", "held")
	if code != 0 {
		t.Fatalf("csv: exit %d: %s", code, errOut)
	}
	// graph/export's consumer test runs this command against neo4j-admin.
	if !strings.Contains(out, "\n    "+export.ImportCommand(csvDir)+"\n") || !strings.Contains(out, "stop the Neo4j server") {
		t.Errorf("the CSV report should print the import command, %s, and say to stop the server:\n%s", export.ImportCommand(csvDir), out)
	}
	if _, err := os.Stat(filepath.Join(csvDir, "import.args")); err != nil {
		t.Error(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".part") {
			t.Errorf("a staging file was left behind: %s", e.Name())
		}
	}
}

func TestAmbiguousEntityListsTheCandidates(t *testing.T) {
	writeGraph(t)
	for _, name := range []string{"kim.json", "kim.graphml", "kim.cypher", "csv"} {
		dir := t.TempDir()
		path := filepath.Join(dir, name)
		_, errOut, code := run(t, "-o", path, "--format", strings.TrimPrefix(filepath.Ext("."+name), "."), "--entity", "kim")
		if code != 1 {
			t.Fatalf("%s: exit %d, want 1: %s", name, code, errOut)
		}
		for _, want := range []string{"ambiguous", "person:kim-jong-un", "org:kim"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%s: the error should name %q:\n%s", name, want, errOut)
			}
		}
		// Neither the output nor a staging file is left behind.
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s: a failed export left %v", name, entries)
		}
	}
}

func TestWriteQueryIsRefused(t *testing.T) {
	writeGraph(t)
	_, errOut, code := run(t, "--format", "json", "--cypher", "MATCH (p:Person) SET p.name = 'x' RETURN p")
	if code != 1 || !strings.Contains(errOut, "read transaction") {
		t.Errorf("exit %d, %q; want exit 1 and a message about the read transaction", code, errOut)
	}
	store := graphtest.Open(t)
	if n := graphtest.Count(t, store, `MATCH (p:Person {name: 'x'}) RETURN count(p)`, nil); n != 0 {
		t.Errorf("the query changed %d persons", n)
	}
}

func TestArticleByFileName(t *testing.T) {
	store := graphtest.Fresh(t)
	file := filepath.Join(t.TempDir(), "one.txt")
	if err := os.WriteFile(file, []byte("Pompeo met Kim."), 0o644); err != nil {
		t.Fatal(err)
	}
	facts := &ingest.Facts{
		Article: ingest.ArticleInfo{ID: ingest.ArticleID(file), Title: "One", Source: file, ContentHash: "h"},
		Actors:  []ingest.Actor{{ID: "person:kim-jong-un", Name: "Kim Jong Un", Type: ingest.Person, Mentions: 1}},
	}
	if _, err := store.Write(context.Background(), []*ingest.Facts{facts}); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, file)
	if err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(t, "--format", "json", "--article", rel)
	if code != 0 || !strings.Contains(errOut, "exported 2 nodes and 1 relationships") {
		t.Errorf("--article %s (a relative file name): exit %d\n%s", rel, code, errOut)
	}
}
