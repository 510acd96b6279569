package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// ListSeparator joins the elements of list properties in the formats that
// have no lists (GraphML attributes, CSV array columns). In GraphML a
// separator or backslash inside an element is escaped with a backslash.
const ListSeparator = "|"

// GraphML writes GraphML (http://graphml.graphdrawing.org/) as Gephi,
// networkx, Cytoscape and igraph read it: typed <key> declarations; the
// node labels as a "labels" attribute ("Actor|Person"), the relationship
// type as "type"; a "label" attribute with a caption (Gephi shows it);
// integers as long, floats (coordinates) as double, booleans as boolean;
// dates and times as ISO 8601 strings; lists joined with "|".
//
// GraphML declares its keys before the graph, but which keys a streamed
// export needs is known only at its end, so the graph body goes to a
// temporary file and Close writes the header, then copies the body: memory
// stays flat however large the export.
type GraphML struct {
	out     io.Writer
	body    *os.File
	buf     *bufio.Writer
	keys    map[graphmlKeyRef]*graphmlKey
	order   []*graphmlKey
	inEdges bool
	closed  bool
}

type graphmlKeyRef struct {
	domain string // node or edge
	name   string
}

type graphmlKey struct {
	id     string
	domain string
	name   string
	typ    valueType
}

// Reserved GraphML attribute names: the properties that carry these names
// are written as prop_<name>.
var (
	graphmlNodeReserved = map[string]bool{"labels": true, "label": true}
	graphmlEdgeReserved = map[string]bool{"type": true, "label": true}
)

// NewGraphML returns a writer of GraphML to out. The body is staged in a
// temporary file in tempDir ("" for the system default).
func NewGraphML(out io.Writer, tempDir string) (*GraphML, error) {
	body, err := os.CreateTemp(tempDir, "newsgraph-export-*.graphml.part")
	if err != nil {
		return nil, fmt.Errorf("graphml: staging file: %w", err)
	}
	g := &GraphML{out: out, body: body, buf: bufio.NewWriterSize(body, 64<<10), keys: map[graphmlKeyRef]*graphmlKey{}}
	// The fixed attributes come first, so that they have the same key ids
	// in every export.
	g.key("node", "labels", valueType{kind: kindString})
	g.key("node", "label", valueType{kind: kindString})
	g.key("edge", "type", valueType{kind: kindString})
	g.key("edge", "label", valueType{kind: kindString})
	return g, nil
}

func (g *GraphML) key(domain, name string, t valueType) *graphmlKey {
	ref := graphmlKeyRef{domain, name}
	k, ok := g.keys[ref]
	if !ok {
		k = &graphmlKey{id: fmt.Sprintf("d%d", len(g.order)), domain: domain, name: name, typ: t}
		g.keys[ref] = k
		g.order = append(g.order, k)
		return k
	}
	k.typ = widenType(k.typ, t)
	return k
}

// WriteNode implements Writer.
func (g *GraphML) WriteNode(n Node) error {
	if g.inEdges {
		return fmt.Errorf("graphml: node %s after the relationships", n.ID)
	}
	g.buf.WriteString(`    <node id="`)
	xmlEscape(g.buf, n.ID)
	g.buf.WriteString("\">\n")
	g.data(g.key("node", "labels", valueType{kind: kindString}), strings.Join(n.Labels, ListSeparator))
	g.data(g.key("node", "label", valueType{kind: kindString}), Caption(n))
	g.props("node", n.Props, graphmlNodeReserved, n.ID)
	_, err := g.buf.WriteString("    </node>\n")
	return err
}

// WriteRelationship implements Writer.
func (g *GraphML) WriteRelationship(r Relationship) error {
	g.inEdges = true
	g.buf.WriteString(`    <edge id="`)
	xmlEscape(g.buf, r.Key)
	g.buf.WriteString(`" source="`)
	xmlEscape(g.buf, r.StartID)
	g.buf.WriteString(`" target="`)
	xmlEscape(g.buf, r.EndID)
	g.buf.WriteString("\">\n")
	g.data(g.key("edge", "type", valueType{kind: kindString}), r.Type)
	g.data(g.key("edge", "label", valueType{kind: kindString}), r.Type)
	g.props("edge", r.Props, graphmlEdgeReserved, nil)
	_, err := g.buf.WriteString("    </edge>\n")
	return err
}

// props writes the properties as data. id is the element's GraphML id: an
// "id" property with the same value is not repeated (Gephi reserves the
// name for its own Id column).
func (g *GraphML) props(domain string, props map[string]any, reserved map[string]bool, id any) {
	for _, name := range sortedKeys(props) {
		v := props[name]
		if v == nil || (name == "id" && v == id) {
			continue
		}
		g.data(g.key(domain, attrName(name, reserved), typeOf(v)), graphmlValue(v))
	}
}

func (g *GraphML) data(k *graphmlKey, text string) {
	g.buf.WriteString(`      <data key="`)
	g.buf.WriteString(k.id)
	g.buf.WriteString(`">`)
	xmlEscape(g.buf, text)
	g.buf.WriteString("</data>\n")
}

// graphmlValue is a property's GraphML text. List elements are joined with
// ListSeparator; an element containing the separator or a backslash has
// them escaped with a backslash.
func graphmlValue(v any) string {
	if typeOf(v).list {
		elems := listValues(v)
		parts := make([]string, len(elems))
		for i, e := range elems {
			s := formatScalar(e)
			if strings.ContainsAny(s, ListSeparator+`\`) {
				s = strings.ReplaceAll(s, `\`, `\\`)
				s = strings.ReplaceAll(s, ListSeparator, `\`+ListSeparator)
			}
			parts[i] = s
		}
		return strings.Join(parts, ListSeparator)
	}
	return formatScalar(v)
}

// graphmlType is the attr.type of a key. GraphML has no lists and no
// temporal types: they are strings.
func graphmlType(t valueType) string {
	if t.list {
		return "string"
	}
	switch t.kind {
	case kindInt:
		return "long"
	case kindFloat:
		return "double"
	case kindBool:
		return "boolean"
	}
	return "string"
}

// Discard removes the staged body without writing the document.
func (g *GraphML) Discard() error {
	if g.closed {
		return nil
	}
	g.closed = true
	g.body.Close()
	return os.Remove(g.body.Name())
}

// Close writes the document: header, keys, the staged graph body, footer.
func (g *GraphML) Close() error {
	if g.closed {
		return nil
	}
	g.closed = true
	defer os.Remove(g.body.Name())
	defer g.body.Close()
	if err := g.buf.Flush(); err != nil {
		return fmt.Errorf("graphml: staging file: %w", err)
	}
	w := bufio.NewWriterSize(g.out, 64<<10)
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	keys := append([]*graphmlKey(nil), g.order...)
	sort.SliceStable(keys, func(i, j int) bool { return keys[i].domain > keys[j].domain }) // node keys, then edge keys
	for _, k := range keys {
		fmt.Fprintf(w, `  <key id="%s" for="%s" attr.name="`, k.id, k.domain)
		xmlEscape(w, k.name)
		fmt.Fprintf(w, "\" attr.type=\"%s\"/>\n", graphmlType(k.typ))
	}
	w.WriteString("  <graph id=\"newsgraph\" edgedefault=\"directed\">\n")
	if _, err := g.body.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("graphml: staging file: %w", err)
	}
	if _, err := io.Copy(w, g.body); err != nil {
		return fmt.Errorf("graphml: %w", err)
	}
	w.WriteString("  </graph>\n</graphml>\n")
	return w.Flush()
}

// xmlEscape writes s as XML character data or attribute value. Characters
// XML 1.0 cannot carry (most control characters) become U+FFFD.
// EscapeText also escapes quotes, tabs and newlines, so the same text
// serves attribute values. Write errors stick in w and surface at Flush.
func xmlEscape(w *bufio.Writer, s string) {
	_ = xml.EscapeText(w, []byte(s))
}
