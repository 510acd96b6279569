package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ImportArgsFile is the file in a CSV export that lists the files for
// neo4j-admin: `neo4j-admin database import full @import.args DATABASE`,
// run in the export directory (see ImportCommand).
const ImportArgsFile = "import.args"

// ImportCommand is the shell command that imports the CSV export in dir
// into the database neo4j, as `newsgraph export` prints it: run it as it
// is, with the Neo4j server stopped (Community has one user database,
// which the import replaces; start the server again afterwards). dir is
// made absolute so that the command works from any directory.
func ImportCommand(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return "cd " + shellQuote(dir) + " && neo4j-admin database import full --overwrite-destination @" + ImportArgsFile + " neo4j"
}

// shellQuote quotes s for a POSIX shell unless it needs none.
func shellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_./@%+=:,-", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// CSV writes the CSV files of `neo4j-admin database import full`: one
// nodes file per label set (nodes_Actor_Person.csv) with the columns
// id:ID, :LABEL and one typed column per property (latitude:double,
// aliases:string[], date:date, published:datetime), and one relationships
// file per type (relationships_MET.csv) with :START_ID, :END_ID, :TYPE and
// the properties. Arrays and multiple labels are separated by "|"
// (--array-delimiter=|, written to import.args with the file list). An
// empty string is written as "" and a missing property as an empty field,
// which neo4j-admin imports as no property.
//
// Headers must list every column before the first row, and which columns a
// streamed export needs is known only at its end, so rows are staged in
// temporary files and Close writes the CSV files.
type CSV struct {
	dir     string
	created bool // the directory did not exist before
	tempDir string
	groups  map[string]*csvGroup
	order   []*csvGroup
	inRels  bool
	closed  bool
}

type csvGroup struct {
	rel    bool
	name   string // label set or type
	labels []string
	file   string
	spool  *os.File
	buf    *bufio.Writer
	enc    *json.Encoder
	cols   map[string]*csvColumn
	order  []*csvColumn
	rows   int64
}

type csvColumn struct {
	name string
	typ  valueType
}

// csvRow is a staged row: the id or endpoints and the property texts.
// A property that is absent is not in V; an empty list is "".
type csvRow struct {
	ID    string            `json:"i,omitempty"`
	Start string            `json:"s,omitempty"`
	End   string            `json:"e,omitempty"`
	V     map[string]string `json:"v"`
}

// NewCSV returns a writer of CSV import files into dir (created if
// missing). Rows are staged in tempDir ("" for the system default).
func NewCSV(dir, tempDir string) (*CSV, error) {
	_, statErr := os.Stat(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	return &CSV{dir: dir, tempDir: tempDir, groups: map[string]*csvGroup{}, created: os.IsNotExist(statErr)}, nil
}

// Discard removes the staged rows without writing the CSV files, and the
// directory if NewCSV created it.
func (c *CSV) Discard() error {
	if c.closed {
		return nil
	}
	c.closed = true
	for _, g := range c.order {
		g.spool.Close()
		os.Remove(g.spool.Name())
	}
	if c.created {
		os.Remove(c.dir) // only succeeds while it is empty
	}
	return nil
}

func (c *CSV) group(rel bool, name string, labels []string) (*csvGroup, error) {
	key := "n:" + name
	if rel {
		key = "r:" + name
	}
	if g, ok := c.groups[key]; ok {
		return g, nil
	}
	f, err := os.CreateTemp(c.tempDir, "newsgraph-export-*.csv.part")
	if err != nil {
		return nil, fmt.Errorf("csv: staging file: %w", err)
	}
	g := &csvGroup{rel: rel, name: name, labels: labels, spool: f, buf: bufio.NewWriterSize(f, 64<<10), cols: map[string]*csvColumn{}}
	g.enc = json.NewEncoder(g.buf)
	g.enc.SetEscapeHTML(false)
	c.groups[key] = g
	c.order = append(c.order, g)
	return g, nil
}

// WriteNode implements Writer.
func (c *CSV) WriteNode(n Node) error {
	if c.inRels {
		return fmt.Errorf("csv: node %s after the relationships", n.ID)
	}
	g, err := c.group(false, strings.Join(n.Labels, ListSeparator), n.Labels)
	if err != nil {
		return err
	}
	row := csvRow{ID: n.ID, V: map[string]string{}}
	for name, v := range n.Props {
		if name == "id" || v == nil {
			continue // the id:ID column
		}
		if err := g.add(row.V, name, v); err != nil {
			return fmt.Errorf("csv: node %s: %w", n.ID, err)
		}
	}
	g.rows++
	return g.enc.Encode(row)
}

// WriteRelationship implements Writer.
func (c *CSV) WriteRelationship(r Relationship) error {
	c.inRels = true
	g, err := c.group(true, r.Type, nil)
	if err != nil {
		return err
	}
	row := csvRow{Start: r.StartID, End: r.EndID, V: map[string]string{}}
	for name, v := range r.Props {
		if v == nil {
			continue
		}
		if err := g.add(row.V, name, v); err != nil {
			return fmt.Errorf("csv: %s relationship %s->%s: %w", r.Type, r.StartID, r.EndID, err)
		}
	}
	g.rows++
	return g.enc.Encode(row)
}

func (g *csvGroup) add(values map[string]string, name string, v any) error {
	if strings.ContainsAny(name, ":") {
		return fmt.Errorf("property %q: a name with ':' cannot be a neo4j-admin header", name)
	}
	t := typeOf(v)
	col, ok := g.cols[name]
	if !ok {
		col = &csvColumn{name: name, typ: t}
		g.cols[name] = col
		g.order = append(g.order, col)
	} else {
		col.typ = widenType(col.typ, t)
	}
	if !t.list {
		values[name] = formatScalar(v)
		return nil
	}
	elems := listValues(v)
	parts := make([]string, len(elems))
	for i, e := range elems {
		s := formatScalar(e)
		if strings.Contains(s, ListSeparator) {
			return fmt.Errorf("property %q: list element %q contains the array delimiter %q, which neo4j-admin cannot escape (use --format cypher or json)", name, s, ListSeparator)
		}
		parts[i] = s
	}
	values[name] = strings.Join(parts, ListSeparator)
	return nil
}

// csvType is the neo4j-admin header type of a column ("" for string).
func csvType(t valueType) string {
	var s string
	switch t.kind {
	case kindInt:
		s = "long"
	case kindFloat:
		s = "double"
	case kindBool:
		s = "boolean"
	case kindDate:
		s = "date"
	case kindDateTime:
		s = "datetime"
	case kindLocalDateTime:
		s = "localdatetime"
	case kindTime:
		s = "time"
	case kindLocalTime:
		s = "localtime"
	case kindDuration:
		s = "duration"
	case kindPoint:
		s = "point"
	default:
		s = "string"
	}
	if t.list {
		return s + "[]"
	}
	if s == "string" {
		return ""
	}
	return s
}

// Files returns the names of the CSV files Close wrote, nodes first.
func (c *CSV) Files() []string {
	var out []string
	for _, g := range c.order {
		if g.file != "" {
			out = append(out, g.file)
		}
	}
	return out
}

// Close writes the CSV files and import.args, and removes the staging
// files.
func (c *CSV) Close() error {
	if c.closed {
		return nil
	}
	c.closed = true
	defer func() {
		for _, g := range c.order {
			g.spool.Close()
			os.Remove(g.spool.Name())
		}
	}()
	used := map[string]bool{}
	var args []string
	for _, g := range c.order {
		g.file = c.fileName(g, used)
		if err := c.writeGroup(g); err != nil {
			return err
		}
		if g.rel {
			args = append(args, "--relationships="+g.file)
		} else {
			args = append(args, "--nodes="+g.file)
		}
	}
	// Nodes before relationships, as neo4j-admin lists them; the groups
	// are already in that order because every node precedes every
	// relationship.
	args = append(args, "--array-delimiter="+ListSeparator, "--multiline-fields=true")
	body := strings.Join(args, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(c.dir, ImportArgsFile), []byte(body), 0o644); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return nil
}

func (c *CSV) fileName(g *csvGroup, used map[string]bool) string {
	base := "nodes"
	parts := g.labels
	if g.rel {
		base, parts = "relationships", []string{g.name}
	}
	for _, p := range parts {
		base += "_" + safeFileName(p)
	}
	name := base + ".csv"
	for i := 2; used[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s_%d.csv", base, i)
	}
	used[strings.ToLower(name)] = true
	return name
}

func safeFileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '_' || r == '-' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

func (c *CSV) writeGroup(g *csvGroup) (err error) {
	if err := g.buf.Flush(); err != nil {
		return fmt.Errorf("csv: staging file: %w", err)
	}
	if _, err := g.spool.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("csv: staging file: %w", err)
	}
	cols := append([]*csvColumn(nil), g.order...)
	sort.Slice(cols, func(i, j int) bool { return cols[i].name < cols[j].name })

	path := filepath.Join(c.dir, g.file)
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("csv: %s: %w", path, cerr)
		}
	}()
	w := bufio.NewWriterSize(f, 64<<10)
	var header []string
	if g.rel {
		header = []string{":START_ID", ":END_ID", ":TYPE"}
	} else {
		header = []string{"id:ID", ":LABEL"}
	}
	for _, col := range cols {
		h := col.name
		if t := csvType(col.typ); t != "" {
			h += ":" + t
		}
		header = append(header, h)
	}
	writeCSVRecord(w, header, nil)

	dec := json.NewDecoder(bufio.NewReaderSize(g.spool, 64<<10))
	fields := make([]string, len(header))
	present := make([]bool, len(header))
	for {
		var row csvRow
		if err := dec.Decode(&row); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("csv: reading staged rows: %w", err)
		}
		var i int
		if g.rel {
			fields[0], fields[1], fields[2] = row.Start, row.End, g.name
			i = 3
		} else {
			fields[0], fields[1] = row.ID, strings.Join(g.labels, ListSeparator)
			i = 2
		}
		for j := 0; j < i; j++ {
			present[j] = true
		}
		if !g.rel && len(g.labels) == 0 {
			present[1] = false // no labels: an empty :LABEL field
		}
		for _, col := range cols {
			text, ok := row.V[col.name]
			// An empty list has no CSV spelling that neo4j-admin reads
			// back as a list; an empty field leaves the property out.
			if ok && text == "" && col.typ.list {
				ok = false
			}
			fields[i], present[i] = text, ok
			i++
		}
		writeCSVRecord(w, fields, present)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("csv: %s: %w", path, err)
	}
	return nil
}

// writeCSVRecord writes one record. A present empty string is quoted ("")
// so that neo4j-admin stores an empty string; an absent value is an empty
// field, which it skips. present nil means every field is present.
func writeCSVRecord(w *bufio.Writer, fields []string, present []bool) {
	for i, f := range fields {
		if i > 0 {
			w.WriteByte(',')
		}
		if present != nil && !present[i] {
			continue
		}
		if f == "" || strings.ContainsAny(f, ",\"\r\n") || strings.TrimSpace(f) != f {
			w.WriteByte('"')
			w.WriteString(strings.ReplaceAll(f, `"`, `""`))
			w.WriteByte('"')
		} else {
			w.WriteString(f)
		}
	}
	w.WriteByte('\n')
}
