package export

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/graph"
)

// Cypher writes a Cypher script that recreates the subgraph, for
// cypher-shell -f or Neo4j Browser. It first creates newsgraph's
// constraints and indexes (IF NOT EXISTS), then MERGEs every node on its
// id under its key label (the label newsgraph's constraints cover) and
// every relationship on its endpoints and natural key (meetingId for MET,
// visitId for VISITED, every property for types newsgraph does not know),
// so loading the script twice changes nothing. Values are Cypher literals
// (temporal values as date('...'), datetime('...'), ...), escaped with
// graph.QuoteString. Rows go in UNWIND batches; every statement ends with
// ";" at the end of a line and no other line does, so the script can also
// be split into statements line by line.
type Cypher struct {
	w       *bufio.Writer
	schema  []string
	started bool
	inRels  bool
	batches map[string]*cypherBatch
	order   []*cypherBatch
	nodes   int64
	rels    int64
}

type cypherBatch struct {
	head, tail string // the statement around the rows
	rows       []string
	size       int
}

// Batches are flushed at this many rows or bytes, which keeps statements
// small for cypher-shell and memory flat for large exports.
const (
	cypherBatchRows  = 500
	cypherBatchBytes = 512 << 10
)

// mergeLabels are the labels newsgraph MERGEs on, most specific first: a
// Country is also an Actor and a Location, and newsgraph MERGEs it on
// :Country.
var mergeLabels = []string{"Article", "Meeting", "Statement", "Country", "Actor", "Location"}

// relationshipKeys are the properties that tell apart relationships of a
// newsgraph type between the same two nodes; the other newsgraph types
// exist at most once per pair.
var relationshipKeys = map[string][]string{
	"MET":          {"meetingId"},
	"VISITED":      {"visitId"},
	"ATTENDED":     {},
	"HELD_AT":      {},
	"REPORTED_IN":  {},
	"SAID":         {},
	"ADDRESSED_TO": {},
	"MENTIONS":     {},
	"PART_OF":      {},
}

// NewCypher returns a writer of a Cypher script to out. schema are the
// statements that create the constraints and indexes (see
// schema.Migrations); they run first.
func NewCypher(out io.Writer, schema []string) *Cypher {
	return &Cypher{w: bufio.NewWriterSize(out, 64<<10), schema: schema, batches: map[string]*cypherBatch{}}
}

func (c *Cypher) start() {
	if c.started {
		return
	}
	c.started = true
	c.w.WriteString(`// newsgraph export: a Cypher script that recreates the exported subgraph.
// Load it with: cypher-shell -a neo4j://HOST:7687 -u neo4j -f FILE
// (or paste it into Neo4j Browser). Nodes are MERGEd on their id and
// relationships on their endpoints and keys: loading it twice changes nothing.

// Constraints and indexes first, so that every MERGE is an index look-up.
`)
	for _, s := range c.schema {
		c.w.WriteString(strings.TrimSuffix(strings.TrimSpace(s), ";"))
		c.w.WriteString(";\n")
	}
	c.w.WriteString("\n// Nodes.\n")
}

// MergeLabel is the label a node is MERGEd on in the script: the first of
// newsgraph's constrained labels it has, else its first label, else none.
func MergeLabel(labels []string) string {
	for _, m := range mergeLabels {
		if hasLabel(labels, m) {
			return m
		}
	}
	if len(labels) > 0 {
		return sortLabels(labels)[0]
	}
	return ""
}

func nodePattern(variable, label, idExpr string) string {
	if label == "" {
		return "(" + variable + " {id: " + idExpr + "})"
	}
	return "(" + variable + ":" + graph.QuoteName(label) + " {id: " + idExpr + "})"
}

// WriteNode implements Writer.
func (c *Cypher) WriteNode(n Node) error {
	if c.inRels {
		return fmt.Errorf("cypher: node %s after the relationships", n.ID)
	}
	c.start()
	key := MergeLabel(n.Labels)
	var extra []string
	for _, l := range n.Labels {
		if l != key {
			extra = append(extra, graph.QuoteName(l))
		}
	}
	sig := "n\x00" + key + "\x00" + strings.Join(extra, ":")
	b, ok := c.batches[sig]
	if !ok {
		set := "SET n += row.props"
		if len(extra) > 0 {
			set += ", n:" + strings.Join(extra, ":")
		}
		b = &cypherBatch{head: "UNWIND [\n", tail: "\n] AS row\nMERGE " + nodePattern("n", key, "row.id") + "\n" + set + ";\n"}
		c.batches[sig] = b
		c.order = append(c.order, b)
	}
	var row strings.Builder
	row.WriteString("  {id: ")
	row.WriteString(graph.QuoteString(n.ID))
	row.WriteString(", props: ")
	writeCypherMap(&row, n.Props)
	row.WriteString("}")
	c.nodes++
	return c.add(b, row.String())
}

// WriteRelationship implements Writer.
func (c *Cypher) WriteRelationship(r Relationship) error {
	c.start()
	if !c.inRels {
		if err := c.flushAll(); err != nil {
			return err
		}
		c.inRels = true
		c.w.WriteString("\n// Relationships.\n")
	}
	keys, known := relationshipKeys[r.Type]
	if !known {
		keys = sortedKeys(r.Props)
	}
	var keyProps []string
	for _, k := range keys {
		if r.Props[k] != nil {
			keyProps = append(keyProps, k)
		}
	}
	startLabel, endLabel := MergeLabel(r.StartLabels), MergeLabel(r.EndLabels)
	sig := "r\x00" + r.Type + "\x00" + startLabel + "\x00" + endLabel + "\x00" + strings.Join(keyProps, "\x00")
	b, ok := c.batches[sig]
	if !ok {
		var pattern strings.Builder
		pattern.WriteString("[r:" + graph.QuoteName(r.Type))
		if len(keyProps) > 0 {
			pattern.WriteString(" {")
			for i, k := range keyProps {
				if i > 0 {
					pattern.WriteString(", ")
				}
				pattern.WriteString(graph.QuoteName(k) + ": row.props." + graph.QuoteName(k))
			}
			pattern.WriteString("}")
		}
		pattern.WriteString("]")
		b = &cypherBatch{head: "UNWIND [\n", tail: "\n] AS row\nMATCH " + nodePattern("a", startLabel, "row.start") +
			"\nMATCH " + nodePattern("b", endLabel, "row.end") +
			"\nMERGE (a)-" + pattern.String() + "->(b)\nSET r += row.props;\n"}
		c.batches[sig] = b
		c.order = append(c.order, b)
	}
	var row strings.Builder
	row.WriteString("  {start: ")
	row.WriteString(graph.QuoteString(r.StartID))
	row.WriteString(", end: ")
	row.WriteString(graph.QuoteString(r.EndID))
	row.WriteString(", props: ")
	writeCypherMap(&row, r.Props)
	row.WriteString("}")
	c.rels++
	return c.add(b, row.String())
}

func (c *Cypher) add(b *cypherBatch, row string) error {
	b.rows = append(b.rows, row)
	b.size += len(row)
	if len(b.rows) >= cypherBatchRows || b.size >= cypherBatchBytes {
		return c.flush(b)
	}
	return nil
}

func (c *Cypher) flush(b *cypherBatch) error {
	if len(b.rows) == 0 {
		return nil
	}
	c.w.WriteString(b.head)
	c.w.WriteString(strings.Join(b.rows, ",\n"))
	_, err := c.w.WriteString(b.tail)
	b.rows, b.size = b.rows[:0], 0
	return err
}

func (c *Cypher) flushAll() error {
	for _, b := range c.order {
		if err := c.flush(b); err != nil {
			return err
		}
	}
	return nil
}

// Close writes the pending batches.
func (c *Cypher) Close() error {
	c.start()
	if err := c.flushAll(); err != nil {
		return err
	}
	fmt.Fprintf(c.w, "\n// End of export: %d nodes, %d relationships.\n", c.nodes, c.rels)
	return c.w.Flush()
}

func writeCypherMap(b *strings.Builder, props map[string]any) {
	b.WriteByte('{')
	first := true
	for _, k := range sortedKeys(props) {
		if props[k] == nil {
			continue
		}
		if !first {
			b.WriteString(", ")
		}
		first = false
		b.WriteString(graph.QuoteName(k))
		b.WriteString(": ")
		writeCypherValue(b, props[k])
	}
	b.WriteByte('}')
}

// writeCypherValue writes a property value as a Cypher literal. Strings,
// booleans and integers go through graph.CypherLiteral; floats, temporal
// values and points, which it does not know, are written here.
func writeCypherValue(b *strings.Builder, v any) {
	if typeOf(v).list {
		b.WriteByte('[')
		for i, e := range listValues(v) {
			if i > 0 {
				b.WriteString(", ")
			}
			writeCypherValue(b, e)
		}
		b.WriteByte(']')
		return
	}
	switch x := v.(type) {
	case float64:
		b.WriteString(cypherFloat(x))
	case float32:
		b.WriteString(cypherFloat(float64(x)))
	case int, int32, int16, int8, uint8, uint16, uint32:
		b.WriteString(strconv.FormatInt(toInt64(x), 10))
	case dbtype.Date:
		b.WriteString("date(" + graph.QuoteString(x.String()) + ")")
	case time.Time:
		b.WriteString("datetime(" + graph.QuoteString(formatDateTime(x)) + ")")
	case dbtype.LocalDateTime:
		b.WriteString("localdatetime(" + graph.QuoteString(x.String()) + ")")
	case dbtype.Time:
		b.WriteString("time(" + graph.QuoteString(x.String()) + ")")
	case dbtype.LocalTime:
		b.WriteString("localtime(" + graph.QuoteString(x.String()) + ")")
	case dbtype.Duration:
		b.WriteString("duration(" + graph.QuoteString(x.String()) + ")")
	case dbtype.Point2D:
		fmt.Fprintf(b, "point({srid: %d, x: %s, y: %s})", x.SpatialRefId, cypherFloat(x.X), cypherFloat(x.Y))
	case dbtype.Point3D:
		fmt.Fprintf(b, "point({srid: %d, x: %s, y: %s, z: %s})", x.SpatialRefId, cypherFloat(x.X), cypherFloat(x.Y), cypherFloat(x.Z))
	case []byte:
		// Cypher has no byte-array literal; the bytes travel as base64 text.
		b.WriteString(graph.QuoteString(formatScalar(x)))
	default:
		b.WriteString(graph.CypherLiteral(x))
	}
}

// cypherFloat writes a float literal Cypher parses: its exponents take no
// "+" sign, and NaN and the infinities are written as divisions.
func cypherFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "(0.0/0.0)"
	case math.IsInf(f, 1):
		return "(1.0/0.0)"
	case math.IsInf(f, -1):
		return "(-1.0/0.0)"
	}
	s := strings.Replace(strconv.FormatFloat(f, 'g', -1, 64), "e+", "e", 1)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}
