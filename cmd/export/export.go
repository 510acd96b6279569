// Package export is the `newsgraph export` command: a piece of the graph as
// GraphML, node-link JSON, neo4j-admin CSV or a Cypher script.
package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	"github.com/newsgraph/newsgraph/graph/export"
)

// Options are the inputs of one export.
type Options struct {
	IO        cmdutil.IOStreams
	Config    *cmdutil.Config
	Format    export.Format
	Output    string // file, directory (csv) or "" / "-" for stdout
	Selection export.Selection
}

// NewCmdExport builds the command.
func NewCmdExport(f *cmdutil.Factory) *cobra.Command {
	opts := &Options{IO: f.IO}
	var (
		format, from, to string
		params           []string
	)
	cmd := &cobra.Command{
		Use:   "export [flags]",
		Short: "Export a subgraph as GraphML, node-link JSON, neo4j-admin CSV or a Cypher script",
		Long: `Exports the whole graph, or the part a selection keeps, for Gephi, networkx,
Cytoscape, R (igraph), D3 or another Neo4j. Every selection option narrows the
export; combined options keep what all of them keep. Actors and locations come
along with the facts that involve them. See docs/export.md.

Formats (--format, or guessed from the -o extension):
  graphml  GraphML with typed attributes (Gephi, Cytoscape, igraph, networkx.read_graphml)
  json     node-link JSON (networkx.node_link_graph(data, edges="links"), D3)
  csv      a directory of neo4j-admin import files (-o DIR; then run
           'neo4j-admin database import full --overwrite-destination
           @import.args neo4j' in DIR, with the server stopped; the report
           prints the command)
  cypher   a Cypher script that recreates the subgraph (cypher-shell -f FILE)

The export is one read transaction; a --cypher query that writes is refused.
What was exported (counts by label and type) goes to stdout, or to stderr when
the data goes to stdout.`,
		Example: `  newsgraph export --entity "Mike Pompeo" --depth 2 -o pompeo.graphml
  newsgraph export --rel MET --status held --from 2018-01 --to 2018-06 --format json > met.json
  newsgraph export --article article:93303465825e8d20 --format csv -o import/
  newsgraph export --cypher 'MATCH p=(:Person)-[:MET]-(:Country {id: $c}) RETURN p' --param c=country:KP -o kp.cypher`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return cmdutil.FlagErrorf("export takes no arguments, got %q (the selection goes in flags)", args)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.complete(format, from, to, params, cmd.Flags().Changed("depth")); err != nil {
				return err
			}
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			opts.Config = cfg
			return runExport(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "", "graphml, json, csv or cypher (default: from the -o extension)")
	fl.StringVarP(&opts.Output, "output", "o", "", "output file, or directory for csv (default: stdout)")
	fl.StringVar(&opts.Selection.Entity, "entity", "", "ego network of this actor (name, alias or id)")
	fl.IntVar(&opts.Selection.Depth, "depth", 1, fmt.Sprintf("hops around --entity (0-%d)", export.MaxDepth))
	fl.StringVar(&from, "from", "", "keep facts dated from this day on (YYYY-MM-DD, YYYY-MM or YYYY)")
	fl.StringVar(&to, "to", "", "keep facts dated up to this day (YYYY-MM-DD, YYYY-MM or YYYY, inclusive)")
	fl.StringSliceVar(&opts.Selection.RelTypes, "rel", nil, "relationship types to keep, e.g. MET,SAID (case-sensitive)")
	fl.StringSliceVar(&opts.Selection.Statuses, "status", nil, "meeting statuses to keep: "+strings.Join(export.Statuses, ","))
	fl.StringArrayVar(&opts.Selection.Articles, "article", nil, "keep what this article contributed (id, file, source or URL; repeatable)")
	fl.StringVar(&opts.Selection.Cypher, "cypher", "", "read-only Cypher query returning nodes, relationships or paths")
	fl.StringArrayVar(&params, "param", nil, "for --cypher: "+cmdutil.ParamHelp)
	return cmd
}

// complete turns the flag values into options, or returns a usage error.
func (o *Options) complete(format, from, to string, params []string, depthSet bool) error {
	var err error
	switch {
	case format != "":
		if o.Format, err = export.ParseFormat(format); err != nil {
			return cmdutil.FlagErrorf("--format: %v", err)
		}
	case o.Output != "" && o.Output != "-":
		var ok bool
		if o.Format, ok = export.FormatForPath(o.Output); !ok {
			return cmdutil.FlagErrorf("cannot tell the format from %q: give --format", o.Output)
		}
	default:
		return cmdutil.FlagErrorf("give --format (graphml, json, csv or cypher) or an -o file with one of their extensions")
	}
	if o.Format.IsDirectory() && (o.Output == "" || o.Output == "-") {
		return cmdutil.FlagErrorf("--format %s writes several files: give a directory with -o", o.Format)
	}
	sel := &o.Selection
	sel.Entity = strings.TrimSpace(sel.Entity)
	if depthSet && sel.Entity == "" {
		return cmdutil.FlagErrorf("--depth needs --entity")
	}
	if sel.Entity == "" {
		sel.Depth = 0
	}
	if sel.From, err = parseDate(from, false); err != nil {
		return cmdutil.FlagErrorf("--from: %v", err)
	}
	if sel.To, err = parseDate(to, true); err != nil {
		return cmdutil.FlagErrorf("--to: %v", err)
	}
	for i, a := range sel.Articles {
		// Ingest records a file's absolute path as the article's source.
		if st, err := os.Stat(a); err == nil && !st.IsDir() {
			if abs, err := filepath.Abs(a); err == nil {
				sel.Articles[i] = abs
			}
		}
	}
	sel.RelTypes = trimAll(sel.RelTypes)
	sel.Statuses = trimAll(sel.Statuses)
	for i, s := range sel.Statuses {
		sel.Statuses[i] = strings.ToLower(s)
	}
	if len(params) > 0 {
		if sel.Cypher == "" {
			return cmdutil.FlagErrorf("--param needs --cypher")
		}
		if sel.Params, err = cmdutil.ParseParams(params); err != nil {
			return err
		}
	}
	if err := sel.Validate(); err != nil {
		return &cmdutil.FlagError{Err: err}
	}
	return nil
}

func trimAll(list []string) []string {
	var out []string
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// parseDate reads YYYY-MM-DD, YYYY-MM or YYYY; a month or year stands for
// its first day, or its last day when end is set.
func parseDate(s string, end bool) (time.Time, error) {
	if s = strings.TrimSpace(s); s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{time.DateOnly, func(t time.Time) time.Time { return t }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, -1) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, -1) }},
	} {
		t, err := time.Parse(layout.layout, s)
		if err != nil {
			continue
		}
		if end {
			t = layout.next(t)
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", s)
}

func runExport(ctx context.Context, opts *Options) (err error) {
	toStdout := opts.Output == "" || opts.Output == "-"
	report := opts.IO.Out
	if toStdout {
		report = opts.IO.ErrOut
	}

	store, err := opts.Config.OpenGraph(ctx)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))

	out, err := openOutput(opts, toStdout)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			export.Discard(out.writer)
		}
		if cerr := out.finish(err == nil); err == nil {
			err = cerr
		}
	}()

	var bar *progressbar.ProgressBar
	var progress, total func(nodes, rels int64)
	if opts.IO.ErrIsTerminal {
		bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(opts.IO.ErrOut),
			progressbar.OptionSetDescription("exporting nodes"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("elements"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish())
		total = func(nodes, rels int64) {
			if nodes+rels > 0 { // an empty export keeps the spinner
				bar.ChangeMax64(nodes + rels)
			}
		}
		progress = func(nodes, rels int64) {
			if rels == 1 {
				bar.Describe("exporting relationships")
			}
			_ = bar.Set64(nodes + rels)
		}
	}
	sum, err := export.Run(ctx, store, opts.Selection, out.writer, export.Options{Progress: progress, Total: total})
	if bar != nil {
		_ = bar.Finish()
	}
	for _, w := range sum.Warnings {
		fmt.Fprintln(opts.IO.ErrOut, "warning:", w)
	}
	if err != nil {
		return err
	}
	printSummary(report, opts, sum)
	return nil
}

// output is where the export goes. A file is written under a temporary
// name and renamed when the export succeeds, so a failed export leaves no
// half-written file behind.
type output struct {
	writer export.Writer
	file   *os.File
	final  string
}

func openOutput(opts *Options, toStdout bool) (*output, error) {
	if opts.Format == export.FormatCSV {
		w, err := export.NewCSV(opts.Output, "")
		if err != nil {
			return nil, err
		}
		return &output{writer: w}, nil
	}
	o := &output{}
	var dst io.Writer = opts.IO.Out
	tempDir := ""
	if !toStdout {
		dir := filepath.Dir(opts.Output)
		f, err := os.CreateTemp(dir, "."+filepath.Base(opts.Output)+".*.part")
		if err != nil {
			return nil, fmt.Errorf("output %s: %w", opts.Output, err)
		}
		o.file, o.final, dst, tempDir = f, opts.Output, f, dir
	}
	switch opts.Format {
	case export.FormatGraphML:
		w, err := export.NewGraphML(dst, tempDir)
		if err != nil {
			o.finish(false)
			return nil, err
		}
		o.writer = w
	case export.FormatJSON:
		o.writer = export.NewNodeLink(dst)
	case export.FormatCypher:
		stmts, err := export.SchemaStatements()
		if err != nil {
			o.finish(false)
			return nil, err
		}
		o.writer = export.NewCypher(dst, stmts)
	default:
		o.finish(false)
		return nil, fmt.Errorf("unsupported format %q", opts.Format)
	}
	return o, nil
}

func (o *output) finish(ok bool) error {
	if o.file == nil {
		return nil
	}
	name := o.file.Name()
	err := o.file.Close()
	if ok && err == nil {
		// CreateTemp makes the file private; an export is an ordinary file.
		err = os.Chmod(name, 0o644)
	}
	if ok && err == nil {
		if err = os.Rename(name, o.final); err == nil {
			return nil
		}
	}
	os.Remove(name)
	if ok && err != nil {
		return fmt.Errorf("output %s: %w", o.final, err)
	}
	return nil
}

func printSummary(w io.Writer, opts *Options, sum export.Summary) {
	dest := opts.Output
	if dest == "" || dest == "-" {
		dest = "stdout"
	}
	var b bytes.Buffer
	if sum.Entity != nil {
		fmt.Fprintf(&b, "entity: %s\n", sum.Entity)
	}
	fmt.Fprintf(&b, "exported %d nodes and %d relationships (%s) to %s\n", sum.Nodes, sum.Relationships, opts.Format, dest)
	fmt.Fprintf(&b, "  nodes by label: %s\n", counts(sum.Labels))
	fmt.Fprintf(&b, "  relationships by type: %s\n", counts(sum.Types))
	if opts.Format == export.FormatCSV {
		fmt.Fprintf(&b, "  to import it, stop the Neo4j server (the import replaces its database neo4j), run\n    %s\n  and start the server again\n",
			export.ImportCommand(opts.Output))
	}
	w.Write(b.Bytes())
}

// counts lists a tally largest first: "Actor 24, Person 10".
func counts(m map[string]int64) string {
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
