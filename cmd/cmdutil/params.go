package cmdutil

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// ParamHelp describes --param for the commands that take query parameters.
const ParamHelp = "query parameter NAME=VALUE, used as $NAME; VALUE is read as JSON when it parses (10, 2.5, true, [\"a\",\"b\"], \"10\"), else as a string (repeatable)"

// ParseParams reads the NAME=VALUE arguments of --param (see ParseParam)
// into query parameters. A malformed one is a usage error naming it.
func ParseParams(args []string) (map[string]any, error) {
	params := make(map[string]any, len(args))
	for _, a := range args {
		k, v, err := ParseParam(a)
		if err != nil {
			return nil, FlagErrorf("--param %q: %v", a, err)
		}
		params[k] = v
	}
	return params, nil
}

// ParseParam reads NAME=VALUE. VALUE is JSON when it parses as JSON
// (numbers, true, lists, maps, quoted strings), else the plain string, so
// that n=10 is the integer 10 and s="10" the string.
func ParseParam(p string) (string, any, error) {
	k, v, ok := strings.Cut(p, "=")
	k = strings.TrimSpace(k)
	if !ok || k == "" {
		return "", nil, errors.New("want NAME=VALUE")
	}
	dec := json.NewDecoder(strings.NewReader(v))
	dec.UseNumber()
	var parsed any
	if err := dec.Decode(&parsed); err == nil && !dec.More() {
		return k, fromJSON(parsed), nil
	}
	return k, v, nil
}

// fromJSON turns json.Number into int64 or float64, as Neo4j wants them.
func fromJSON(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, err := x.Float64()
		if err != nil {
			// Out of float range: keep what the user wrote.
			return fmt.Sprint(x)
		}
		return f
	case []any:
		for i := range x {
			x[i] = fromJSON(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = fromJSON(x[k])
		}
	}
	return v
}
