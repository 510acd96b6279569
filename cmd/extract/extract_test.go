package extract

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
)

const referenceArticle = "../../testdata/articles/pompeo-kim-2018-04-18.txt"

func extract(t *testing.T, format string, paths ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := runExtract(context.Background(), &Options{IO: cmdutil.IOStreams{Out: &out, ErrOut: &errOut}, Format: format, Paths: paths})
	return out.String(), errOut.String(), err
}

// TestJSONContract checks the keys that the extract contract promises and
// the foundation's minimum on the reference article.
func TestJSONContract(t *testing.T) {
	out, errOut, err := extract(t, "json", referenceArticle)
	if err != nil {
		t.Fatalf("%v: %s", err, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one JSON line per article, got %d", len(lines))
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(lines[0]), &doc); err != nil {
		t.Fatal(err)
	}
	required := map[string][]string{
		"article":    {"id", "title", "published", "source"},
		"actors":     {"id", "name", "type", "aliases"},
		"locations":  {"id", "name", "kind", "latitude", "longitude"},
		"meetings":   {"id", "participants", "status", "kind", "location", "date", "evidence"},
		"statements": {"id", "speaker", "text", "kind", "evidence"},
	}
	for key, fields := range required {
		raw, ok := doc[key]
		if !ok {
			t.Errorf("missing top-level key %q", key)
			continue
		}
		var items []map[string]any
		if key == "article" {
			var one map[string]any
			json.Unmarshal(raw, &one)
			items = []map[string]any{one}
		} else if err := json.Unmarshal(raw, &items); err != nil {
			t.Errorf("%s is not a list: %v", key, err)
			continue
		}
		if len(items) == 0 {
			t.Errorf("%s is empty on the reference article", key)
		}
		for _, it := range items {
			for _, f := range fields {
				if _, ok := it[f]; !ok {
					t.Errorf("%s item lacks %q: %v", key, f, it)
				}
			}
		}
	}

	var facts struct {
		Actors []struct {
			Name, Type string
		}
		Meetings []struct {
			Participants []string
			Status       string
			Evidence     struct {
				Sentence   string
				Start, End int
			}
		}
	}
	json.Unmarshal([]byte(lines[0]), &facts)
	people := map[string]bool{}
	for _, a := range facts.Actors {
		if a.Type == "Person" {
			people[a.Name] = true
		}
	}
	for _, name := range []string{"Mike Pompeo", "Kim Jong Un", "Donald Trump", "Shinzo Abe"} {
		if !people[name] {
			t.Errorf("%s is not among the Person actors %v", name, people)
		}
	}
	text, _ := os.ReadFile(referenceArticle)
	runes := []rune(string(text))
	held := false
	for _, m := range facts.Meetings {
		if m.Evidence.End > len(runes) || string(runes[m.Evidence.Start:m.Evidence.End]) != m.Evidence.Sentence {
			t.Errorf("meeting evidence offsets %d:%d do not point at %q", m.Evidence.Start, m.Evidence.End, m.Evidence.Sentence)
		}
		if m.Status == "held" && contains(m.Participants, "Mike Pompeo") && contains(m.Participants, "Kim Jong Un") {
			held = true
		}
	}
	if !held {
		t.Errorf("no held meeting between Mike Pompeo and Kim Jong Un: %+v", facts.Meetings)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestCypherFormatIsParameterised(t *testing.T) {
	out, _, err := extract(t, "cypher", referenceArticle)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, ":param rows => [") || !strings.Contains(out, "UNWIND $rows AS row") {
		t.Fatalf("cypher output lacks :param / UNWIND:\n%.500s", out)
	}
	// Every statement is preceded by its parameter; no value is in a query.
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "MERGE") && strings.Contains(line, "Pompeo") {
			t.Errorf("a value was spliced into a query: %s", line)
		}
	}
}

func TestBadFilesAreReportedByName(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile(referenceArticle)
	os.WriteFile(filepath.Join(dir, "a-good.txt"), good, 0o644)
	os.WriteFile(filepath.Join(dir, "b-empty.txt"), nil, 0o644)
	out, errOut, err := extract(t, "json", dir)
	if err == nil {
		t.Fatal("want a failure for the empty file")
	}
	if !strings.Contains(errOut, "b-empty.txt") || !strings.Contains(errOut, "empty") {
		t.Errorf("stderr should name the empty file and the reason: %q", errOut)
	}
	if strings.Count(strings.TrimSpace(out), "\n") != 0 || !strings.Contains(out, "a-good.txt") {
		t.Errorf("the good article should still be printed:\n%.300s", out)
	}
}
