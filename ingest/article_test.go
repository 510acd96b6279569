package ingest

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

// parsedView is what the golden file records of a parsed article.
type parsedView struct {
	Info     ArticleInfo
	Segments []struct{ Kind, Text string }
}

func TestParseGolden(t *testing.T) {
	cases := []string{"pompeo-kim-2018-04-18.txt"}
	for _, name := range cases {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "testdata", "articles", name))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Parse(Article{Source: "testdata/" + name, Text: raw})
			if err != nil {
				t.Fatal(err)
			}
			var v parsedView
			v.Info = doc.Info
			for _, s := range doc.Segments {
				v.Segments = append(v.Segments, struct{ Kind, Text string }{string(s.Kind), doc.Text[s.Start:s.End]})
			}
			got, _ := json.MarshalIndent(v, "", "  ")
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".txt")+".parsed.golden.json")
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if strings.TrimSpace(string(want)) != strings.TrimSpace(string(got)) {
				t.Errorf("parse differs from %s (run go test -update after checking):\n%s", golden, got)
			}
		})
	}
}

func TestParseMetadata(t *testing.T) {
	raw, err := os.ReadFile("../testdata/articles/pompeo-kim-2018-04-18.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(Article{Source: "x", Text: raw})
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2018, 4, 18, 6, 49, 0, 0, time.UTC)
	if !doc.Published.Equal(want) {
		t.Errorf("published %v, want %v", doc.Published, want)
	}
	if !strings.HasPrefix(doc.Info.Title, "Trump Confirms CIA Chief Mike Pompeo") {
		t.Errorf("title %q", doc.Info.Title)
	}
	if doc.Info.Subtitle != "Talks went 'smoothly and a good relationship was formed'." {
		t.Errorf("subtitle %q", doc.Info.Subtitle)
	}
	for _, credit := range []string{"Aaron Bernstein / Reuters", "KCNA KCNA / Reuters", "Kevin Lamarque / Reuters"} {
		found := false
		for _, c := range doc.Info.Credits {
			found = found || c == credit
		}
		if !found {
			t.Errorf("credit %q not separated; credits %q", credit, doc.Info.Credits)
		}
	}
	for _, s := range doc.Segments {
		text := doc.Text[s.Start:s.End]
		if strings.Contains(text, "/ Reuters") || strings.Contains(text, "BST") {
			t.Errorf("segment %s carries a credit or dateline: %q", s.Kind, text)
		}
	}
}

func TestParseDatelines(t *testing.T) {
	tests := []struct {
		line string
		want string
	}{
		{"18/04/2018 07:49 BST | Updated 18/04/2018 11:59 BST", "2018-04-18T07:49:00+01:00"},
		{"09/05/2018 08:09 BST", "2018-05-09T08:09:00+01:00"},
		{"2018-04-18", "2018-04-18T00:00:00Z"},
		{"Published: 2019-01-02T10:00:00Z", "2019-01-02T10:00:00Z"},
	}
	for _, tt := range tests {
		doc, err := Parse(Article{Source: "x", Text: []byte(tt.line + "\n\nTitle\n\nBody text here.\n")})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Info.Published == nil || *doc.Info.Published != tt.want {
			t.Errorf("%q: published %v, want %s", tt.line, doc.Info.Published, tt.want)
		}
	}
	doc, _ := Parse(Article{Source: "x", Text: []byte("Just a headline\n\nAnd a body.\n")})
	if doc.Info.Published != nil || doc.Info.Title != "Just a headline" {
		t.Errorf("no dateline: published %v title %q", doc.Info.Published, doc.Info.Title)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		text []byte
		max  int
		want error
	}{
		{"ok", []byte("Some text.\n"), 0, nil},
		{"empty", []byte(""), 0, ErrEmpty},
		{"blank", []byte(" \n\t\n"), 0, ErrEmpty},
		{"binary", []byte("ELF\x00\x01\x02"), 0, ErrBinary},
		{"latin-1", []byte("Caf\xe9"), 0, ErrNotUTF8},
		{"too large", []byte(strings.Repeat("a", 101)), 100, ErrTooLarge},
	}
	for _, tt := range tests {
		err := Validate(tt.text, tt.max)
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("%s: Validate = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestArticleIDIsStable(t *testing.T) {
	if ArticleID("/a/b.txt") != ArticleID("/a/b.txt") || ArticleID("/a/b.txt") == ArticleID("/a/c.txt") {
		t.Error("article ids must depend on the source identity only")
	}
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string // the UTF-8 text, when it decodes
		charset string
		err     error
		reason  string
	}{
		{"utf-8 as it is", "Café in München\n", "Café in München\n", "", nil, ""},
		{"latin-1", "Caf\xe9 au lait in M\xfcnchen.\n", "Café au lait in München.\n", LegacyCharset, nil, ""},
		{"windows-1252 quotes, dash and euro", "\x93Talks\x94 \x96 worth \x80100m, a \xa315.8m deal", "“Talks” – worth €100m, a £15.8m deal", LegacyCharset, nil, ""},
		{"binary", "GIF89a\x00\x01\x02\xff", "", "", ErrBinary, ""},
		{"control characters", strings.Repeat("\x01\x02\x03 ab\xe9", 20), "", "", ErrBinary, ""},
		{"a byte Windows-1252 lacks", "Caf\xe9 \x81 bar", "", "", ErrNotUTF8, "byte 0x81 at offset 5"},
		{"cyrillic in windows-1251", "\xcf\xf0\xe5\xe7\xe8\xe4\xe5\xed\xf2 \xef\xf0\xe8\xe1\xfb\xeb \xe2 \xcc\xee\xf1\xea\xe2\xf3", "", "", ErrNotUTF8, "outside ASCII"},
	}
	for _, tc := range tests {
		out, charset, err := DecodeText([]byte(tc.in))
		switch {
		case tc.err != nil:
			if !errors.Is(err, tc.err) || !strings.Contains(fmt.Sprint(err), tc.reason) {
				t.Errorf("%s: %v, want %v with %q", tc.name, err, tc.err, tc.reason)
			}
		case err != nil || string(out) != tc.want || charset != tc.charset:
			t.Errorf("%s: %q, %q, %v; want %q, %q", tc.name, out, charset, err, tc.want, tc.charset)
		}
	}
}

// The BBC sport article 199 is Latin-1 ("a \xa315.8m signing").
func TestDecodeTextOfALatin1Article(t *testing.T) {
	raw, err := os.ReadFile("../../shared/data/bbc-news/sport/199.txt")
	if err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	if !errors.Is(Validate(raw, 0), ErrNotUTF8) {
		t.Fatalf("sport/199.txt should not be valid UTF-8")
	}
	out, charset, err := DecodeText(raw)
	if err != nil || charset != LegacyCharset || !strings.Contains(string(out), "a £15.8m signing") || Validate(out, 0) != nil {
		t.Errorf("decoded as %q (%v): %.120q", charset, err, out)
	}
}
