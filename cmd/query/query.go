// Package query is the `newsgraph query` command: a read-only Cypher query
// against the graph, printed as a table or JSON Lines.
package query

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
)

// Options are the inputs of one query.
type Options struct {
	IO     cmdutil.IOStreams
	Config *cmdutil.Config
	Cypher string
	Params map[string]string
	JSON   bool
}

// NewCmdQuery builds the command.
func NewCmdQuery(f *cmdutil.Factory) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "query CYPHER",
		Short: "Run a read-only Cypher query and print the result",
		Long: `Runs the query in a read transaction, so a query that writes is refused.
Parameters are given with --param name=value and used as $name.`,
		Example: `  newsgraph query "MATCH (p:Person)-[m:MET]-(q:Person) WHERE p.name < q.name RETURN p.name, q.name, m.status"
  newsgraph query --param name='Mike Pompeo' "MATCH (:Person {name:\$name})-[:SAID]->(s) RETURN s.text"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cmdutil.FlagErrorf("query needs exactly one Cypher query (quote it)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			opts.Config, opts.Cypher = cfg, args[0]
			return runQuery(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringToStringVar(&opts.Params, "param", nil, "query parameter name=value (repeatable)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print one JSON object per row")
	return cmd
}

func runQuery(ctx context.Context, opts *Options) error {
	store, err := opts.Config.OpenGraph(ctx)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))
	params := make(map[string]any, len(opts.Params))
	for k, v := range opts.Params {
		params[k] = v
	}
	rows, err := store.Query(ctx, opts.Cypher, params)
	if err != nil {
		if strings.Contains(err.Error(), "Writing in read access mode not allowed") || strings.Contains(err.Error(), "not allowed for") {
			return fmt.Errorf("query refused: newsgraph query runs read-only and this query writes: %w", err)
		}
		return fmt.Errorf("query failed: %w", err)
	}
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		for _, r := range rows {
			out := map[string]any{}
			for k, v := range r {
				out[k] = plain(v)
			}
			if err := enc.Encode(out); err != nil {
				return err
			}
		}
		return nil
	}
	if len(rows) == 0 {
		fmt.Fprintln(opts.IO.Out, "(no rows)")
		return nil
	}
	cols := make([]string, 0, len(rows[0]))
	for k := range rows[0] {
		cols = append(cols, k)
	}
	sort.Strings(cols)
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(cols, "\t"))
	for _, r := range rows {
		cells := make([]string, len(cols))
		for i, c := range cols {
			cells[i] = Format(r[c])
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// Format renders a result value for a table cell.
func Format(v any) string {
	switch x := plain(v).(type) {
	case nil:
		return "null"
	case string:
		return x
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

// plain turns driver values into JSON-friendly ones.
func plain(v any) any {
	switch x := v.(type) {
	case dbtype.Node:
		return map[string]any{"labels": x.Labels, "properties": plainMap(x.Props)}
	case dbtype.Relationship:
		return map[string]any{"type": x.Type, "properties": plainMap(x.Props)}
	case dbtype.Date:
		return x.Time().Format("2006-01-02")
	case interface{ String() string }:
		return x.String()
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	case map[string]any:
		return plainMap(x)
	default:
		return v
	}
}

func plainMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = plain(v)
	}
	return out
}
