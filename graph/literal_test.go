package graph

import "testing"

func TestCypherLiteral(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{nil, "null"},
		{"plain", "'plain'"},
		{"it's", `'it\'s'`},
		{`back\slash`, `'back\\slash'`},
		{"line\nbreak", `'line\nbreak'`},
		{"'}) DETACH DELETE n //", `'\'}) DETACH DELETE n //'`},
		{3, "3"},
		{2.5, "2.5"},
		{40.0, "40.0"},
		{true, "true"},
		{[]string{"a", "b"}, "['a', 'b']"},
		{map[string]any{"b": 1, "a": "x", "odd key": nil}, "{a: 'x', b: 1, `odd key`: null}"},
		{[]any{map[string]any{"id": "x"}}, "[{id: 'x'}]"},
	}
	for _, tt := range tests {
		if got := CypherLiteral(tt.in); got != tt.want {
			t.Errorf("CypherLiteral(%#v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
