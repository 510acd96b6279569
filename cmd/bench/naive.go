package bench

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest"
)

// writeNaive is the baseline writer: one transaction per article and one
// statement per node or relationship, the way a first version of a graph
// loader is usually written. It runs exactly newsgraph's Cypher, one row at
// a time, so the comparison measures batching alone.
func writeNaive(ctx context.Context, store *graph.Store, facts []*ingest.Facts) (int, error) {
	statements := 0
	sess := store.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: store.Database(), AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	for _, f := range facts {
		stmts := graph.BuildStatements([]*ingest.Facts{f}, time.Now())
		n, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (int, error) {
			n := 0
			for _, st := range stmts {
				for _, row := range st.Params["rows"].([]any) {
					res, err := tx.Run(ctx, st.Query, map[string]any{"rows": []any{row}})
					if err != nil {
						return n, err
					}
					if _, err := res.Consume(ctx); err != nil {
						return n, err
					}
					n++
				}
			}
			return n, nil
		})
		if err != nil {
			return statements, err
		}
		statements += n
	}
	return statements, nil
}
