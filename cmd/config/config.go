// Package config is the `newsgraph config` command: the effective
// configuration, password masked.
package config

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
)

// Options are the inputs of the command.
type Options struct {
	IO     cmdutil.IOStreams
	Config *cmdutil.Config
}

// NewCmdConfig builds the command.
func NewCmdConfig(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration (flags, environment, config file, defaults)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			return runConfig(&Options{IO: f.IO, Config: cfg})
		},
	}
}

func runConfig(opts *Options) error {
	c := opts.Config
	file := c.File
	if file == "" {
		file = "(none found)"
	}
	w := opts.IO.Out
	fmt.Fprintf(w, "config file:            %s\n", file)
	fmt.Fprintf(w, "neo4j.uri:              %s\n", c.Neo4j.Redacted())
	fmt.Fprintf(w, "neo4j.user:             %s\n", c.Neo4j.User)
	fmt.Fprintf(w, "neo4j.password:         %s\n", mask(c.Neo4j.Password))
	fmt.Fprintf(w, "neo4j.database:         %s\n", orDefault(c.Neo4j.Database, "(server default)"))
	fmt.Fprintf(w, "ingest.workers:         %s\n", orDefault(itoa(c.Ingest.Workers), "(one per CPU)"))
	fmt.Fprintf(w, "ingest.batchSize:       %d\n", c.Ingest.BatchSize)
	fmt.Fprintf(w, "ingest.maxArticleBytes: %d\n", c.Ingest.MaxArticleBytes)
	fmt.Fprintf(w, "geonames:               %s\n", orDefault(c.GeoNames, "(embedded gazetteer only)"))
	fmt.Fprintf(w, "log.level:              %s\n", c.Log.Level)
	fmt.Fprintf(w, "log.format:             %s\n", c.Log.Format)
	return nil
}

// mask hides the password entirely: even its length is nobody's business.
func mask(p string) string {
	if p == "" {
		return "(empty)"
	}
	return "********"
}

func orDefault(s, d string) string {
	if s == "" || s == "0" {
		return d
	}
	return s
}

func itoa(n int) string { return fmt.Sprint(n) }
