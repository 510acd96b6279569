// Package graph writes extracted facts to Neo4j and reads them back. The
// rest of newsgraph sees it through the small Writer and Reader interfaces
// in our own types; Store is the Neo4j implementation, holding one driver
// for the whole process.
package graph

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/newsgraph/newsgraph/ingest"
)

// Config says how to reach Neo4j. URI schemes bolt://, bolt+s://,
// neo4j:// and neo4j+s:// are accepted; the neo4j schemes route across a
// cluster or Aura.
type Config struct {
	URI      string
	User     string
	Password string
	Database string
	// MaxTransactionRetry bounds how long a managed transaction is retried
	// on transient errors (leader switch, deadlock, lost connection).
	MaxTransactionRetry time.Duration
}

// Redacted returns the URI without any user info, for messages.
func (c Config) Redacted() string {
	u, err := url.Parse(c.URI)
	if err != nil {
		return "(invalid URI)"
	}
	u.User = nil
	return u.String()
}

// ErrUnavailable means Neo4j could not be reached or refused the login.
var ErrUnavailable = errors.New("neo4j is not available")

// Writer writes batches of extracted articles. Each call is one
// transaction: all articles of the batch are written, or none.
type Writer interface {
	Write(ctx context.Context, batch []*ingest.Facts) (WriteSummary, error)
}

// Reader answers read-only questions of the graph.
type Reader interface {
	// Query runs a read-only Cypher query in a read transaction.
	Query(ctx context.Context, cypher string, params map[string]any) ([]map[string]any, error)
	Counts(ctx context.Context) (Counts, error)
}

// WriteSummary counts what a write changed.
type WriteSummary = ingest.WriteStats

// Store is the Neo4j implementation of Writer and Reader.
type Store struct {
	driver neo4j.DriverWithContext
	cfg    Config
	now    func() time.Time
}

var (
	_ Writer = (*Store)(nil)
	_ Reader = (*Store)(nil)
)

// Open connects to Neo4j and checks that the server answers and accepts the
// login. The password never appears in errors.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.MaxTransactionRetry == 0 {
		cfg.MaxTransactionRetry = 30 * time.Second
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""),
		func(c *config.Config) {
			c.MaxTransactionRetryTime = cfg.MaxTransactionRetry
			c.SocketConnectTimeout = 5 * time.Second
			c.UserAgent = "newsgraph"
		})
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnavailable, cfg.Redacted(), err)
	}
	if err := driver.VerifyConnectivity(ctx); err != nil {
		driver.Close(ctx)
		return nil, fmt.Errorf("%w at %s (user %q): %w", ErrUnavailable, cfg.Redacted(), cfg.User, err)
	}
	return &Store{driver: driver, cfg: cfg, now: time.Now}, nil
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Driver exposes the underlying driver to packages that need raw sessions
// (tests, exporters).
func (s *Store) Driver() neo4j.DriverWithContext { return s.driver }

// Database is the configured database name ("" means the server default).
func (s *Store) Database() string { return s.cfg.Database }

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: mode})
}

// Write writes a batch of articles in one managed write transaction. The
// callback first joins lone names to actors already in the graph
// (ResolveAcrossArticles, resolve.go), then runs parameterised MERGE/DELETE
// statements built from copies of the facts; batch is never changed, so
// the driver may retry the callback safely.
func (s *Store) Write(ctx context.Context, batch []*ingest.Facts) (WriteSummary, error) {
	if len(batch) == 0 {
		return WriteSummary{}, nil
	}
	now := s.now()
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	sum, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (WriteSummary, error) {
		var sum WriteSummary
		// Entities change (resolve.go): lone names are matched inside the
		// transaction, before the MERGEs, against the graph they will write to.
		resolved, err := ResolveAcrossArticles(ctx, batch, txLookup(tx))
		if err != nil {
			return sum, err
		}
		count := func(rs neo4j.ResultSummary) {
			c := rs.Counters()
			sum.NodesCreated += c.NodesCreated()
			sum.NodesDeleted += c.NodesDeleted()
			sum.RelationshipsCreated += c.RelationshipsCreated()
			sum.RelationshipsDeleted += c.RelationshipsDeleted()
			sum.PropertiesSet += c.PropertiesSet()
		}
		var updated, staleMeetings, staleEntities []string
		for _, st := range BuildStatements(resolved, now) {
			if st.Name == "removeStale" {
				// Only an article that was already in the graph can have
				// stale facts; the others skip the clean-up.
				if st = onlyRows(st, updated); st.Params == nil {
					continue
				}
			}
			res, err := tx.Run(ctx, st.Query, st.Params)
			if err != nil {
				return sum, fmt.Errorf("%s: %w", st.Name, err)
			}
			if st.Name == "articles" {
				rec, err := res.Single(ctx)
				if err != nil {
					return sum, fmt.Errorf("%s: %w", st.Name, err)
				}
				updated = stringList(rec.AsMap()["updated"])
			}
			if st.Name == "removeStale" {
				recs, err := res.Collect(ctx)
				if err != nil {
					return sum, fmt.Errorf("%s: %w", st.Name, err)
				}
				for _, r := range recs {
					staleMeetings = append(staleMeetings, stringList(r.AsMap()["meetings"])...)
					staleEntities = append(staleEntities, stringList(r.AsMap()["entities"])...)
				}
			}
			rs, err := res.Consume(ctx)
			if err != nil {
				return sum, fmt.Errorf("%s: %w", st.Name, err)
			}
			count(rs)
		}
		articleIDs := make([]string, len(resolved))
		for i, f := range resolved {
			articleIDs[i] = f.Article.ID
		}
		res, err := tx.Run(ctx, qMeetingsOfArticles, map[string]any{"articles": articleIDs})
		if err != nil {
			return sum, fmt.Errorf("meetingsOfArticles: %w", err)
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return sum, fmt.Errorf("meetingsOfArticles: %w", err)
		}
		meetingIDs := stringList(rec.AsMap()["ids"])
		for _, st := range CleanupStatements(resolved, updated, staleMeetings, meetingIDs, staleEntities) {
			res, err := tx.Run(ctx, st.Query, st.Params)
			if err != nil {
				return sum, fmt.Errorf("%s: %w", st.Name, err)
			}
			rs, err := res.Consume(ctx)
			if err != nil {
				return sum, fmt.Errorf("%s: %w", st.Name, err)
			}
			count(rs)
		}
		return sum, nil
	})
	if err != nil {
		if neo4j.IsConnectivityError(err) || neo4j.IsTransactionExecutionLimit(err) {
			return WriteSummary{}, fmt.Errorf("writing %d article(s): %w: %w", len(batch), ingest.ErrSinkUnavailable, err)
		}
		return WriteSummary{}, fmt.Errorf("writing %d article(s): %w", len(batch), err)
	}
	sum.Articles = len(batch)
	return sum, nil
}

// ArticleHashes returns the stored content hash of each of the given
// article ids that the graph already holds.
func (s *Store) ArticleHashes(ctx context.Context, ids []string) (map[string]string, error) {
	rows, err := s.Query(ctx, `UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id, a.contentHash AS hash`,
		map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		id, _ := r["id"].(string)
		h, _ := r["hash"].(string)
		out[id] = h
	}
	return out, nil
}

// Query runs cypher in a managed read transaction, so a query that tries to
// write fails instead of changing the graph.
func (s *Store) Query(ctx context.Context, cypher string, params map[string]any) ([]map[string]any, error) {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	return neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) ([]map[string]any, error) {
		return runRows(ctx, tx, cypher, params)
	})
}

// Table is a query's result with its columns in the order of the query's
// RETURN clause. Values are as the driver gives them: nodes,
// relationships and paths as dbtype.Node, .Relationship and .Path,
// temporal and spatial values as time.Time and the dbtype types.
type Table struct {
	Columns []string
	Rows    [][]any
}

// QueryTable runs a read-only query in a read transaction, like Query, and
// keeps the order of its columns.
func (s *Store) QueryTable(ctx context.Context, cypher string, params map[string]any) (Table, error) {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	return neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (Table, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return Table{}, err
		}
		keys, err := res.Keys()
		if err != nil {
			return Table{}, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return Table{}, err
		}
		t := Table{Columns: keys, Rows: make([][]any, len(recs))}
		for i, r := range recs {
			t.Rows[i] = r.Values
		}
		return t, nil
	})
}

// runRows runs one statement in tx and returns its records as maps.
func runRows(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]map[string]any, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, len(recs))
	for i, r := range recs {
		out[i] = r.AsMap()
	}
	return out, nil
}

// Counts is the number of nodes per label and relationships per type.
type Counts struct {
	Nodes         map[string]int64
	Relationships map[string]int64
}

// Counts counts nodes by label and relationships by type, leaving out
// newsgraph's own bookkeeping nodes.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	c := Counts{Nodes: map[string]int64{}, Relationships: map[string]int64{}}
	rows, err := s.Query(ctx, `MATCH (n) UNWIND labels(n) AS label WITH label, count(*) AS n
WHERE NOT label IN $internal RETURN label, n`, map[string]any{"internal": InternalLabels})
	if err != nil {
		return c, err
	}
	for _, r := range rows {
		c.Nodes[r["label"].(string)] = r["n"].(int64)
	}
	rows, err = s.Query(ctx, `MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n`, nil)
	if err != nil {
		return c, err
	}
	for _, r := range rows {
		c.Relationships[r["type"].(string)] = r["n"].(int64)
	}
	return c, nil
}

// InternalLabels are labels of newsgraph's bookkeeping nodes, not facts.
var InternalLabels = []string{"SchemaMigration", "IngestLock", "IngestPass", "IngestFailure"}

// DeleteAll removes every node and relationship in batches, keeping the
// schema. CALL ... IN TRANSACTIONS needs an auto-commit transaction, so this
// is the one statement that does not run in a managed one.
func (s *Store) DeleteAll(ctx context.Context) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, `MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`, nil)
	if err != nil {
		return fmt.Errorf("deleting all data: %w", err)
	}
	if _, err = res.Consume(ctx); err != nil {
		return fmt.Errorf("deleting all data: %w", err)
	}
	return nil
}

// stringList converts a Cypher list of strings.
func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// onlyRows keeps the rows of st whose id is in ids; Params is nil when none is left.
func onlyRows(st Statement, ids []string) Statement {
	var rows []any
	for _, r := range st.Params["rows"].([]any) {
		if id, _ := r.(map[string]any)["id"].(string); contains(ids, id) {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		st.Params = nil
		return st
	}
	st.Params = map[string]any{"rows": rows}
	return st
}
