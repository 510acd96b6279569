package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/ingest"
)

// The ingest job's lock is a lease held in the graph itself:
// (:IngestLock {name, owner, acquiredAt, renewedAt, expiresAt}). Whoever
// holds an unexpired lease may ingest; the holder renews it while it runs,
// and a holder that crashed simply stops renewing, so its lease expires by
// itself. Times are the database's clock, so the jobs' clocks do not
// matter.

// Reasons locking fails. Check them with errors.Is.
var (
	// ErrLocked is wrapped by *LockedError: another owner holds the lease.
	ErrLocked = errors.New("another ingest job holds the lock")
	// ErrLockLost means another owner took the lease while we held it
	// (ours had expired, e.g. while the database was down for longer than
	// the lease).
	ErrLockLost = errors.New("the ingest lock was taken over by another job")
)

// LockInfo is the state of a lock.
type LockInfo struct {
	Name  string `json:"name"`
	Owner string `json:"owner"` // "" when free
	// AcquiredAt is when the owner took the lock, RenewedAt its last
	// renewal, ExpiresAt when the lease ends unless renewed.
	AcquiredAt time.Time `json:"acquiredAt"`
	RenewedAt  time.Time `json:"renewedAt"`
	ExpiresAt  time.Time `json:"expiresAt"`
	// LastOwner is the owner before a release.
	LastOwner string `json:"lastOwner,omitempty"`
	// Expired is true when the lease has run out (by the database's clock).
	Expired bool `json:"expired"`
}

// Held reports whether someone holds an unexpired lease.
func (l LockInfo) Held() bool { return l.Owner != "" && !l.Expired }

// LockedError says who holds the lock.
type LockedError struct{ Holder LockInfo }

func (e *LockedError) Error() string {
	h := e.Holder
	return fmt.Sprintf("another ingest job holds the lock %q: owner %s, holding it since %s; its lease expires at %s unless renewed",
		h.Name, h.Owner, h.AcquiredAt.UTC().Format(time.RFC3339), h.ExpiresAt.UTC().Format(time.RFC3339))
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// qLock takes or renews the lease. The first SET write-locks the node
// before its owner is read, so that two jobs racing for an expired lease
// are serialised and only one wins; the uniqueness constraint on
// IngestLock.name keeps MERGE from creating two locks.
const qLock = `MERGE (l:IngestLock {name: $name})
SET l.checkedAt = datetime()
WITH l, (l.owner IS NULL OR l.owner = $owner OR l.expiresAt < datetime()) AS free,
     coalesce(l.owner = $owner AND l.expiresAt >= datetime(), false) AS renewing
SET l.acquiredAt = CASE WHEN free AND NOT renewing THEN datetime() ELSE l.acquiredAt END,
    l.owner = CASE WHEN free THEN $owner ELSE l.owner END,
    l.renewedAt = CASE WHEN free THEN datetime() ELSE l.renewedAt END,
    l.expiresAt = CASE WHEN free THEN datetime() + duration({milliseconds: $ttlMs}) ELSE l.expiresAt END
RETURN free, l.name AS name, l.owner AS owner, l.acquiredAt AS acquiredAt, l.renewedAt AS renewedAt,
       l.expiresAt AS expiresAt, l.lastOwner AS lastOwner, l.expiresAt < datetime() AS expired`

// TryLock takes the lock for owner for ttl, or renews it if owner holds
// it. It returns *LockedError when someone else holds an unexpired lease.
func (s *Store) TryLock(ctx context.Context, name, owner string, ttl time.Duration) (LockInfo, error) {
	if owner == "" || ttl <= 0 {
		return LockInfo{}, fmt.Errorf("lock %q: owner and a positive ttl are required", name)
	}
	rows, err := s.writeRows(ctx, qLock, map[string]any{"name": name, "owner": owner, "ttlMs": ttl.Milliseconds()})
	if err != nil {
		return LockInfo{}, fmt.Errorf("taking the lock %q: %w", name, err)
	}
	if len(rows) != 1 {
		return LockInfo{}, fmt.Errorf("taking the lock %q: got %d rows", name, len(rows))
	}
	info := lockInfo(rows[0])
	if free, _ := rows[0]["free"].(bool); !free {
		return info, &LockedError{Holder: info}
	}
	return info, nil
}

// Unlock releases the lock if owner holds it; releasing a lock held by
// someone else (ours expired and was taken) changes nothing.
func (s *Store) Unlock(ctx context.Context, name, owner string) error {
	_, err := s.writeRows(ctx, `MATCH (l:IngestLock {name: $name, owner: $owner})
SET l.lastOwner = l.owner, l.owner = null, l.expiresAt = null, l.releasedAt = datetime()`,
		map[string]any{"name": name, "owner": owner})
	if err != nil {
		return fmt.Errorf("releasing the lock %q: %w", name, err)
	}
	return nil
}

// LockStatus reads the lock; ok is false when it was never taken.
func (s *Store) LockStatus(ctx context.Context, name string) (info LockInfo, ok bool, err error) {
	rows, err := s.Query(ctx, `MATCH (l:IngestLock {name: $name})
RETURN l.name AS name, l.owner AS owner, l.acquiredAt AS acquiredAt, l.renewedAt AS renewedAt,
       l.expiresAt AS expiresAt, l.lastOwner AS lastOwner, coalesce(l.expiresAt < datetime(), false) AS expired`,
		map[string]any{"name": name})
	if err != nil {
		return LockInfo{}, false, fmt.Errorf("reading the lock %q: %w", name, err)
	}
	if len(rows) == 0 {
		return LockInfo{Name: name}, false, nil
	}
	return lockInfo(rows[0]), true, nil
}

func lockInfo(r map[string]any) LockInfo {
	info := LockInfo{}
	info.Name, _ = r["name"].(string)
	info.Owner, _ = r["owner"].(string)
	info.LastOwner, _ = r["lastOwner"].(string)
	info.AcquiredAt, _ = r["acquiredAt"].(time.Time)
	info.RenewedAt, _ = r["renewedAt"].(time.Time)
	info.ExpiresAt, _ = r["expiresAt"].(time.Time)
	info.Expired, _ = r["expired"].(bool)
	return info
}

// LeaseOptions configure AcquireLease.
type LeaseOptions struct {
	Name, Owner string
	// TTL is the lease length; it is renewed every TTL/3.
	TTL time.Duration
	// Wait makes AcquireLease wait for a held lock instead of returning
	// *LockedError.
	Wait bool
	// Retry rides out an unavailable database while acquiring.
	Retry  *ingest.Retry
	Logger *slog.Logger
}

// Lease is a held lock, renewed in the background until Release.
type Lease struct {
	store  *Store
	opt    LeaseOptions
	lost   chan struct{}
	stop   chan struct{}
	done   chan struct{}
	once   sync.Once
	mu     sync.Mutex
	holder LockInfo
}

// AcquireLease takes the lock and keeps renewing it. With Wait it polls a
// held lock until it is released or expires, or ctx ends.
func (s *Store) AcquireLease(ctx context.Context, opt LeaseOptions) (*Lease, error) {
	if opt.TTL <= 0 {
		opt.TTL = 2 * time.Minute
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	poll := min(opt.TTL/4, 5*time.Second)
	waiting := ""
	for {
		var info LockInfo
		err := opt.Retry.Do(ctx, log, "taking the ingest lock", func(ctx context.Context) (err error) {
			info, err = s.TryLock(ctx, opt.Name, opt.Owner, opt.TTL)
			return err
		})
		if err == nil {
			l := &Lease{store: s, opt: opt, lost: make(chan struct{}), stop: make(chan struct{}), done: make(chan struct{}), holder: info}
			l.opt.Logger = log
			go l.renew()
			return l, nil
		}
		var locked *LockedError
		if !errors.As(err, &locked) || !opt.Wait {
			return nil, err
		}
		if waiting != locked.Holder.Owner {
			waiting = locked.Holder.Owner
			log.Info("waiting for the ingest lock", "lock", opt.Name, "holder", locked.Holder.Owner,
				"since", locked.Holder.AcquiredAt, "expires", locked.Holder.ExpiresAt)
		}
		t := time.NewTimer(poll)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("stopped while waiting: %w", err)
		}
	}
}

// Lost is closed when another job took the lock over; the holder must
// stop ingesting.
func (l *Lease) Lost() <-chan struct{} { return l.lost }

// Info is the lease as last taken or renewed.
func (l *Lease) Info() LockInfo {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.holder
}

func (l *Lease) renew() {
	defer close(l.done)
	log := l.opt.Logger
	t := time.NewTicker(l.opt.TTL / 3)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), l.opt.TTL/3)
		info, err := l.store.TryLock(ctx, l.opt.Name, l.opt.Owner, l.opt.TTL)
		cancel()
		var locked *LockedError
		switch {
		case err == nil:
			l.mu.Lock()
			l.holder = info
			l.mu.Unlock()
		case errors.As(err, &locked):
			log.Error("lost the ingest lock; stopping", "lock", l.opt.Name, "holder", locked.Holder.Owner)
			close(l.lost)
			return
		default:
			// The database is away; the lease outlives a short outage and
			// is taken again afterwards unless another job got it first.
			log.Warn("could not renew the ingest lock; retrying", "lock", l.opt.Name, "error", err)
		}
	}
}

// Release stops renewing and frees the lock.
func (l *Lease) Release(ctx context.Context) error {
	l.once.Do(func() { close(l.stop) })
	<-l.done
	return l.store.Unlock(ctx, l.opt.Name, l.opt.Owner)
}

// writeRows runs one statement in a managed write transaction and returns
// its rows.
func (s *Store) writeRows(ctx context.Context, cypher string, params map[string]any) ([]map[string]any, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	return neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) ([]map[string]any, error) {
		return runRows(ctx, tx, cypher, params)
	})
}

// IsUnavailable reports whether err means the database could not be
// reached (down, restarting, network) rather than that it refused the
// request: the errors worth waiting out.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	// A refused login is not an outage: waiting will not fix the password.
	// Open flattens the driver's error into its message, hence the text.
	if strings.Contains(err.Error(), "Neo.ClientError.Security.") {
		return false
	}
	if errors.Is(err, ErrUnavailable) || errors.Is(err, ingest.ErrSinkUnavailable) {
		return true
	}
	var ce *neo4j.ConnectivityError
	var tl *neo4j.TransactionExecutionLimit
	if errors.As(err, &ce) || errors.As(err, &tl) {
		return true
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		// Transient server errors: database unavailable while starting or
		// stopping, leader switches, deadlocks.
		return ne.IsRetriable()
	}
	return false
}

// Locks returns every lock ever taken, by name.
func (s *Store) Locks(ctx context.Context) ([]LockInfo, error) {
	rows, err := s.Query(ctx, `MATCH (l:IngestLock)
RETURN l.name AS name, l.owner AS owner, l.acquiredAt AS acquiredAt, l.renewedAt AS renewedAt,
       l.expiresAt AS expiresAt, l.lastOwner AS lastOwner, coalesce(l.expiresAt < datetime(), false) AS expired
ORDER BY name`, nil)
	if err != nil {
		return nil, fmt.Errorf("reading the ingest locks: %w", err)
	}
	out := make([]LockInfo, len(rows))
	for i, r := range rows {
		out[i] = lockInfo(r)
	}
	return out, nil
}
