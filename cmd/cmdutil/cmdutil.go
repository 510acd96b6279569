// Package cmdutil holds what every command shares: the typed Config that
// cmd/root fills from flags, environment and config file, the I/O streams,
// and the errors that choose the exit code.
package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// Config is newsgraph's effective configuration. Only cmd/ reads viper;
// everything below receives this struct (or the part of it it needs).
type Config struct {
	// File is the config file that was read, if any.
	File   string       `json:"configFile,omitempty"`
	Neo4j  graph.Config `json:"-"`
	Ingest IngestConfig `json:"ingest"`
	Log    LogConfig    `json:"log"`
	// GeoNames is an optional path to a GeoNames cities table (cities15000.txt)
	// that extends the embedded gazetteer.
	GeoNames string `json:"geonames,omitempty"`
	// Sources are the ingest job's configured sources (newsgraph run).
	Sources []source.Spec `json:"sources,omitempty"`
	// Schedules are named schedules that sources refer to.
	Schedules map[string]string `json:"schedules,omitempty"`
	// Job configures the ingest job (newsgraph run, newsgraph status).
	Job JobConfig `json:"job"`
}

// JobConfig configures the scheduled ingest job.
type JobConfig struct {
	// Schedule applies to sources without one of their own.
	Schedule string `json:"schedule"`
	// RunAtStart runs every source once when the job starts, before
	// following the schedules.
	RunAtStart bool `json:"runAtStart"`
	// LockName names the lease in Neo4j that keeps two jobs from ingesting
	// at once; LockTTL is its length (renewed every third of it).
	LockName string        `json:"lockName"`
	LockTTL  time.Duration `json:"lockTTL"`
	// OnLocked is what a job does when another holds the lock: "exit" or
	// "wait".
	OnLocked string `json:"onLocked"`
	// Neo4jMaxWait bounds how long the job waits for an unreachable Neo4j
	// (at start and mid-pass) before failing; 0 waits indefinitely.
	Neo4jMaxWait time.Duration `json:"neo4jMaxWait"`
	// FailureBackoff spaces the retries of an article that keeps failing.
	FailureBackoffInitial time.Duration `json:"failureBackoffInitial"`
	FailureBackoffMax     time.Duration `json:"failureBackoffMax"`
	// KeepPasses is how many pass records per source are kept.
	KeepPasses int `json:"keepPasses"`
	// Fetch configures HTTP fetching of feeds and pages.
	Fetch source.FetchOptions `json:"fetch"`
}

// IngestConfig tunes the pipeline.
type IngestConfig struct {
	Workers         int `json:"workers"`
	BatchSize       int `json:"batchSize"`
	MaxArticleBytes int `json:"maxArticleBytes"`
}

// LogConfig chooses the log output.
type LogConfig struct {
	Level  string `json:"level"`
	Format string `json:"format"` // text or json
}

// IOStreams are the command's standard streams.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// ErrIsTerminal is true when ErrOut is a terminal (progress bars go there).
	ErrIsTerminal bool
}

// System returns the process's standard streams.
func System() IOStreams {
	return IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, ErrIsTerminal: isTerminal(os.Stderr)}
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Factory gives commands lazy access to shared resources.
type Factory struct {
	IO     IOStreams
	Config func() (*Config, error)
}

// Logger builds the structured logger the configuration asks for.
func (c *Config) Logger(w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.Log.Level)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if strings.EqualFold(c.Log.Format, "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// OpenGraph connects to the configured Neo4j.
func (c *Config) OpenGraph(ctx context.Context) (*graph.Store, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return graph.Open(ctx, c.Neo4j)
}

// FlagError is a usage error: wrong flags or arguments. Exit code 2.
type FlagError struct{ Err error }

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// FlagErrorf builds a FlagError.
func FlagErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...)}
}

// ErrSilent is returned by a command that has already printed why it
// failed. Exit code 1.
var ErrSilent = errors.New("failed")

// ExitCode maps a command's error to the process exit code: 0 ok,
// 1 failure, 2 usage error.
func ExitCode(err error) int {
	var fe *FlagError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &fe):
		return 2
	default:
		return 1
	}
}

// FillPass copies a pipeline report's counts and failures into a pass
// record, each failure with its kind (empty, binary, http, ...).
func FillPass(rec *graph.PassRecord, r ingest.Report) {
	rec.Seen, rec.New, rec.Updated, rec.Unchanged = r.Seen, r.New, r.Updated, r.Unchanged
	rec.Deferred, rec.Failed, rec.Written = r.Deferred, r.Failed(), r.Written
	rec.Recovered = append(rec.Recovered, r.Recovered...)
	for _, f := range r.Failures {
		rec.Failures = append(rec.Failures, graph.FailureEntry{
			Source: f.Source, Kind: source.FailureKind(f.Err), Reason: f.Err.Error(), ContentHash: f.ContentHash,
		})
	}
}
