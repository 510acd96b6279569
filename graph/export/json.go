package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// NodeLink writes node-link JSON, the format of networkx's node_link_data /
// node_link_graph and of D3's force layouts:
//
//	{"directed": true, "multigraph": true, "graph": {},
//	 "nodes": [{"id": ..., "labels": [...], "label": caption, <properties>}],
//	 "links": [{"source": id, "target": id, "key": "e0", "type": "MET", <properties>}]}
//
// The edge list is called "links", networkx's name before 3.4 and D3's;
// networkx 3.4 and later read it with node_link_graph(data, edges="links").
// Properties keep their JSON types (lists stay arrays); dates and times are
// ISO 8601 strings; NaN and infinite floats, which JSON cannot carry, are
// null. Nodes and links are written as they arrive, one per line.
type NodeLink struct {
	w       *bufio.Writer
	state   int // 0 nothing written, 1 in nodes, 2 in links
	first   bool
	scratch bytes.Buffer
	enc     *json.Encoder
}

var (
	jsonNodeReserved = map[string]bool{"id": true, "labels": true, "label": true}
	jsonLinkReserved = map[string]bool{"source": true, "target": true, "key": true, "type": true}
)

// NewNodeLink returns a writer of node-link JSON to out.
func NewNodeLink(out io.Writer) *NodeLink {
	j := &NodeLink{w: bufio.NewWriterSize(out, 64<<10)}
	j.enc = json.NewEncoder(&j.scratch)
	j.enc.SetEscapeHTML(false)
	return j
}

func (j *NodeLink) begin(state int) {
	if j.state == 0 {
		j.w.WriteString(`{"directed": true, "multigraph": true, "graph": {}, "nodes": [`)
		j.state, j.first = 1, true
	}
	if state == 2 && j.state == 1 {
		j.w.WriteString("\n], \"links\": [")
		j.state, j.first = 2, true
	}
	if !j.first {
		j.w.WriteByte(',')
	}
	j.first = false
	j.w.WriteString("\n")
}

// WriteNode implements Writer.
func (j *NodeLink) WriteNode(n Node) error {
	if j.state == 2 {
		return fmt.Errorf("json: node %s after the links", n.ID)
	}
	j.begin(1)
	j.w.WriteString(`{"id": `)
	j.value(n.ID)
	j.w.WriteString(`, "labels": `)
	if n.Labels == nil {
		n.Labels = []string{} // [] rather than null
	}
	j.value(n.Labels)
	j.w.WriteString(`, "label": `)
	j.value(Caption(n))
	for _, name := range sortedKeys(n.Props) {
		v := n.Props[name]
		if name == "id" && v == n.ID {
			continue // it is the node's id already
		}
		j.member(attrName(name, jsonNodeReserved), v)
	}
	_, err := j.w.WriteString("}")
	return err
}

// WriteRelationship implements Writer.
func (j *NodeLink) WriteRelationship(r Relationship) error {
	j.begin(2)
	j.w.WriteString(`{"source": `)
	j.value(r.StartID)
	j.w.WriteString(`, "target": `)
	j.value(r.EndID)
	j.w.WriteString(`, "key": `)
	j.value(r.Key)
	j.w.WriteString(`, "type": `)
	j.value(r.Type)
	for _, name := range sortedKeys(r.Props) {
		j.member(attrName(name, jsonLinkReserved), r.Props[name])
	}
	_, err := j.w.WriteString("}")
	return err
}

func (j *NodeLink) member(name string, v any) {
	j.w.WriteString(", ")
	j.value(name)
	j.w.WriteString(": ")
	j.value(jsonValue(v))
}

func (j *NodeLink) value(v any) {
	j.scratch.Reset()
	if err := j.enc.Encode(v); err != nil {
		// Only unsupported Go types fail, and jsonValue maps every driver
		// type; null keeps the document valid regardless.
		j.w.WriteString("null")
		return
	}
	j.w.Write(bytes.TrimRight(j.scratch.Bytes(), "\n"))
}

// Close ends the document.
func (j *NodeLink) Close() error {
	switch j.state {
	case 0:
		j.w.WriteString(`{"directed": true, "multigraph": true, "graph": {}, "nodes": [], "links": []}`)
	case 1:
		j.w.WriteString("\n], \"links\": []}")
	case 2:
		j.w.WriteString("\n]}")
	}
	j.w.WriteString("\n")
	return j.w.Flush()
}

// jsonValue converts a driver value to what encoding/json writes as the
// natural JSON value.
func jsonValue(v any) any {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		// Always with a fraction or exponent: 36.0, not 36, which
		// Python and most JSON readers would make an integer.
		return json.Number(formatFloat(x))
	case float32:
		return jsonValue(float64(x))
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case dbtype.Date, time.Time, dbtype.LocalDateTime, dbtype.Time, dbtype.LocalTime, dbtype.Duration:
		return formatScalar(x)
	case dbtype.Point2D:
		return map[string]any{"srid": x.SpatialRefId, "x": jsonValue(x.X), "y": jsonValue(x.Y)}
	case dbtype.Point3D:
		return map[string]any{"srid": x.SpatialRefId, "x": jsonValue(x.X), "y": jsonValue(x.Y), "z": jsonValue(x.Z)}
	}
	return v
}
