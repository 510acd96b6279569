package graph_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
)

func TestLockIsExclusiveAndExpires(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	info, err := store.TryLock(ctx, "ingest", "job-a", 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if info.Owner != "job-a" || !info.Held() || info.ExpiresAt.Before(info.AcquiredAt) {
		t.Errorf("taken lock: %+v", info)
	}
	_, err = store.TryLock(ctx, "ingest", "job-b", 2*time.Second)
	var locked *graph.LockedError
	if !errors.As(err, &locked) || !errors.Is(err, graph.ErrLocked) || locked.Holder.Owner != "job-a" {
		t.Fatalf("second owner: err %v, want a LockedError naming job-a", err)
	}
	// Another lock name is independent (shards).
	if _, err := store.TryLock(ctx, "ingest/shard-1-of-2", "job-b", 2*time.Second); err != nil {
		t.Errorf("other lock name: %v", err)
	}
	// The holder renews; a crashed holder's lease runs out by itself.
	renewed, err := store.TryLock(ctx, "ingest", "job-a", 2*time.Second)
	if err != nil || !renewed.AcquiredAt.Equal(info.AcquiredAt) || !renewed.ExpiresAt.After(info.ExpiresAt) {
		t.Errorf("renewal: %+v, %v", renewed, err)
	}
	time.Sleep(2500 * time.Millisecond)
	taken, err := store.TryLock(ctx, "ingest", "job-b", time.Minute)
	if err != nil || taken.Owner != "job-b" {
		t.Fatalf("after expiry: %+v, %v", taken, err)
	}
	if _, err := store.TryLock(ctx, "ingest", "job-a", time.Minute); !errors.Is(err, graph.ErrLocked) {
		t.Errorf("the expired holder came back and got the lock again: %v", err)
	}
	// Releasing someone else's lock does nothing; releasing one's own frees it.
	if err := store.Unlock(ctx, "ingest", "job-a"); err != nil {
		t.Fatal(err)
	}
	if st, _, _ := store.LockStatus(ctx, "ingest"); st.Owner != "job-b" {
		t.Errorf("job-a released job-b's lock: %+v", st)
	}
	if err := store.Unlock(ctx, "ingest", "job-b"); err != nil {
		t.Fatal(err)
	}
	st, ok, err := store.LockStatus(ctx, "ingest")
	if err != nil || !ok || st.Held() || st.LastOwner != "job-b" {
		t.Errorf("released lock: %+v, %v, %v", st, ok, err)
	}
}

// Many jobs racing for a free lock, new or expired: exactly one gets it.
func TestLockRaceHasOneWinner(t *testing.T) {
	store := graphtest.Fresh(t)
	for round := 0; round < 6; round++ {
		name := fmt.Sprintf("race-%d", round)
		if round%2 == 1 {
			// The lock exists, its holder's lease ran out.
			if _, err := neo4j.ExecuteQuery(context.Background(), store.Driver(), `CREATE (:IngestLock {name: $name, owner: 'crashed',
  acquiredAt: datetime() - duration('PT1H'), expiresAt: datetime() - duration('PT1M')})`,
				map[string]any{"name": name}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(store.Database())); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		winners, losers := 0, 0
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(owner string) {
				defer wg.Done()
				_, err := store.TryLock(context.Background(), name, owner, time.Minute)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					winners++
				case errors.Is(err, graph.ErrLocked):
					losers++
				default:
					t.Error(err)
				}
			}(fmt.Sprintf("job-%d", i))
		}
		wg.Wait()
		if winners != 1 || losers != 7 {
			t.Errorf("round %d: %d winners, %d losers; want 1 and 7", round, winners, losers)
		}
		if n := graphtest.Count(t, store, "MATCH (l:IngestLock {name: $name}) RETURN count(l)", map[string]any{"name": name}); n != 1 {
			t.Errorf("round %d: %d lock nodes", round, n)
		}
	}
}

func TestLeaseRenewsAndWaits(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	lease, err := store.AcquireLease(ctx, graph.LeaseOptions{Name: "ingest", Owner: "job-a", TTL: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	// Held beyond its TTL because it is renewed.
	time.Sleep(4 * time.Second)
	if _, err := store.TryLock(ctx, "ingest", "job-b", time.Second); !errors.Is(err, graph.ErrLocked) {
		t.Fatalf("lease not renewed: %v", err)
	}
	if _, err := store.AcquireLease(ctx, graph.LeaseOptions{Name: "ingest", Owner: "job-b", TTL: 3 * time.Second}); !errors.Is(err, graph.ErrLocked) {
		t.Fatalf("without Wait: %v", err)
	}
	got := make(chan error, 1)
	go func() {
		l, err := store.AcquireLease(ctx, graph.LeaseOptions{Name: "ingest", Owner: "job-b", TTL: 3 * time.Second, Wait: true})
		if err == nil {
			err = l.Release(ctx)
		}
		got <- err
	}()
	select {
	case err := <-got:
		t.Fatalf("the waiter got the lock while it was held: %v", err)
	case <-time.After(time.Second):
	}
	if err := lease.Release(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the waiter did not get the released lock")
	}
}

func TestLeaseLostWhenTakenOver(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	lease, err := store.AcquireLease(ctx, graph.LeaseOptions{Name: "ingest", Owner: "job-a", TTL: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer lease.Release(ctx)
	// Simulate job-a's lease having run out (a long outage) and job-b
	// taking it: job-a's next renewal must notice.
	if _, err := neo4j.ExecuteQuery(ctx, store.Driver(), `MATCH (l:IngestLock {name: 'ingest'})
SET l.owner = 'job-b', l.expiresAt = datetime() + duration('PT1M')`, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(store.Database())); err != nil {
		t.Fatal(err)
	}
	select {
	case <-lease.Lost():
	case <-time.After(5 * time.Second):
		t.Fatal("the lease did not report the takeover")
	}
}

func TestIsUnavailable(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{fmt.Errorf("neo4j is down: %w", graph.ErrUnavailable), true},
		{&neo4j.ConnectivityError{Inner: errors.New("connection refused")}, true},
		{fmt.Errorf("writing: %w", &neo4j.TransactionExecutionLimit{Cause: "timeout"}), true},
		{&neo4j.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable"}, true},
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"}, false},
		{fmt.Errorf("%w at bolt://x (user \"neo4j\"): Neo4jError: Neo.ClientError.Security.Unauthorized (...)", graph.ErrUnavailable), false},
		{errors.New("constraint violation"), false},
	}
	for _, tt := range tests {
		if got := graph.IsUnavailable(tt.err); got != tt.want {
			t.Errorf("IsUnavailable(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
