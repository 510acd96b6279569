// Package graphtest connects integration tests to their own Neo4j, never
// to the one newsgraph uses: by default the test instance of
// scripts/neo4j-local (`make test` starts it), whose ports derive from
// the one connection setting, NEWSGRAPH_NEO4J_URI, as the script derives
// them (see Ports). NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and
// NEO4J_DATABASE point the tests at another server instead.
//
// The tests wipe the database they use, so Wipe refuses a database that
// holds data and was not marked as a test database by an earlier Wipe.
//
// A missing server fails the test: integration tests are skipped only on
// explicit request, with `go test -short`.
package graphtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
)

// The derivation of scripts/neo4j-local (see its header); TestPortsAgree
// in cmd/root checks that both sides compute the same ports.
const (
	// DefaultURI is newsgraph's default neo4j.uri.
	DefaultURI = "bolt://127.0.0.1:7687"
	// TestPortOffset puts the test instance's ports above the default's.
	TestPortOffset = 10
	// HTTPBelowBolt is how far below its Bolt port an instance serves HTTP
	// (7687 and 7474).
	HTTPBelowBolt = 213
)

// Ports are where the instances of scripts/neo4j-local listen.
type Ports struct {
	DefaultBolt, DefaultHTTP int
	TestBolt, TestHTTP       int
}

// LocalPorts derives the instances' ports from newsgraphURI (the value of
// NEWSGRAPH_NEO4J_URI, "" for the default) and httpPort (NEO4J_HTTP_PORT,
// "" to derive it): the default instance listens on the URI's port when
// the URI names this machine (else on 7687), the test instance 10 above.
func LocalPorts(newsgraphURI, httpPort string) (Ports, error) {
	if newsgraphURI == "" {
		newsgraphURI = DefaultURI
	}
	bolt := 7687
	u, err := url.Parse(newsgraphURI)
	if err != nil {
		return Ports{}, fmt.Errorf("NEWSGRAPH_NEO4J_URI %q: %w", newsgraphURI, err)
	}
	if isLoopback(u.Hostname()) && u.Port() != "" {
		if bolt, err = strconv.Atoi(u.Port()); err != nil {
			return Ports{}, fmt.Errorf("NEWSGRAPH_NEO4J_URI %q: bad port", newsgraphURI)
		}
	}
	http := bolt - HTTPBelowBolt
	if httpPort != "" {
		if http, err = strconv.Atoi(httpPort); err != nil {
			return Ports{}, fmt.Errorf("NEO4J_HTTP_PORT %q: not a port", httpPort)
		}
	}
	p := Ports{DefaultBolt: bolt, DefaultHTTP: http, TestBolt: bolt + TestPortOffset, TestHTTP: http + TestPortOffset}
	for _, port := range []int{p.DefaultBolt, p.DefaultHTTP, p.TestBolt, p.TestHTTP} {
		if port < 1 || port > 65535 {
			return Ports{}, fmt.Errorf("port %d out of range (NEWSGRAPH_NEO4J_URI %q, NEO4J_HTTP_PORT %q)", port, newsgraphURI, httpPort)
		}
	}
	return p, nil
}

func isLoopback(host string) bool { return host == "127.0.0.1" || host == "localhost" || host == "::1" }

func environmentPorts() (Ports, error) {
	return LocalPorts(os.Getenv("NEWSGRAPH_NEO4J_URI"), os.Getenv("NEO4J_HTTP_PORT"))
}

// UsesTestInstance reports whether the tests use the test instance of
// scripts/neo4j-local (NEO4J_URI is not set), which they may stop and
// start.
func UsesTestInstance() bool { return os.Getenv("NEO4J_URI") == "" }

// Config returns the test database's connection settings.
func Config() graph.Config {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		uri = "bolt://127.0.0.1:" + strconv.Itoa(testBolt())
	}
	return graph.Config{
		URI:      uri,
		User:     env("NEO4J_USER", "neo4j"),
		Password: env("NEO4J_PASSWORD", "newsgraph-dev"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
}

// testBolt is the test instance's Bolt port; a setting it cannot read
// leaves the default (Open reports the setting).
func testBolt() int {
	p, err := environmentPorts()
	if err != nil {
		return 7687 + TestPortOffset
	}
	return p.TestBolt
}

// BrowserURL is the Neo4j Browser of the test server: NEO4J_BROWSER_URL,
// else the test instance's HTTP port, else (NEO4J_URI set) the host of
// NEO4J_URI 213 below its Bolt port.
func BrowserURL() (string, error) {
	if v := os.Getenv("NEO4J_BROWSER_URL"); v != "" {
		return v, nil
	}
	if UsesTestInstance() {
		p, err := environmentPorts()
		if err != nil {
			return "", err
		}
		return "http://127.0.0.1:" + strconv.Itoa(p.TestHTTP) + "/browser/", nil
	}
	u, err := url.Parse(os.Getenv("NEO4J_URI"))
	if err != nil {
		return "", fmt.Errorf("NEO4J_URI: %w", err)
	}
	bolt := 7687
	if u.Port() != "" {
		if bolt, err = strconv.Atoi(u.Port()); err != nil {
			return "", fmt.Errorf("NEO4J_URI %q: bad port", u.Redacted())
		}
	}
	return "http://" + net.JoinHostPort(u.Hostname(), strconv.Itoa(bolt-HTTPBelowBolt)) + "/browser/", nil
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// Open connects to the test database, or fails the test. Under -short it
// skips instead.
func Open(t testing.TB) *graph.Store {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test: needs Neo4j (run without -short)")
	}
	if _, err := environmentPorts(); err != nil && UsesTestInstance() {
		t.Fatalf("integration tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	store, err := graph.Open(ctx, Config())
	if err != nil {
		hint := "start the tests' own Neo4j with `scripts/neo4j-local --instance test start` (make test does), or run `go test -short` to skip them"
		if !UsesTestInstance() {
			hint = "NEO4J_URI points the tests at it; unset NEO4J_URI to use the test instance of scripts/neo4j-local"
		}
		t.Fatalf("integration tests need their Neo4j (%s): %v", hint, err)
	}
	t.Cleanup(func() { store.Close(context.Background()) })
	return store
}

// Fresh connects, deletes every node and relationship, and applies the
// schema, so the test starts from an empty graph. Tests that use it must
// not run in parallel with each other (the Makefile runs packages with -p 1).
func Fresh(t testing.TB) *graph.Store {
	t.Helper()
	store := Open(t)
	ctx := context.Background()
	Wipe(t, store)
	if _, err := store.ApplyPendingSchema(ctx); err != nil {
		t.Fatalf("applying schema: %v", err)
	}
	return store
}

// MarkerIndex is the index that marks a database as the tests' own. An
// index, not a node, so that it survives the wipes and stays out of every
// count and export.
const MarkerIndex = "newsgraph_test_database"

// ErrNotTestDatabase is returned by CheckWipeable for a database that
// holds data the tests did not write.
var ErrNotTestDatabase = errors.New("not a newsgraph test database")

// CheckWipeable marks an empty database as a test database and accepts a
// marked one; a database with data but no mark (somebody's graph) is
// refused with ErrNotTestDatabase.
func CheckWipeable(ctx context.Context, store *graph.Store) error {
	marked, err := store.Query(ctx, `SHOW INDEXES YIELD name WHERE name = $name RETURN count(*) AS n`, map[string]any{"name": MarkerIndex})
	if err != nil {
		return fmt.Errorf("looking for the test marker: %w", err)
	}
	if n, _ := marked[0]["n"].(int64); n > 0 {
		return nil
	}
	rows, err := store.Query(ctx, `MATCH (n) WITH n LIMIT 1 RETURN count(n) AS n`, nil)
	if err != nil {
		return fmt.Errorf("looking for data: %w", err)
	}
	if n, _ := rows[0]["n"].(int64); n > 0 {
		return ErrNotTestDatabase
	}
	_, err = neo4j.ExecuteQuery(ctx, store.Driver(), "CREATE INDEX "+MarkerIndex+" IF NOT EXISTS FOR (n:NewsgraphTestDatabase) ON (n.marker)",
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(store.Database()))
	if err != nil {
		return fmt.Errorf("marking the test database: %w", err)
	}
	return nil
}

// Wipe deletes all data, keeping constraints and indexes. It refuses (and
// fails the test) when the database holds data but is not marked as a
// test database, so that a test pointed at somebody's graph wipes nothing.
func Wipe(t testing.TB, store *graph.Store) {
	t.Helper()
	ctx := context.Background()
	if err := CheckWipeable(ctx, store); err != nil {
		if errors.Is(err, ErrNotTestDatabase) {
			t.Fatalf("refusing to wipe %s: it holds data and is %v (tests wipe only an empty database or one they marked). "+
				"Unset NEO4J_URI to use the tests' own instance, or empty that database yourself if it is a scratch one.", Config().Redacted(), err)
		}
		t.Fatalf("checking the test database: %v", err)
	}
	if err := store.DeleteAll(ctx); err != nil {
		t.Fatalf("wiping the test database: %v", err)
	}
}

// Count runs a counting query and returns its single integer.
func Count(t testing.TB, store *graph.Store, cypher string, params map[string]any) int64 {
	t.Helper()
	rows, err := store.Query(context.Background(), cypher, params)
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	if len(rows) != 1 || len(rows[0]) != 1 {
		t.Fatalf("%s: want one row with one column, got %v", cypher, rows)
	}
	for _, v := range rows[0] {
		n, ok := v.(int64)
		if !ok {
			t.Fatalf("%s: want an integer, got %T", cypher, v)
		}
		return n
	}
	return 0
}
