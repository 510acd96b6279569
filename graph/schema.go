package graph

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/schema"
)

// MigrationState is a migration and whether the database has it.
type MigrationState struct {
	schema.Migration
	Applied   bool
	AppliedAt string
}

// SchemaStatus lists every known migration with whether it is applied.
func (s *Store) SchemaStatus(ctx context.Context, migrations []schema.Migration) ([]MigrationState, error) {
	rows, err := s.Query(ctx, `MATCH (m:SchemaMigration) RETURN m.version AS version, toString(m.appliedAt) AS at`, nil)
	if err != nil {
		return nil, fmt.Errorf("reading schema status: %w", err)
	}
	applied := map[int64]string{}
	for _, r := range rows {
		v, _ := r["version"].(int64)
		at, _ := r["at"].(string)
		applied[v] = at
	}
	out := make([]MigrationState, len(migrations))
	for i, m := range migrations {
		at, ok := applied[int64(m.Version)]
		out[i] = MigrationState{Migration: m, Applied: ok, AppliedAt: at}
	}
	return out, nil
}

// ApplySchema applies the pending migrations in version order and records
// each one. Schema statements cannot share a transaction with data writes,
// so each runs on its own; they are all IF NOT EXISTS, so a migration
// interrupted half-way is simply applied again.
func (s *Store) ApplySchema(ctx context.Context, migrations []schema.Migration) ([]schema.Migration, error) {
	states, err := s.SchemaStatus(ctx, migrations)
	if err != nil {
		return nil, err
	}
	var done []schema.Migration
	for _, st := range states {
		if st.Applied {
			continue
		}
		for _, stmt := range st.Statements {
			if _, err := s.write(ctx, stmt, nil); err != nil {
				return done, fmt.Errorf("schema %04d_%s: %w", st.Version, st.Name, err)
			}
		}
		_, err := s.write(ctx, `MERGE (m:SchemaMigration {version: $version})
ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()`,
			map[string]any{"version": st.Version, "name": st.Name, "checksum": st.Checksum})
		if err != nil {
			return done, fmt.Errorf("recording schema %04d_%s: %w", st.Version, st.Name, err)
		}
		done = append(done, st.Migration)
	}
	return done, nil
}

// write runs one statement in a managed write transaction.
func (s *Store) write(ctx context.Context, cypher string, params map[string]any) (WriteSummary, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	return neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (WriteSummary, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return WriteSummary{}, err
		}
		rs, err := res.Consume(ctx)
		if err != nil {
			return WriteSummary{}, err
		}
		c := rs.Counters()
		return WriteSummary{NodesCreated: c.NodesCreated(), NodesDeleted: c.NodesDeleted(),
			RelationshipsCreated: c.RelationshipsCreated(), RelationshipsDeleted: c.RelationshipsDeleted(),
			PropertiesSet: c.PropertiesSet()}, nil
	})
}

// ApplyPendingSchema applies the embedded migrations that the database
// does not have yet; every command that writes calls it first.
func (s *Store) ApplyPendingSchema(ctx context.Context) ([]schema.Migration, error) {
	migrations, err := schema.Migrations()
	if err != nil {
		return nil, err
	}
	return s.ApplySchema(ctx, migrations)
}
