// Package lexicon reads the word lists the extraction stages are built on
// and holds the lists several stages share.
//
// Word lists are data, not code: each is a text file embedded in the
// package that uses it (its lexicon/ directory), with a comment header
// saying what the list is for. Two formats:
//
// Every file opens with a comment saying what the list is for.
//
//   - a word list (.txt): one entry per line; "#" starts a comment line,
//     and a comment may follow an entry after white space; blank lines are
//     skipped; entries are unique and hold no white space.
//   - a table (.tsv): tab-separated, comment lines as above, and a first
//     line naming the columns. Stages look columns up by name, so a table
//     can grow columns without breaking its readers.
//
// A package reads its lists through a Dir at initialisation. The lists are
// embedded, so a malformed one is a programming error: Dir panics, naming
// the file and line, and the package's tests fail; Unread lets them check
// that no file is left that nothing reads.
package lexicon

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// Words reads the word list name from fsys as a set.
func Words(fsys fs.FS, name string) (map[string]bool, error) {
	lines, err := readLines(fsys, name)
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(lines))
	for _, l := range lines {
		entry, rest, _ := strings.Cut(strings.TrimSpace(strings.ReplaceAll(l.text, "\t", " ")), " ")
		if rest = strings.TrimSpace(rest); rest != "" && !strings.HasPrefix(rest, "#") {
			return nil, fmt.Errorf("%s:%d: %q: one entry per line (a comment after it starts with #)", name, l.num, l.text)
		}
		if set[entry] {
			return nil, fmt.Errorf("%s:%d: %q is listed twice", name, l.num, entry)
		}
		set[entry] = true
	}
	if len(set) == 0 {
		return nil, fmt.Errorf("%s: no entries", name)
	}
	return set, nil
}

// Table is a tab-separated lexicon: named columns, one entry per row.
type Table struct {
	Name    string
	Columns []string
	Rows    []Row
}

// Row is one entry of a table.
type Row struct {
	Line   int // line number in the file, for error messages
	fields map[string]string
}

// Get returns the row's value in the named column.
func (r Row) Get(column string) string { return r.fields[column] }

// ReadTable reads the table name from fsys. It fails when a column the
// caller needs is missing, or a row has more or fewer fields than columns.
func ReadTable(fsys fs.FS, name string, required ...string) (*Table, error) {
	lines, err := readLines(fsys, name)
	if err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("%s: no header line naming the columns", name)
	}
	if len(lines) == 1 {
		return nil, fmt.Errorf("%s: no entries", name)
	}
	t := &Table{Name: name, Columns: strings.Split(lines[0].text, "\t")}
	have := map[string]bool{}
	for _, c := range t.Columns {
		have[c] = true
	}
	for _, c := range required {
		if !have[c] {
			return nil, fmt.Errorf("%s:%d: no column %q (columns %q)", name, lines[0].num, c, t.Columns)
		}
	}
	for _, l := range lines[1:] {
		fields := strings.Split(l.text, "\t")
		if len(fields) != len(t.Columns) {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d (%s)", name, l.num, len(fields), len(t.Columns), strings.Join(t.Columns, ", "))
		}
		row := Row{Line: l.num, fields: make(map[string]string, len(fields))}
		for i, f := range fields {
			row.fields[t.Columns[i]] = strings.TrimSpace(f)
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// Errorf reports a bad value in row r of the table, naming file and line.
func (t *Table) Errorf(r Row, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", t.Name, r.Line, fmt.Sprintf(format, args...))
}

// Map reads the table as key column -> value column; every value must be
// one of allowed. It panics otherwise, naming the file and line.
func (t *Table) Map(key, value string, allowed ...string) map[string]string {
	out := make(map[string]string, len(t.Rows))
	for _, r := range t.Rows {
		v := r.Get(value)
		if !slices.Contains(allowed, v) {
			panic(t.Errorf(r, "%s %q, want one of %s", value, v, strings.Join(allowed, ", ")))
		}
		out[r.Get(key)] = v
	}
	return out
}

// Flags reads column of row r as a set of comma-separated flags, "-" for
// none; every flag must be one of known. It panics otherwise.
func (t *Table) Flags(r Row, column string, known ...string) map[string]bool {
	set := map[string]bool{}
	if r.Get(column) == "-" {
		return set
	}
	for _, fl := range strings.Split(r.Get(column), ",") {
		if !slices.Contains(known, fl) {
			panic(t.Errorf(r, "unknown flag %q (known: %s)", fl, strings.Join(known, ", ")))
		}
		set[fl] = true
	}
	return set
}

type line struct {
	num  int
	text string
}

// Dir is the lexicon directory of a package, embedded in the binary.
type Dir struct {
	fsys fs.FS
	root string
	read map[string]bool
}

// Embedded reads the lists under root in fsys (an embed.FS).
func Embedded(fsys fs.FS, root string) *Dir {
	return &Dir{fsys: fsys, root: root, read: map[string]bool{}}
}

// Words reads the word list name; it panics when the list is malformed.
func (d *Dir) Words(name string) map[string]bool {
	set, err := Words(d.fsys, d.path(name))
	if err != nil {
		panic("lexicon: " + err.Error())
	}
	return set
}

// Table reads the table name; it panics when the table is malformed or
// lacks a required column.
func (d *Dir) Table(name string, required ...string) *Table {
	t, err := ReadTable(d.fsys, d.path(name), required...)
	if err != nil {
		panic("lexicon: " + err.Error())
	}
	return t
}

func (d *Dir) path(name string) string {
	d.read[name] = true
	if d.root == "" || d.root == "." {
		return name
	}
	return d.root + "/" + name
}

// Unread lists the files of the directory the package has not read.
func (d *Dir) Unread() ([]string, error) {
	entries, err := fs.ReadDir(d.fsys, cmp.Or(d.root, "."))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && !d.read[e.Name()] {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

// readLines returns the lines of a lexicon file that are neither blank
// nor comments, with their line numbers.
func readLines(fsys fs.FS, name string) ([]line, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte("#")) {
		return nil, fmt.Errorf("%s:1: no comment header saying what the list is for", name)
	}
	var out []line
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimRight(sc.Text(), " \r")
		if t := strings.TrimSpace(text); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		out = append(out, line{num: n, text: text})
	}
	return out, sc.Err()
}
