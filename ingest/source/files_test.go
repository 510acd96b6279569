package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/ingest"
)

// write creates files under dir from a map of relative path to content.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// collect runs a source and returns its articles by identity.
func collect(t *testing.T, src ingest.Source) map[string]ingest.Article {
	t.Helper()
	out := map[string]ingest.Article{}
	err := src.Articles(context.Background(), func(a ingest.Article) error {
		if _, dup := out[a.Source]; dup {
			t.Errorf("%s yielded twice", a.Source)
		}
		out[a.Source] = a
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func keys(m map[string]ingest.Article) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

const story = "Title\n\nMike Pompeo met Kim Jong Un in Pyongyang.\n"

func TestFilesReadsEveryFormatByExtension(t *testing.T) {
	dir := t.TempDir()
	page, err := os.ReadFile("testdata/summit-page.html")
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, map[string]string{
		"a.txt":         story,
		"b.html":        string(page),
		"c.jsonl":       `{"title":"One","text":"Body one."}` + "\n" + `{"title":"Two","text":"Body two.","url":"https://example.org/two"}` + "\n",
		"notes.md":      "not an article format",
		".hidden/x.txt": story,
	})
	got := collect(t, Files{Paths: []string{dir}})
	want := []string{
		filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.html"), filepath.Join(dir, "c.jsonl") + "#1", "https://example.org/two",
	}
	sort.Strings(want)
	if strings.Join(keys(got), "\n") != strings.Join(want, "\n") {
		t.Fatalf("identities:\n%s\nwant:\n%s", strings.Join(keys(got), "\n"), strings.Join(want, "\n"))
	}
	html := got[filepath.Join(dir, "b.html")]
	if html.Err != nil || !strings.HasPrefix(string(html.Text), "Moon and Kim Meet at Panmunjom\n\n") || strings.Contains(string(html.Text), "<p>") {
		t.Errorf("HTML file not reduced to its text: err %v\n%s", html.Err, html.Text)
	}
	if html.Published.IsZero() {
		t.Error("HTML publication time not taken from the page's metadata")
	}
	if two := got["https://example.org/two"]; string(two.Text) != "Two\n\nBody two." || two.URL != "https://example.org/two" {
		t.Errorf("JSON entry: text %q, url %q", two.Text, two.URL)
	}
}

func TestFilesIncludeAndExclude(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"2024/01/a.txt":     story,
		"2024/01/a.html":    "<html><body><p>x</p></body></html>",
		"2024/drafts/b.txt": story,
		"2023/c.txt":        story,
		"d.txt":             story,
	})
	got := collect(t, Files{Paths: []string{dir}, Include: []string{"2024/**/*.txt", "d.txt"}, Exclude: []string{"drafts"}})
	want := []string{filepath.Join(dir, "2024/01/a.txt"), filepath.Join(dir, "d.txt")}
	if strings.Join(keys(got), ",") != strings.Join(want, ",") {
		t.Errorf("got %v, want %v", keys(got), want)
	}
}

func TestFilesShardsSplitTheWorkWithoutOverlap(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	var lines []string
	for i := 0; i < 30; i++ {
		files[filepath.Join("d", string(rune('a'+i%26))+strings.Repeat("x", i/26)+".txt")] = story
		lines = append(lines, `{"id":"`+string(rune('a'+i%26))+strings.Repeat("y", i/26)+`","text":"Body."}`)
	}
	files["d/all.jsonl"] = strings.Join(lines, "\n")
	write(t, dir, files)
	all := collect(t, Files{Paths: []string{dir}})
	if len(all) != 60 {
		t.Fatalf("unsharded: %d articles, want 60", len(all))
	}
	union := map[string]int{}
	for k := 1; k <= 3; k++ {
		for id := range collect(t, Files{Paths: []string{dir}, Shard: Shard{Index: k, Count: 3}}) {
			union[id]++
		}
	}
	for id := range all {
		if union[id] != 1 {
			t.Errorf("%s taken by %d of 3 shards, want exactly 1", id, union[id])
		}
	}
}

func TestFilesFailuresNameTheFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"big.txt": strings.Repeat("word ", 100), "ok.txt": story})
	missing := filepath.Join(dir, "missing.txt")
	got := collect(t, Files{Paths: []string{dir, missing}, MaxBytes: 200})
	if a := got[filepath.Join(dir, "big.txt")]; !errors.Is(a.Err, ingest.ErrTooLarge) || a.Text != nil {
		t.Errorf("big.txt: err %v, %d bytes kept", a.Err, len(a.Text))
	}
	if a := got[missing]; !errors.Is(a.Err, ingest.ErrUnread) {
		t.Errorf("missing file: err %v", a.Err)
	}
	if a := got[filepath.Join(dir, "ok.txt")]; a.Err != nil || string(a.Text) != story {
		t.Errorf("ok.txt: err %v, text %q", a.Err, a.Text)
	}
}

func TestJSONLines(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "export.jsonl")
	write(t, dir, map[string]string{"export.jsonl": strings.Join([]string{
		`{"id":"a1","title":"Talks in Hanoi","text":"Kim met Trump in Hanoi.","published":"2019-02-27"}`,
		`{"title":"Broken", "text": "no closing brace"`,
		``,
		`{"url":"https://example.org/b","html":"<html><head><title>Page B</title></head><body><article><p>Moon met Xi in Seoul on Friday, officials said after the talks.</p></article></body></html>"}`,
		`{"title":"No body"}`,
		`{"text":"Has a bad date","published":"last Tuesday"}`,
		`{"text":12}`,
		`{"title":"Talks in Hanoi","text":"Talks in Hanoi\n\nThe title is already the first line."}`,
		`{"text":"Too long: ` + strings.Repeat("x", 70000) + `"}`,
	}, "\n")})
	got := collect(t, JSONLines{Path: path, MaxBytes: 100})
	ok := func(id, wantText string) {
		t.Helper()
		a, found := got[id]
		if !found || a.Err != nil {
			t.Errorf("%s: found %v, err %v", id, found, a.Err)
			return
		}
		if string(a.Text) != wantText {
			t.Errorf("%s: text %q, want %q", id, a.Text, wantText)
		}
	}
	ok(path+"#a1", "Talks in Hanoi\n\nKim met Trump in Hanoi.")
	if p := got[path+"#a1"].Published; !p.Equal(time.Date(2019, 2, 27, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("published = %v", p)
	}
	ok("https://example.org/b", "Page B\n\nMoon met Xi in Seoul on Friday, officials said after the talks.")
	ok(path+"#8", "Talks in Hanoi\n\nThe title is already the first line.")
	bad := func(line int, id string, want error, reason string) {
		t.Helper()
		a, found := got[id]
		if !found {
			t.Errorf("line %d: no failure named %s; got %v", line, id, keys(got))
			return
		}
		if !errors.Is(a.Err, want) || !strings.Contains(a.Err.Error(), reason) {
			t.Errorf("line %d: err %v, want %v mentioning %q", line, a.Err, want, reason)
		}
	}
	bad(2, path+":2", ErrMalformed, "unexpected end")
	bad(5, path+"#5", ErrMalformed, "line 5: the entry has neither")
	bad(6, path+"#6", ErrMalformed, "line 6: published")
	bad(7, path+":7", ErrMalformed, `"text"`)
	bad(9, path+":9", ingest.ErrTooLarge, "line longer")
	if len(got) != 8 {
		t.Errorf("got %d entries, want 8 (blank line skipped): %v", len(got), keys(got))
	}
}

// Count is what Articles yields, failures and JSON Lines entries included,
// for the whole source and for each shard.
func TestFilesCountMatchesWhatIsYielded(t *testing.T) {
	dir := t.TempDir()
	long := `{"text": "` + strings.Repeat("x", 3000) + `"}`
	write(t, dir, map[string]string{
		"a.txt":           story,
		"b/c.txt":         story,
		"b/page.html":     "<html><body><p>" + story + "</p></body></html>",
		"lines.jsonl":     `{"id": "1", "text": "One."}` + "\n\n" + `{"id": "2", "text": "Two."}` + "\n" + `{broken` + "\n" + long + "\n" + `{"url": "https://example.org/x", "text": "Three."}`,
		"notes.md":        "not an article",
		".hidden/d.txt":   story,
		"empty.txt":       "",
		"b/more/e.text":   story,
		"other/old.jsonl": "",
	})
	for _, src := range []Files{
		{Paths: []string{dir, filepath.Join(dir, "missing.txt"), filepath.Join(dir, "notes.md")}, MaxBytes: 1000},
		{Paths: []string{dir}, Include: []string{"b/**"}},
		{Paths: []string{dir}, Shard: Shard{Index: 1, Count: 2}, MaxBytes: 1000},
		{Paths: []string{dir}, Shard: Shard{Index: 2, Count: 2}, MaxBytes: 1000},
	} {
		want := len(collect(t, src))
		got, err := src.Count(context.Background())
		if err != nil || got != want {
			t.Errorf("%+v: Count = %d, %v; Articles yields %d", src, got, err, want)
		}
	}
}
