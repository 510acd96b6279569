package export

import (
	"encoding/base64"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// valueKind is the Neo4j property type of a value, as far as the export
// formats need to tell types apart.
type valueKind int

const (
	kindNothing valueKind = iota // no element to tell (an empty list)
	kindString
	kindInt
	kindFloat
	kindBool
	kindDate
	kindDateTime
	kindLocalDateTime
	kindTime
	kindLocalTime
	kindDuration
	kindPoint
	kindBytes
)

// valueType is a property's type: a kind, or a list of a kind.
type valueType struct {
	kind valueKind
	list bool
}

// typeOf classifies a property value as the driver returns it. Lists of
// mixed kinds (which Neo4j does not store) count as lists of strings.
func typeOf(v any) valueType {
	switch x := v.(type) {
	case []any:
		t := valueType{kind: kindNothing, list: true}
		for _, e := range x {
			t.kind = widenKind(t.kind, typeOf(e).kind)
		}
		return t
	case []string:
		return valueType{kind: kindString, list: true}
	case []int64:
		return valueType{kind: kindInt, list: true}
	case []float64:
		return valueType{kind: kindFloat, list: true}
	case []byte:
		return valueType{kind: kindBytes}
	}
	return valueType{kind: scalarKind(v)}
}

func scalarKind(v any) valueKind {
	switch v.(type) {
	case string:
		return kindString
	case int64, int, int32, int16, int8, uint8, uint16, uint32:
		return kindInt
	case float64, float32:
		return kindFloat
	case bool:
		return kindBool
	case dbtype.Date:
		return kindDate
	case time.Time:
		return kindDateTime
	case dbtype.LocalDateTime:
		return kindLocalDateTime
	case dbtype.Time:
		return kindTime
	case dbtype.LocalTime:
		return kindLocalTime
	case dbtype.Duration:
		return kindDuration
	case dbtype.Point2D, dbtype.Point3D:
		return kindPoint
	case []byte:
		return kindBytes
	}
	return kindString
}

// widenKind is the kind that can hold values of both kinds: integers widen
// to floats, anything else that differs to strings.
func widenKind(a, b valueKind) valueKind {
	switch {
	case a == b || b == kindNothing:
		return a
	case a == kindNothing:
		return b
	case (a == kindInt && b == kindFloat) || (a == kindFloat && b == kindInt):
		return kindFloat
	default:
		return kindString
	}
}

// widenType is the type that can hold values of both types. A list and a
// scalar only share strings.
func widenType(a, b valueType) valueType {
	if a.list != b.list {
		if a.list && a.kind == kindNothing {
			return valueType{kind: b.kind}
		}
		if b.list && b.kind == kindNothing {
			return valueType{kind: a.kind}
		}
		return valueType{kind: kindString}
	}
	return valueType{kind: widenKind(a.kind, b.kind), list: a.list}
}

// listValues returns the elements of a list property.
func listValues(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case []int64:
		out := make([]any, len(x))
		for i, n := range x {
			out[i] = n
		}
		return out
	case []float64:
		out := make([]any, len(x))
		for i, f := range x {
			out[i] = f
		}
		return out
	}
	return nil
}

// formatScalar writes a scalar property value as text: numbers as Go and
// Java parse them, temporal values as ISO 8601 strings (what Neo4j's date()
// and friends, neo4j-admin and Python's fromisoformat read), points as
// Neo4j's map notation.
func formatScalar(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case int32, int16, int8, uint8, uint16, uint32:
		return strconv.FormatInt(toInt64(x), 10)
	case float64:
		return formatFloat(x)
	case float32:
		return formatFloat(float64(x))
	case bool:
		return strconv.FormatBool(x)
	case dbtype.Date:
		return x.String()
	case time.Time:
		return formatDateTime(x)
	case dbtype.LocalDateTime:
		return x.String()
	case dbtype.Time:
		return x.String()
	case dbtype.LocalTime:
		return x.String()
	case dbtype.Duration:
		return x.String()
	case dbtype.Point2D:
		return "{srid:" + strconv.FormatUint(uint64(x.SpatialRefId), 10) + ", x:" + formatFloat(x.X) + ", y:" + formatFloat(x.Y) + "}"
	case dbtype.Point3D:
		return "{srid:" + strconv.FormatUint(uint64(x.SpatialRefId), 10) + ", x:" + formatFloat(x.X) + ", y:" + formatFloat(x.Y) + ", z:" + formatFloat(x.Z) + "}"
	case []byte:
		return base64.StdEncoding.EncodeToString(x)
	}
	return ""
}

func toInt64(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case int16:
		return int64(x)
	case int8:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	}
	return 0
}

// formatFloat writes the shortest text that reads back as the same float;
// NaN and the infinities in the spelling Java and Python accept.
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

// formatDateTime writes a zoned datetime as ISO 8601 with its offset, and
// with the zone name in brackets when Neo4j stored a named zone (the
// notation Neo4j's datetime() reads back).
func formatDateTime(t time.Time) string {
	s := t.Format("2006-01-02T15:04:05.999999999Z07:00")
	if name := t.Location().String(); name != "Offset" && name != "UTC" && name != "" && name != "Local" {
		s += "[" + name + "]"
	}
	return s
}

// sortedKeys returns a property map's keys in order, so that every format
// writes attributes in the same, stable order.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
