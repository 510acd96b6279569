package graphtest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph/graphtest"
)

func TestLocalPorts(t *testing.T) {
	tests := []struct {
		uri, http string
		want      graphtest.Ports
	}{
		{"", "", graphtest.Ports{DefaultBolt: 7687, DefaultHTTP: 7474, TestBolt: 7697, TestHTTP: 7484}},
		{"bolt://127.0.0.1:7688", "", graphtest.Ports{DefaultBolt: 7688, DefaultHTTP: 7475, TestBolt: 7698, TestHTTP: 7485}},
		{"neo4j://localhost", "", graphtest.Ports{DefaultBolt: 7687, DefaultHTTP: 7474, TestBolt: 7697, TestHTTP: 7484}},
		{"bolt://[::1]:9000", "8000", graphtest.Ports{DefaultBolt: 9000, DefaultHTTP: 8000, TestBolt: 9010, TestHTTP: 8010}},
		// Another machine's server: the local instances keep their defaults.
		{"neo4j+s://abc.databases.neo4j.io", "", graphtest.Ports{DefaultBolt: 7687, DefaultHTTP: 7474, TestBolt: 7697, TestHTTP: 7484}},
	}
	for _, tc := range tests {
		got, err := graphtest.LocalPorts(tc.uri, tc.http)
		if err != nil || got != tc.want {
			t.Errorf("LocalPorts(%q, %q) = %+v, %v; want %+v", tc.uri, tc.http, got, err, tc.want)
		}
	}
	for _, bad := range [][2]string{{"bolt://127.0.0.1:100", ""}, {"bolt://127.0.0.1:65530", ""}, {"", "http"}} {
		if p, err := graphtest.LocalPorts(bad[0], bad[1]); err == nil {
			t.Errorf("LocalPorts(%q, %q) = %+v, want an error", bad[0], bad[1], p)
		}
	}
}

// A database with data the tests did not write (no marker) is never
// wiped; an empty one is marked and then may be.
func TestWipeRefusesAnUnmarkedDatabaseWithData(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	exec := func(cypher string) {
		t.Helper()
		if _, err := neo4j.ExecuteQuery(ctx, store.Driver(), cypher, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(store.Database())); err != nil {
			t.Fatalf("%s: %v", cypher, err)
		}
	}
	exec("DROP INDEX " + graphtest.MarkerIndex)
	t.Cleanup(func() {
		// Leave the test database marked and empty, as Fresh would.
		exec("MATCH (n) DETACH DELETE n")
		if err := graphtest.CheckWipeable(ctx, store); err != nil {
			t.Errorf("re-marking the test database: %v", err)
		}
	})
	exec("CREATE (:SomebodysGraph {name: 'keep me'})")

	if err := graphtest.CheckWipeable(ctx, store); !errors.Is(err, graphtest.ErrNotTestDatabase) {
		t.Fatalf("CheckWipeable on a database with data and no marker: %v, want ErrNotTestDatabase", err)
	}
	if n := graphtest.Count(t, store, "MATCH (n:SomebodysGraph) RETURN count(n)", nil); n != 1 {
		t.Fatalf("the refused check deleted data: %d nodes left", n)
	}

	exec("MATCH (n) DETACH DELETE n")
	if err := graphtest.CheckWipeable(ctx, store); err != nil {
		t.Fatalf("an empty database should be marked and accepted: %v", err)
	}
	if n := graphtest.Count(t, store, "SHOW INDEXES YIELD name WHERE name = $name RETURN count(*)", map[string]any{"name": graphtest.MarkerIndex}); n != 1 {
		t.Errorf("the empty database was not marked")
	}
}
