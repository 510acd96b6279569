package source

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/ingest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output:\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

func TestExtractHTMLKeepsTheArticleAndDropsBoilerplate(t *testing.T) {
	page, err := os.ReadFile("testdata/summit-page.html")
	if err != nil {
		t.Fatal(err)
	}
	art, err := ExtractHTML(page, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "summit-page.golden.txt", art.Text)
	if art.Title != "Moon and Kim Meet at Panmunjom" {
		t.Errorf("title = %q", art.Title)
	}
	if want := time.Date(2018, 4, 27, 10, 30, 0, 0, time.UTC); !art.Published.Equal(want) {
		t.Errorf("published = %v, want %v", art.Published, want)
	}
	for _, boilerplate := range []string{"Subscribe", "cookies", "Related stories", "All rights reserved", "analytics", "display: flex"} {
		if strings.Contains(art.Text, boilerplate) {
			t.Errorf("boilerplate %q left in the text", boilerplate)
		}
	}
	if !strings.HasPrefix(art.Text, art.Title+"\n\n") || strings.HasPrefix(art.Body, art.Title) {
		t.Errorf("Text must start with the title block and Body without it:\n%s", art.Text)
	}
	// The layout ingest.Parse reads: the title, then one segment per paragraph.
	doc, err := ingest.Parse(ingest.Article{Source: "x", Text: []byte(art.Text)})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Info.Title != art.Title || len(doc.Segments) < 5 {
		t.Errorf("parsed title %q with %d segments, want the page title and 5+ segments", doc.Info.Title, len(doc.Segments))
	}
}

func TestExtractHTMLDecodesTheDeclaredCharset(t *testing.T) {
	page, err := os.ReadFile("testdata/latin1-page.html")
	if err != nil {
		t.Fatal(err)
	}
	art, err := ExtractHTML(page, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(art.Text, "Zürich") || !strings.Contains(art.Title, "Café") {
		t.Errorf("latin-1 page not decoded:\n%s", art.Text)
	}
	if err := ingest.Validate([]byte(art.Text), 0); err != nil {
		t.Errorf("extracted text does not validate: %v", err)
	}
}

func TestExtractHTMLRejectsBadPages(t *testing.T) {
	tests := []struct {
		name        string
		page        string
		contentType string
		want        error
	}{
		{"empty", "  \n ", "", ingest.ErrEmpty},
		{"binary", "<html>\x00\x01\x02</html>", "", ingest.ErrBinary},
		{"declared utf-8 but latin-1", "<html><body><p>Caf\xe9</p></body></html>", "text/html; charset=utf-8", ingest.ErrNotUTF8},
		{"no text", "<html><head><title>x</title></head><body><script>var a;</script></body></html>", "", ingest.ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ExtractHTML([]byte(tt.page), tt.contentType, nil)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
