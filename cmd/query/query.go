// Package query is the `newsgraph query` command: a read-only Cypher query
// against the graph, printed as a table or JSON Lines.
package query

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	"github.com/newsgraph/newsgraph/graph"
)

// Options are the inputs of one query.
type Options struct {
	IO     cmdutil.IOStreams
	Config *cmdutil.Config
	Cypher string
	Params map[string]any
	JSON   bool
}

// NewCmdQuery builds the command.
func NewCmdQuery(f *cmdutil.Factory) *cobra.Command {
	opts := &Options{IO: f.IO}
	var params []string
	cmd := &cobra.Command{
		Use:   "query CYPHER",
		Short: "Run a read-only Cypher query and print the result",
		Long: `Runs the query in a read transaction, so a query that writes is refused.
Parameters are given with --param NAME=VALUE and used as $NAME; a VALUE that
parses as JSON is typed as such (n=10 is an integer, ids=["a","b"] a list,
s="10" a string), anything else is a string, as in 'newsgraph export'.

The table has one column per RETURN item, in their order. Datetimes are
printed in ISO 8601, points as point({latitude: .., longitude: ..}), nodes as
(:Label {key: value}) and paths as (Mike Pompeo)-[:MET]->(Kim Jong Un), by
their nodes' names. --json prints one JSON object per row with the same
values and keys in RETURN order.`,
		Example: `  newsgraph query "MATCH (p:Person)-[m:MET]-(q:Person) WHERE p.name < q.name RETURN p.name, q.name, m.status"
  newsgraph query --param name='Mike Pompeo' "MATCH (:Person {name:\$name})-[:SAID]->(s) RETURN s.text"
  newsgraph query --param n=5 --json "MATCH p=(:Person)-[:MET]->(:Person) RETURN p LIMIT \$n"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cmdutil.FlagErrorf("query needs exactly one Cypher query (quote it)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Params, err = cmdutil.ParseParams(params); err != nil {
				return err
			}
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			opts.Config, opts.Cypher = cfg, args[0]
			return runQuery(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringArrayVar(&params, "param", nil, cmdutil.ParamHelp)
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print one JSON object per row, keys in RETURN order")
	return cmd
}

func runQuery(ctx context.Context, opts *Options) error {
	store, err := opts.Config.OpenGraph(ctx)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))
	table, err := store.QueryTable(ctx, opts.Cypher, opts.Params)
	if err != nil {
		if strings.Contains(err.Error(), "Writing in read access mode not allowed") || strings.Contains(err.Error(), "not allowed for") {
			return fmt.Errorf("query refused: newsgraph query runs read-only and this query writes: %w", err)
		}
		return fmt.Errorf("query failed: %w", err)
	}
	if opts.JSON {
		return WriteJSON(opts.IO.Out, table)
	}
	return WriteTable(opts.IO.Out, table)
}

// WriteTable prints the rows under a header of the columns, in RETURN
// order. Line breaks and tabs inside values are written as \n and \t, so
// that every row stays one line.
func WriteTable(w io.Writer, t graph.Table) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(t.Columns, "\t"))
	cell := strings.NewReplacer("\r\n", `\n`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = cell.Replace(Text(v))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if len(t.Rows) == 0 {
		fmt.Fprintln(tw, "(no rows)")
	}
	return tw.Flush()
}

// WriteJSON prints one JSON object per row (JSON Lines), its keys in
// RETURN order and its values as JSONValue makes them.
func WriteJSON(w io.Writer, t graph.Table) error {
	var line bytes.Buffer
	for _, row := range t.Rows {
		line.Reset()
		line.WriteByte('{')
		for i, v := range row {
			if i > 0 {
				line.WriteByte(',')
			}
			if err := encode(&line, t.Columns[i]); err != nil {
				return err
			}
			line.WriteByte(':')
			if err := encode(&line, JSONValue(v)); err != nil {
				return fmt.Errorf("column %q: %w", t.Columns[i], err)
			}
		}
		line.WriteString("}\n")
		if _, err := w.Write(line.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func encode(buf *bytes.Buffer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
	return nil
}
