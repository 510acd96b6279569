// Package status is the `newsgraph status` command: what the ingest job
// has been doing, read from Neo4j.
package status

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	"github.com/newsgraph/newsgraph/graph"
)

// Options are the inputs of the command.
type Options struct {
	IO     cmdutil.IOStreams
	Config *cmdutil.Config
	// Passes is how many of the latest passes to show.
	Passes int
	// MinAttempts is how often a source must have failed to be listed as
	// failing repeatedly.
	MinAttempts int
	// Failing is how many failing sources to list.
	Failing int
	JSON    bool
	now     func() time.Time
}

// NewCmdStatus builds the command.
func NewCmdStatus(f *cmdutil.Factory) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show what the graph holds, the last ingest passes and the sources that keep failing",
		Long: `Reads from Neo4j what the graph holds (nodes by label, relationships by
type) and what was recorded about ingesting: who holds the ingest job's lock,
the latest passes of the job (newsgraph run) and of newsgraph ingest (when,
over which source, the counts and the failures with their reasons), and the
articles or feeds the job keeps failing on, with how often they failed and
when they are retried next.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			if opts.Passes < 0 || opts.MinAttempts < 1 || opts.Failing < 0 {
				return cmdutil.FlagErrorf("--passes and --failing must be >= 0, --min-attempts >= 1")
			}
			opts.Config = cfg
			return runStatus(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.Passes, "passes", 10, "how many of the latest passes to show")
	cmd.Flags().IntVar(&opts.MinAttempts, "min-attempts", 2, "list sources that failed at least this many times in a row")
	cmd.Flags().IntVar(&opts.Failing, "failing", 20, "how many failing sources to list")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

// Status is what the command shows.
type Status struct {
	Graph        GraphCounts           `json:"graph"`
	Locks        []graph.LockInfo      `json:"locks"`
	Passes       []graph.PassRecord    `json:"passes"`
	Failing      []graph.FailureRecord `json:"failing"`
	FailingTotal int                   `json:"failingTotal"`
}

// GraphCounts is what the graph holds: nodes per label and relationships
// per type, newsgraph's bookkeeping left out.
type GraphCounts struct {
	Nodes         map[string]int64 `json:"nodes"`
	Relationships map[string]int64 `json:"relationships"`
}

func runStatus(ctx context.Context, opts *Options) error {
	store, err := opts.Config.OpenGraph(ctx)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))
	var st Status
	counts, err := store.Counts(ctx)
	if err != nil {
		return err
	}
	st.Graph = GraphCounts{Nodes: counts.Nodes, Relationships: counts.Relationships}
	if st.Locks, err = store.Locks(ctx); err != nil {
		return err
	}
	if st.Passes, err = store.LastPasses(ctx, opts.Passes); err != nil {
		return err
	}
	if st.Failing, st.FailingTotal, err = store.Failures(ctx, opts.MinAttempts, opts.Failing); err != nil {
		return err
	}
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	now := time.Now
	if opts.now != nil {
		now = opts.now
	}
	Print(opts.IO.Out, st, opts.MinAttempts, now())
	return nil
}

// Print writes the status for people.
func Print(w io.Writer, st Status, minAttempts int, now time.Time) {
	fmt.Fprintln(w, "Graph:")
	if len(st.Graph.Nodes) == 0 {
		fmt.Fprintln(w, "  empty: 'newsgraph ingest PATH' or 'newsgraph run' fills it")
	} else {
		// A node counts once per label (a Person is an Actor too), so the
		// labels have no meaningful sum.
		fmt.Fprintf(w, "  nodes by label: %s\n", tally(st.Graph.Nodes))
		fmt.Fprintf(w, "  %d relationships: %s\n", sum(st.Graph.Relationships), tally(st.Graph.Relationships))
	}

	fmt.Fprintln(w, "\nLock of the ingest job (newsgraph run):")
	if len(st.Locks) == 0 {
		fmt.Fprintln(w, "  never taken: no ingest job has run yet")
	}
	for _, l := range st.Locks {
		switch {
		case l.Held():
			fmt.Fprintf(w, "  %s: held by %s since %s, lease expires in %s\n", l.Name, l.Owner, stamp(l.AcquiredAt),
				l.ExpiresAt.Sub(now).Round(time.Second))
		case l.Owner != "":
			fmt.Fprintf(w, "  %s: free (the lease of %s expired at %s: that job stopped without releasing it)\n", l.Name, l.Owner, stamp(l.ExpiresAt))
		default:
			fmt.Fprintf(w, "  %s: free (last held by %s)\n", l.Name, orDash(l.LastOwner))
		}
	}

	fmt.Fprintf(w, "\nLast passes, of the job and of newsgraph ingest (newest first):\n")
	if len(st.Passes) == 0 {
		fmt.Fprintln(w, "  none recorded")
	} else {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  STARTED\tSOURCE\tSHARD\tSTATUS\tSEEN\tNEW\tUPDATED\tUNCHANGED\tFAILED\tDEFERRED\tELAPSED")
		for _, p := range st.Passes {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", stamp(p.StartedAt), p.Source, orDash(p.Shard), p.Status,
				p.Seen, p.New, p.Updated, p.Unchanged, p.Failed, p.Deferred, p.FinishedAt.Sub(p.StartedAt).Round(time.Millisecond))
		}
		tw.Flush()
		for _, p := range st.Passes {
			if p.Error == "" && len(p.Failures) == 0 {
				continue
			}
			fmt.Fprintf(w, "  %s %s:\n", stamp(p.StartedAt), p.Source)
			if p.Error != "" {
				fmt.Fprintf(w, "    error: %s\n", p.Error)
			}
			const show = 5
			for i, f := range p.Failures {
				if i == show {
					fmt.Fprintf(w, "    ... and %d more\n", p.Failed-show)
					break
				}
				fmt.Fprintf(w, "    failed (%s): %s: %s\n", f.Kind, f.Source, f.Reason)
			}
		}
	}

	fmt.Fprintf(w, "\nSources failing %d or more times in a row: %d\n", minAttempts, st.FailingTotal)
	if len(st.Failing) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  ATTEMPTS\tKIND\tSOURCE\tFIRST FAILED\tLAST FAILED\tNEXT TRY\tREASON")
		for _, f := range st.Failing {
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\t%s\n", f.Attempts, f.Kind, f.Source, stamp(f.FirstFailedAt),
				stamp(f.LastFailedAt), stamp(f.NextAttemptAt), oneLine(f.Reason))
		}
		tw.Flush()
		if st.FailingTotal > len(st.Failing) {
			fmt.Fprintf(w, "  ... and %d more (--failing N)\n", st.FailingTotal-len(st.Failing))
		}
	}
}

func sum(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

// tally lists counts largest first: "Actor 24, Person 10".
func tally(m map[string]int64) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05Z")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
