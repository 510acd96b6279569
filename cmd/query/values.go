package query

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Text renders a result value for a table cell, readably and close to
// Cypher's own notation: strings as they are (quoted inside lists and
// maps), datetimes in ISO 8601, points as point({latitude: ..,
// longitude: ..}), nodes as (:Label {key: value}), paths as
// (Mike Pompeo)-[:MET]->(Kim Jong Un) with the nodes' names.
func Text(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	var b strings.Builder
	writeText(&b, v)
	return b.String()
}

func writeText(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(quote(x))
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		b.WriteString(formatFloat(x))
	case []byte:
		b.WriteString("0x" + hex.EncodeToString(x))
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeText(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		writeMap(b, x)
	case dbtype.Node:
		b.WriteByte('(')
		for _, l := range x.Labels {
			b.WriteString(":" + l)
		}
		if len(x.Props) > 0 {
			if len(x.Labels) > 0 {
				b.WriteByte(' ')
			}
			writeMap(b, x.Props)
		}
		b.WriteByte(')')
	case dbtype.Relationship:
		b.WriteString("[:" + x.Type)
		if len(x.Props) > 0 {
			b.WriteByte(' ')
			writeMap(b, x.Props)
		}
		b.WriteByte(']')
	case dbtype.Path:
		b.WriteString(pathText(x))
	case dbtype.Point2D, dbtype.Point3D:
		b.WriteString("point(")
		writeMap(b, pointFields(x))
		b.WriteByte(')')
	default:
		if s, ok := temporalText(v); ok {
			b.WriteString(s)
			return
		}
		fmt.Fprint(b, v)
	}
}

func writeMap(b *strings.Builder, m map[string]any) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k + ": ")
		writeText(b, m[k])
	}
	b.WriteByte('}')
}

// quote quotes a string inside a list or map as JSON does, without
// escaping <, > and & for HTML.
func quote(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}

// formatFloat keeps a decimal point on whole numbers (40.0, as Cypher
// prints them), so that a float is not mistaken for an integer.
func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

// pathText draws a path with each node's caption and each relationship's
// direction: (Mike Pompeo)-[:MET]->(Kim Jong Un)<-[:SAID]-(...).
func pathText(p dbtype.Path) string {
	if len(p.Nodes) == 0 {
		return "()"
	}
	var b strings.Builder
	b.WriteString("(" + caption(p.Nodes[0]) + ")")
	for i, r := range p.Relationships {
		if i+1 >= len(p.Nodes) {
			break
		}
		prev, next := p.Nodes[i], p.Nodes[i+1]
		if r.StartElementId == prev.ElementId {
			b.WriteString("-[:" + r.Type + "]->")
		} else {
			b.WriteString("<-[:" + r.Type + "]-")
		}
		b.WriteString("(" + caption(next) + ")")
	}
	return b.String()
}

// caption names a node as Neo4j Browser's style does: its name, else its
// title, else its id, else its labels.
func caption(n dbtype.Node) string {
	for _, key := range []string{"name", "title", "id"} {
		if v, ok := n.Props[key]; ok && v != nil {
			return Text(v)
		}
	}
	if len(n.Labels) > 0 {
		return ":" + strings.Join(n.Labels, ":")
	}
	return n.ElementId
}

// Coordinate reference systems of Neo4j's points.
var crsNames = map[uint32]string{4326: "wgs-84", 4979: "wgs-84-3d", 7203: "cartesian", 9157: "cartesian-3d"}

// pointFields names a point's coordinates as Cypher's point() takes them.
func pointFields(v any) map[string]any {
	switch p := v.(type) {
	case dbtype.Point2D:
		if p.SpatialRefId == 4326 {
			return map[string]any{"longitude": p.X, "latitude": p.Y}
		}
		m := map[string]any{"x": p.X, "y": p.Y}
		if p.SpatialRefId != 7203 {
			m["srid"] = int64(p.SpatialRefId)
		}
		return m
	case dbtype.Point3D:
		if p.SpatialRefId == 4979 {
			return map[string]any{"longitude": p.X, "latitude": p.Y, "height": p.Z}
		}
		m := map[string]any{"x": p.X, "y": p.Y, "z": p.Z}
		if p.SpatialRefId != 9157 {
			m["srid"] = int64(p.SpatialRefId)
		}
		return m
	}
	return nil
}

// temporalText is the ISO 8601 form of Neo4j's temporal values; a datetime
// in a named time zone carries the zone as Neo4j writes it:
// 2018-04-18T07:49:00+01:00[Europe/London].
func temporalText(v any) (string, bool) {
	switch t := v.(type) {
	case time.Time:
		s := t.Format(time.RFC3339Nano)
		if zone := t.Location().String(); zone != "" && zone != "Offset" && zone != "UTC" && zone != "Local" {
			s += "[" + zone + "]"
		}
		return s, true
	case dbtype.Date:
		return t.String(), true
	case dbtype.LocalDateTime:
		return t.String(), true
	case dbtype.LocalTime:
		return t.String(), true
	case dbtype.Time:
		return t.String(), true
	case dbtype.Duration:
		return durationText(t), true
	}
	return "", false
}

// durationText writes a duration as Neo4j does: P1Y2M3DT4H5M6.5S, PT0S.
func durationText(d dbtype.Duration) string {
	var b strings.Builder
	b.WriteByte('P')
	if y := d.Months / 12; y != 0 {
		fmt.Fprintf(&b, "%dY", y)
	}
	if m := d.Months % 12; m != 0 {
		fmt.Fprintf(&b, "%dM", m)
	}
	if d.Days != 0 {
		fmt.Fprintf(&b, "%dD", d.Days)
	}
	total := time.Duration(d.Seconds)*time.Second + time.Duration(d.Nanos)
	if total != 0 || b.Len() == 1 {
		b.WriteByte('T')
		h := total / time.Hour
		total -= h * time.Hour
		m := total / time.Minute
		total -= m * time.Minute
		if h != 0 {
			fmt.Fprintf(&b, "%dH", h)
		}
		if m != 0 {
			fmt.Fprintf(&b, "%dM", m)
		}
		if total != 0 || h == 0 && m == 0 {
			b.WriteString(strconv.FormatFloat(total.Seconds(), 'f', -1, 64) + "S")
		}
	}
	return b.String()
}

// JSONValue turns a result value into plain JSON with the same readable
// values as Text: datetimes as ISO 8601 strings, points as objects with
// named coordinates, nodes as {"labels", "properties"}, relationships as
// {"type", "properties"}, paths as {"path": "(a)-[:MET]->(b)", "nodes",
// "relationships"}.
func JSONValue(v any) any {
	switch x := v.(type) {
	case nil, string, bool, int64:
		return x
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return formatFloat(x) // JSON has no NaN or infinities
		}
		return x
	case []byte:
		return x // base64, as encoding/json writes bytes
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = JSONValue(e)
		}
		return out
	case map[string]any:
		return jsonMap(x)
	case dbtype.Node:
		return map[string]any{"labels": x.Labels, "properties": jsonMap(x.Props)}
	case dbtype.Relationship:
		return map[string]any{"type": x.Type, "properties": jsonMap(x.Props)}
	case dbtype.Path:
		nodes := make([]any, len(x.Nodes))
		for i, n := range x.Nodes {
			nodes[i] = JSONValue(n)
		}
		rels := make([]any, len(x.Relationships))
		for i, r := range x.Relationships {
			rels[i] = JSONValue(r)
		}
		return map[string]any{"path": pathText(x), "nodes": nodes, "relationships": rels}
	case dbtype.Point2D, dbtype.Point3D:
		m := pointFields(x)
		srid := pointSRID(x)
		m["srid"] = int64(srid)
		if name, ok := crsNames[srid]; ok {
			m["crs"] = name
		}
		return m
	}
	if s, ok := temporalText(v); ok {
		return s
	}
	return fmt.Sprint(v)
}

func pointSRID(v any) uint32 {
	switch p := v.(type) {
	case dbtype.Point2D:
		return p.SpatialRefId
	case dbtype.Point3D:
		return p.SpatialRefId
	}
	return 0
}

func jsonMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = JSONValue(v)
	}
	return out
}
