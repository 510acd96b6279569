package lexicon

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

func TestWords(t *testing.T) {
	fsys := fstest.MapFS{
		"ok.txt":    {Data: []byte("# What the list is for.\n\nmet\nmeets   # with a comment\n\t's\n”\n")},
		"twice.txt": {Data: []byte("# header\nmet\nmet\n")},
		"two.txt":   {Data: []byte("# header\nmet meets\n")},
		"none.txt":  {Data: []byte("# only a header\n\n")},
	}
	set, err := Words(fsys, "ok.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"met", "meets", "'s", "”"}
	if len(set) != len(want) {
		t.Errorf("set = %v, want %q", set, want)
	}
	for _, w := range want {
		if !set[w] {
			t.Errorf("%q missing from %v", w, set)
		}
	}
	for _, tc := range []struct{ name, wantErr string }{
		{"twice.txt", "twice.txt:3: \"met\" is listed twice"},
		{"two.txt", "two.txt:2: \"met meets\": one entry per line"},
		{"missing.txt", "missing.txt"},
		{"none.txt", "none.txt: no entries"},
	} {
		if _, err := Words(fsys, tc.name); err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("Words(%s) error = %v, want one with %q", tc.name, err, tc.wantErr)
		}
	}
}

func TestReadTable(t *testing.T) {
	fsys := fstest.MapFS{
		"ok.tsv":     {Data: []byte("# What the table is for.\nform\tkind\tnote\n\nmet\tmeeting\t-\n# a comment row\ntalks\ttalks\tnoun\n")},
		"short.tsv":  {Data: []byte("# h\nform\tkind\nmet\n")},
		"nocol.tsv":  {Data: []byte("# h\nform\tnote\nmet\t-\n")},
		"empty.tsv":  {Data: []byte("# only a comment\n")},
		"bare.tsv":   {Data: []byte("form\tkind\nmet\tmeeting\n")},
		"header.tsv": {Data: []byte("# h\nform\tkind\n")},
	}
	tab, err := ReadTable(fsys, "ok.tsv", "form", "kind")
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 2 || tab.Rows[1].Get("form") != "talks" || tab.Rows[1].Get("note") != "noun" || tab.Rows[1].Line != 6 {
		t.Errorf("rows = %+v", tab.Rows)
	}
	if err := tab.Errorf(tab.Rows[0], "bad %s", "kind"); err.Error() != "ok.tsv:4: bad kind" {
		t.Errorf("Errorf = %q", err)
	}
	for _, tc := range []struct{ name, wantErr string }{
		{"short.tsv", "short.tsv:3: 1 fields, want 2"},
		{"nocol.tsv", "nocol.tsv:2: no column \"kind\""},
		{"bare.tsv", "bare.tsv:1: no comment header"},
		{"empty.tsv", "empty.tsv: no header line"},
		{"header.tsv", "header.tsv: no entries"},
	} {
		if _, err := ReadTable(fsys, tc.name, "form", "kind"); err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("ReadTable(%s) error = %v, want one with %q", tc.name, err, tc.wantErr)
		}
	}
}

func TestDir(t *testing.T) {
	fsys := fstest.MapFS{
		"lists/a.txt":   {Data: []byte("# header\nmet\n")},
		"lists/b.tsv":   {Data: []byte("# header\nform\tkind\nmet\tmeeting\n")},
		"lists/c.txt":   {Data: []byte("# nothing reads this one\nx\n")},
		"lists/bad.txt": {Data: []byte("# header\na\na\n")},
	}
	d := Embedded(fsys, "lists")
	if set := d.Words("a.txt"); !set["met"] {
		t.Errorf("a.txt = %v", set)
	}
	if tab := d.Table("b.tsv", "kind"); tab.Rows[0].Get("kind") != "meeting" {
		t.Errorf("b.tsv = %+v", tab.Rows)
	}
	func() {
		defer func() {
			if r := recover(); r == nil || !strings.Contains(r.(string), "lexicon: lists/bad.txt:3") {
				t.Errorf("recover() = %v, want a panic naming lists/bad.txt:3", r)
			}
		}()
		d.Words("bad.txt")
	}()
	unread, err := d.Unread()
	if err != nil || strings.Join(unread, ",") != "c.txt" {
		t.Errorf("Unread() = %q, %v; want [c.txt]", unread, err)
	}
}

func TestSharedListsAllRead(t *testing.T) {
	unread, err := shared.Unread()
	if err != nil || len(unread) > 0 {
		t.Errorf("lists read by nothing: %q (%v)", unread, err)
	}
	if !RoleNouns["officials"] || !ClauseStops["."] {
		t.Errorf("RoleNouns or ClauseStops lack their first entries")
	}
}

func TestTableMapAndFlags(t *testing.T) {
	fsys := fstest.MapFS{"t.tsv": {Data: []byte("# h\nword\tkind\tflags\nBy\tbyline\t-\nUpdated\tstamp\ta,b\nOops\tother\tc\n")}}
	tab, err := ReadTable(fsys, "t.tsv", "word", "kind", "flags")
	if err != nil {
		t.Fatal(err)
	}
	expectPanic := func(want string, f func()) {
		t.Helper()
		defer func() {
			if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), want) {
				t.Errorf("recover() = %v, want a panic with %q", r, want)
			}
		}()
		f()
	}
	expectPanic(`t.tsv:5: kind "other", want one of byline, stamp`, func() { tab.Map("word", "kind", "byline", "stamp") })
	if m := tab.Map("word", "kind", "byline", "stamp", "other"); m["Updated"] != "stamp" || len(m) != 3 {
		t.Errorf("Map = %v", m)
	}
	if fl := tab.Flags(tab.Rows[0], "flags", "a", "b"); len(fl) != 0 {
		t.Errorf("Flags(-) = %v, want none", fl)
	}
	if fl := tab.Flags(tab.Rows[1], "flags", "a", "b"); len(fl) != 2 || !fl["a"] || !fl["b"] {
		t.Errorf("Flags(a,b) = %v", fl)
	}
	expectPanic(`t.tsv:5: unknown flag "c" (known: a, b)`, func() { tab.Flags(tab.Rows[2], "flags", "a", "b") })
}
