// Package graphtest connects integration tests to the real Neo4j that
// scripts/neo4j-local (or CI) started. It is configured by NEO4J_URI,
// NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE, defaulting to the local
// server's bolt://127.0.0.1:7687, neo4j / newsgraph-dev.
//
// A missing server fails the test: integration tests are skipped only on
// explicit request, with `go test -short`.
package graphtest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// Config returns the test database's connection settings.
func Config() graph.Config {
	return graph.Config{
		URI:      env("NEO4J_URI", "bolt://127.0.0.1:7687"),
		User:     env("NEO4J_USER", "neo4j"),
		Password: env("NEO4J_PASSWORD", "newsgraph-dev"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
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
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	store, err := graph.Open(ctx, Config())
	if err != nil {
		t.Fatalf("integration tests need a running Neo4j (start it with `scripts/neo4j-local start`, or run `go test -short` to skip them): %v", err)
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

// Wipe deletes all data, keeping constraints and indexes.
func Wipe(t testing.TB, store *graph.Store) {
	t.Helper()
	if err := store.DeleteAll(context.Background()); err != nil {
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
