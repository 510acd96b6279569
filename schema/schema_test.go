package schema

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestEmbeddedMigrationsAreOrderedAndNonEmpty(t *testing.T) {
	ms, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 2 {
		t.Fatalf("want at least 2 migrations, got %d", len(ms))
	}
	for i, m := range ms {
		if i > 0 && m.Version <= ms[i-1].Version {
			t.Errorf("migration %d after %d", m.Version, ms[i-1].Version)
		}
		for _, s := range m.Statements {
			if strings.HasSuffix(s, ";") || strings.Contains(s, "//") {
				t.Errorf("%04d_%s: statement not cleaned: %q", m.Version, m.Name, s)
			}
		}
	}
}

func TestEveryMergedLabelHasAUniquenessConstraint(t *testing.T) {
	ms, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, m := range ms {
		for _, s := range m.Statements {
			all.WriteString(s + "\n")
		}
	}
	for _, label := range []string{"Article", "Actor", "Country", "Location", "Meeting", "Statement"} {
		if !strings.Contains(all.String(), "FOR (n:"+label+") REQUIRE n.id IS UNIQUE") {
			t.Errorf("no uniqueness constraint on %s.id", label)
		}
	}
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		files   fstest.MapFS
		want    []int
		wantErr string
	}{
		{"ordered", fstest.MapFS{
			"m/0002_b.cypher": {Data: []byte("CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.x);")},
			"m/0001_a.cypher": {Data: []byte("// comment\nCREATE CONSTRAINT a IF NOT EXISTS\nFOR (n:A) REQUIRE n.id IS UNIQUE;\n")},
		}, []int{1, 2}, ""},
		{"bad name", fstest.MapFS{"m/first.cypher": {Data: []byte("RETURN 1;")}}, nil, "NNNN_name"},
		{"duplicate version", fstest.MapFS{
			"m/0001_a.cypher": {Data: []byte("RETURN 1;")},
			"m/0001_b.cypher": {Data: []byte("RETURN 2;")},
		}, nil, "same version"},
		{"empty", fstest.MapFS{"m/0001_a.cypher": {Data: []byte("// nothing\n")}}, nil, "no statements"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := Load(tt.files, "m")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, m := range ms {
				got = append(got, m.Version)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("versions %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSplitStatements(t *testing.T) {
	got := SplitStatements("// c\nCREATE A\n  FOR x;\n\nCREATE B;\n")
	want := []string{"CREATE A FOR x", "CREATE B"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
