package cmdutil

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseParam(t *testing.T) {
	tests := []struct {
		in    string
		key   string
		value any
	}{
		{"id=person:kim-jong-un", "id", "person:kim-jong-un"},
		{"n=10", "n", int64(10)},
		{"x=2.5", "x", 2.5},
		{"ok=true", "ok", true},
		{"nothing=null", "nothing", nil},
		{`s="10"`, "s", "10"},
		{`ids=["a","b"]`, "ids", []any{"a", "b"}},
		{`m={"n":1,"xs":[1.5]}`, "m", map[string]any{"n": int64(1), "xs": []any{1.5}}},
		{"q=a=b", "q", "a=b"},
		{"empty=", "empty", ""},
		{"two=1 2", "two", "1 2"},
		{" name =Mike Pompeo", "name", "Mike Pompeo"},
	}
	for _, tc := range tests {
		k, v, err := ParseParam(tc.in)
		if err != nil || k != tc.key || !reflect.DeepEqual(v, tc.value) {
			t.Errorf("%q: %q=%#v (%v), want %q=%#v", tc.in, k, v, err, tc.key, tc.value)
		}
	}
	for _, bad := range []string{"=1", "novalue", " =x"} {
		if _, _, err := ParseParam(bad); err == nil {
			t.Errorf("%q should be refused", bad)
		}
	}
}

func TestParseParamsIsAUsageError(t *testing.T) {
	params, err := ParseParams([]string{"n=1", "s=x"})
	if err != nil || !reflect.DeepEqual(params, map[string]any{"n": int64(1), "s": "x"}) {
		t.Errorf("ParseParams: %v, %v", params, err)
	}
	_, err = ParseParams([]string{"n=1", "oops"})
	if ExitCode(err) != 2 || !strings.Contains(err.Error(), `"oops"`) {
		t.Errorf("a malformed --param should be a usage error naming it: %v (exit %d)", err, ExitCode(err))
	}
}
