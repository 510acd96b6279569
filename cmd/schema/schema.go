// Package schema is the `newsgraph schema apply|status` command.
package schema

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	"github.com/newsgraph/newsgraph/schema"
)

// Options are the inputs of a schema command.
type Options struct {
	IO     cmdutil.IOStreams
	Config *cmdutil.Config
}

// NewCmdSchema builds `schema` with its subcommands.
func NewCmdSchema(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Apply or list the graph's constraints and indexes",
	}
	run := func(fn func(context.Context, *Options) error) func(*cobra.Command, []string) error {
		return func(cmd *cobra.Command, _ []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			return fn(cmd.Context(), &Options{IO: f.IO, Config: cfg})
		}
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "apply",
		Short: "Apply pending schema migrations in order (applying twice changes nothing)",
		Args:  cobra.NoArgs,
		RunE:  run(runApply),
	}, &cobra.Command{
		Use:   "status",
		Short: "List applied and pending schema migrations",
		Args:  cobra.NoArgs,
		RunE:  run(runStatus),
	})
	return cmd
}

func runApply(ctx context.Context, opts *Options) error {
	store, err := opts.Config.OpenGraph(ctx)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))
	migrations, err := schema.Migrations()
	if err != nil {
		return err
	}
	applied, err := store.ApplySchema(ctx, migrations)
	for _, m := range applied {
		fmt.Fprintf(opts.IO.Out, "applied %04d_%s (%d statements)\n", m.Version, m.Name, len(m.Statements))
	}
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(opts.IO.Out, "schema is up to date; nothing to apply")
	}
	return nil
}

func runStatus(ctx context.Context, opts *Options) error {
	store, err := opts.Config.OpenGraph(ctx)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))
	migrations, err := schema.Migrations()
	if err != nil {
		return err
	}
	states, err := store.SchemaStatus(ctx, migrations)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tNAME\tSTATE\tAPPLIED AT")
	for _, s := range states {
		state, at := "pending", "-"
		if s.Applied {
			state, at = "applied", s.AppliedAt
		}
		fmt.Fprintf(tw, "%04d\t%s\t%s\t%s\n", s.Version, s.Name, state, at)
	}
	return tw.Flush()
}
