package graph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/ingest"
)

// The ingest job's bookkeeping lives in the graph beside the facts:
// (:IngestPass) is one pass over one source with its counts, and
// (:IngestFailure {source}) the latest failure of an article (or feed) that
// is still failing, with how often it failed and when it is due again.
// A failure node goes when its article goes in.

// Pass statuses.
const (
	PassOK          = "ok"          // the pass went through its source
	PassInterrupted = "interrupted" // stopped by a signal; the rest is left for the next pass
	PassFailed      = "failed"      // could not go on (database away too long, source unreadable)
)

// PassKindIngest is the kind of the passes `newsgraph ingest` records: a
// one-off run whose failures are listed with its pass but, unlike the
// job's, not recorded for retries with backoff (the user reruns ingest).
const PassKindIngest = "ingest"

// NewPassID returns a new pass's id: when it started and a random suffix.
func NewPassID() string {
	return "pass-" + time.Now().UTC().Format("20060102T150405Z") + "-" + randomHex(4)
}

// ProcessOwner names this process as the owner of a lock or pass:
// host:pid:random.
func ProcessOwner() string {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown-host"
	}
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), randomHex(4))
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// PassRecord is one pass of the ingest job over one source, or one
// `newsgraph ingest` (Kind PassKindIngest).
type PassRecord struct {
	ID     string `json:"id"`
	Source string `json:"source"` // the source's name
	Kind   string `json:"kind"`   // "files", "feed" or PassKindIngest
	Shard  string `json:"shard"`  // "K/N", or "" for the whole source
	Owner  string `json:"owner"`  // the job that ran it
	// StartedAt and FinishedAt are the job's clock.
	StartedAt  time.Time         `json:"startedAt"`
	FinishedAt time.Time         `json:"finishedAt"`
	Status     string            `json:"status"`
	Error      string            `json:"error,omitempty"`
	Seen       int               `json:"seen"`
	New        int               `json:"new"`
	Updated    int               `json:"updated"`
	Unchanged  int               `json:"unchanged"`
	Deferred   int               `json:"deferred"`
	Failed     int               `json:"failed"`
	Written    ingest.WriteStats `json:"written"`
	// Failures are the articles that failed in this pass. Reading a pass
	// back returns at most MaxPassFailures of them.
	Failures []FailureEntry `json:"failures,omitempty"`
	// Recovered are articles that had failed before and went in now.
	Recovered []string `json:"recovered,omitempty"`
}

// FailureEntry is one failed article.
type FailureEntry struct {
	Source      string `json:"source"`
	Kind        string `json:"kind"` // a short class: empty, binary, http, timeout, ...
	Reason      string `json:"reason"`
	ContentHash string `json:"contentHash,omitempty"`
}

// MaxPassFailures is how many failures a pass record keeps for display;
// every failure still gets its own IngestFailure node.
const MaxPassFailures = 50

// FailureBackoff spaces the retries of an article that keeps failing:
// Initial after the first failure, doubling up to Max.
type FailureBackoff struct {
	Initial, Max time.Duration
}

// DefaultFailureBackoff is used when none is configured.
var DefaultFailureBackoff = FailureBackoff{Initial: 15 * time.Minute, Max: 24 * time.Hour}

// DefaultKeepPasses is how many pass records per source are kept.
const DefaultKeepPasses = 500

// The pass is MERGEd on its id and a failure counts an attempt only once
// per pass, so that a retried transaction (its commit lost with the
// connection) records nothing twice.
const (
	qPass = `MERGE (p:IngestPass {id: $id})
SET p += $props, p.startedAt = datetime($startedAt), p.finishedAt = datetime($finishedAt)`

	qPrunePasses = `MATCH (p:IngestPass {source: $source, shard: $shard})
WITH p ORDER BY p.startedAt DESC SKIP $keep
DETACH DELETE p`

	qRecovered = `UNWIND $sources AS source
MATCH (f:IngestFailure {source: source})
DELETE f`

	qFailures = `UNWIND $rows AS row
MERGE (f:IngestFailure {source: row.source})
ON CREATE SET f.firstFailedAt = datetime(), f.attempts = 0
WITH f, row WHERE f.lastPassId IS NULL OR f.lastPassId <> $passId
SET f.attempts = f.attempts + 1, f.kind = row.kind, f.reason = row.reason, f.contentHash = row.contentHash,
    f.sourceName = $sourceName, f.lastPassId = $passId, f.lastFailedAt = datetime()
WITH f, $initial * 2.0 ^ (f.attempts - 1) AS wait
SET f.nextAttemptAt = datetime() + duration({seconds: CASE WHEN wait > $max THEN $max ELSE toInteger(wait) END})`
)

// RecordPass stores a pass, the failures it met (each counting one more
// attempt and pushing its next try back) and removes the failure records
// of the articles that recovered, all in one transaction. keep bounds the
// pass records kept per source (0: DefaultKeepPasses).
func (s *Store) RecordPass(ctx context.Context, p PassRecord, backoff FailureBackoff, keep int) error {
	if backoff.Initial <= 0 {
		backoff.Initial = DefaultFailureBackoff.Initial
	}
	if backoff.Max < backoff.Initial {
		backoff.Max = max(backoff.Initial, DefaultFailureBackoff.Max)
	}
	if keep <= 0 {
		keep = DefaultKeepPasses
	}
	var failSources, failKinds, failReasons []string
	rows := make([]any, 0, len(p.Failures))
	seen := map[string]bool{}
	for _, f := range p.Failures {
		if len(failSources) < MaxPassFailures {
			failSources = append(failSources, f.Source)
			failKinds = append(failKinds, f.Kind)
			failReasons = append(failReasons, f.Reason)
		}
		if seen[f.Source] {
			continue
		}
		seen[f.Source] = true
		rows = append(rows, map[string]any{"source": f.Source, "kind": f.Kind, "reason": f.Reason, "contentHash": f.ContentHash})
	}
	props := map[string]any{
		"source": p.Source, "kind": p.Kind, "shard": p.Shard, "owner": p.Owner,
		"status": p.Status, "error": p.Error,
		"seen": p.Seen, "new": p.New, "updated": p.Updated, "unchanged": p.Unchanged,
		"deferred": p.Deferred, "failed": p.Failed, "recovered": len(p.Recovered),
		"elapsedMs":    p.FinishedAt.Sub(p.StartedAt).Milliseconds(),
		"nodesCreated": p.Written.NodesCreated, "nodesDeleted": p.Written.NodesDeleted,
		"relationshipsCreated": p.Written.RelationshipsCreated, "relationshipsDeleted": p.Written.RelationshipsDeleted,
		"failureSources": strs(failSources), "failureKinds": strs(failKinds), "failureReasons": strs(failReasons),
	}
	stmts := []Statement{
		{Name: "pass", Query: qPass, Params: map[string]any{"id": p.ID, "props": props,
			"startedAt": p.StartedAt.UTC().Format(time.RFC3339Nano), "finishedAt": p.FinishedAt.UTC().Format(time.RFC3339Nano)}},
		{Name: "prunePasses", Query: qPrunePasses, Params: map[string]any{"source": p.Source, "shard": p.Shard, "keep": keep}},
	}
	if recovered := dedupe(p.Recovered, seen); len(recovered) > 0 {
		stmts = append(stmts, Statement{Name: "recovered", Query: qRecovered, Params: map[string]any{"sources": recovered}})
	}
	if len(rows) > 0 && p.Kind != PassKindIngest {
		stmts = append(stmts, Statement{Name: "failures", Query: qFailures, Params: map[string]any{
			"rows": rows, "passId": p.ID, "sourceName": p.Source,
			"initial": backoff.Initial.Seconds(), "max": int64(backoff.Max.Seconds()),
		}})
	}
	if _, err := s.writeAll(ctx, stmts); err != nil {
		return fmt.Errorf("recording the pass over %s: %w", p.Source, err)
	}
	return nil
}

// dedupe returns the distinct sources not in skip (the ones failing now).
func dedupe(sources []string, skip map[string]bool) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, s := range sources {
		if !seen[s] && !skip[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// PastFailures implements ingest.FailureLog.
func (s *Store) PastFailures(ctx context.Context, sources []string) (map[string]ingest.PastFailure, error) {
	out := map[string]ingest.PastFailure{}
	if len(sources) == 0 {
		return out, nil
	}
	rows, err := s.Query(ctx, `UNWIND $sources AS source
MATCH (f:IngestFailure {source: source})
RETURN f.source AS source, f.reason AS reason, f.attempts AS attempts, f.nextAttemptAt AS retryAt, f.contentHash AS hash`,
		map[string]any{"sources": sources})
	if err != nil {
		return nil, fmt.Errorf("reading past failures: %w", err)
	}
	for _, r := range rows {
		src, _ := r["source"].(string)
		pf := ingest.PastFailure{}
		pf.Reason, _ = r["reason"].(string)
		attempts, _ := r["attempts"].(int64)
		pf.Attempts = int(attempts)
		pf.RetryAt, _ = r["retryAt"].(time.Time)
		pf.ContentHash, _ = r["hash"].(string)
		out[src] = pf
	}
	return out, nil
}

// LastCompletedPass returns when the last pass over source (and shard)
// that went through began; ok is false when there was none.
func (s *Store) LastCompletedPass(ctx context.Context, source, shard string) (started time.Time, ok bool, err error) {
	rows, err := s.Query(ctx, `MATCH (p:IngestPass {source: $source, shard: $shard, status: $ok}) WHERE coalesce(p.kind, "") <> $ingest
RETURN max(p.startedAt) AS started`, map[string]any{"source": source, "shard": shard, "ok": PassOK, "ingest": PassKindIngest})
	if err != nil {
		return time.Time{}, false, fmt.Errorf("reading the last pass over %s: %w", source, err)
	}
	if len(rows) == 1 {
		started, ok = rows[0]["started"].(time.Time)
	}
	return started, ok, nil
}

// LastPasses returns the latest passes, newest first.
func (s *Store) LastPasses(ctx context.Context, limit int) ([]PassRecord, error) {
	rows, err := s.Query(ctx, `MATCH (p:IngestPass)
RETURN p {.*} AS p ORDER BY p.startedAt DESC LIMIT $limit`, map[string]any{"limit": limit})
	if err != nil {
		return nil, fmt.Errorf("reading ingest passes: %w", err)
	}
	out := make([]PassRecord, 0, len(rows))
	for _, r := range rows {
		m, _ := r["p"].(map[string]any)
		out = append(out, passRecord(m))
	}
	return out, nil
}

func passRecord(m map[string]any) PassRecord {
	str := func(k string) string { v, _ := m[k].(string); return v }
	num := func(k string) int { v, _ := m[k].(int64); return int(v) }
	list := func(k string) []string {
		var out []string
		items, _ := m[k].([]any)
		for _, x := range items {
			s, _ := x.(string)
			out = append(out, s)
		}
		return out
	}
	p := PassRecord{
		ID: str("id"), Source: str("source"), Kind: str("kind"), Shard: str("shard"), Owner: str("owner"),
		Status: str("status"), Error: str("error"),
		Seen: num("seen"), New: num("new"), Updated: num("updated"), Unchanged: num("unchanged"),
		Deferred: num("deferred"), Failed: num("failed"),
		Written: ingest.WriteStats{
			NodesCreated: num("nodesCreated"), NodesDeleted: num("nodesDeleted"),
			RelationshipsCreated: num("relationshipsCreated"), RelationshipsDeleted: num("relationshipsDeleted"),
		},
	}
	p.StartedAt, _ = m["startedAt"].(time.Time)
	p.FinishedAt, _ = m["finishedAt"].(time.Time)
	sources, kinds, reasons := list("failureSources"), list("failureKinds"), list("failureReasons")
	for i := range sources {
		f := FailureEntry{Source: sources[i]}
		if i < len(kinds) {
			f.Kind = kinds[i]
		}
		if i < len(reasons) {
			f.Reason = reasons[i]
		}
		p.Failures = append(p.Failures, f)
	}
	return p
}

// FailureRecord is an article (or feed) that is still failing.
type FailureRecord struct {
	Source        string    `json:"source"`     // the article's identity
	SourceName    string    `json:"sourceName"` // the configured source it belongs to
	Kind          string    `json:"kind"`
	Reason        string    `json:"reason"`
	Attempts      int       `json:"attempts"`
	FirstFailedAt time.Time `json:"firstFailedAt"`
	LastFailedAt  time.Time `json:"lastFailedAt"`
	NextAttemptAt time.Time `json:"nextAttemptAt"`
}

// Failures returns the articles still failing after at least minAttempts
// tries, most attempts first, and how many there are in all.
func (s *Store) Failures(ctx context.Context, minAttempts, limit int) ([]FailureRecord, int, error) {
	rows, err := s.Query(ctx, `MATCH (f:IngestFailure) WHERE f.attempts >= $min
WITH f ORDER BY f.attempts DESC, f.lastFailedAt DESC
WITH collect(f) AS failing
RETURN size(failing) AS total, [f IN failing[0..$limit] | f {.*}] AS failures`,
		map[string]any{"min": minAttempts, "limit": limit})
	if err != nil {
		return nil, 0, fmt.Errorf("reading ingest failures: %w", err)
	}
	if len(rows) == 0 {
		return nil, 0, nil
	}
	total, _ := rows[0]["total"].(int64)
	items, _ := rows[0]["failures"].([]any)
	out := make([]FailureRecord, 0, len(items))
	for _, x := range items {
		m, _ := x.(map[string]any)
		f := FailureRecord{}
		f.Source, _ = m["source"].(string)
		f.SourceName, _ = m["sourceName"].(string)
		f.Kind, _ = m["kind"].(string)
		f.Reason, _ = m["reason"].(string)
		attempts, _ := m["attempts"].(int64)
		f.Attempts = int(attempts)
		f.FirstFailedAt, _ = m["firstFailedAt"].(time.Time)
		f.LastFailedAt, _ = m["lastFailedAt"].(time.Time)
		f.NextAttemptAt, _ = m["nextAttemptAt"].(time.Time)
		out = append(out, f)
	}
	return out, int(total), nil
}

// writeAll runs statements in one managed write transaction.
func (s *Store) writeAll(ctx context.Context, stmts []Statement) (WriteSummary, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	return neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (WriteSummary, error) {
		var sum WriteSummary
		for _, st := range stmts {
			res, err := tx.Run(ctx, st.Query, st.Params)
			if err != nil {
				return sum, fmt.Errorf("%s: %w", st.Name, err)
			}
			rs, err := res.Consume(ctx)
			if err != nil {
				return sum, fmt.Errorf("%s: %w", st.Name, err)
			}
			c := rs.Counters()
			sum.NodesCreated += c.NodesCreated()
			sum.NodesDeleted += c.NodesDeleted()
			sum.RelationshipsCreated += c.RelationshipsCreated()
			sum.RelationshipsDeleted += c.RelationshipsDeleted()
			sum.PropertiesSet += c.PropertiesSet()
		}
		return sum, nil
	})
}

// FailingSources returns the identities of the articles of the configured
// source sourceName that are on record as failing.
func (s *Store) FailingSources(ctx context.Context, sourceName string) ([]string, error) {
	rows, err := s.Query(ctx, `MATCH (f:IngestFailure {sourceName: $name}) RETURN f.source AS source`,
		map[string]any{"name": sourceName})
	if err != nil {
		return nil, fmt.Errorf("reading the failures of %s: %w", sourceName, err)
	}
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		if src, ok := r["source"].(string); ok {
			out = append(out, src)
		}
	}
	return out, nil
}
