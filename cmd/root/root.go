// Package root assembles the newsgraph command tree and is the only place
// that reads configuration: flags, then NEWSGRAPH_* environment variables,
// then a config file, then defaults, highest first.
package root

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	configcmd "github.com/newsgraph/newsgraph/cmd/config"
	"github.com/newsgraph/newsgraph/cmd/eval"
	extractcmd "github.com/newsgraph/newsgraph/cmd/extract"
	ingestcmd "github.com/newsgraph/newsgraph/cmd/ingest"
	querycmd "github.com/newsgraph/newsgraph/cmd/query"
	schemacmd "github.com/newsgraph/newsgraph/cmd/schema"
	"github.com/newsgraph/newsgraph/cmd/train"
	versioncmd "github.com/newsgraph/newsgraph/cmd/version"
	"github.com/newsgraph/newsgraph/graph"
)

// Defaults, also documented in the README.
const (
	DefaultURI      = "bolt://127.0.0.1:7687"
	DefaultUser     = "neo4j"
	DefaultPassword = "newsgraph-dev"
)

// Main runs the command line and returns the exit code.
func Main(args []string) int {
	io := cmdutil.System()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cmd := NewCmdRoot(io)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if err != nil && !errors.Is(err, cmdutil.ErrSilent) {
		fmt.Fprintln(io.ErrOut, "newsgraph:", err)
	}
	return cmdutil.ExitCode(err)
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(io cmdutil.IOStreams) *cobra.Command {
	v := viper.New()
	var configFile string
	cmd := &cobra.Command{
		Use:           "newsgraph",
		Short:         "Turn news articles into a knowledge graph in Neo4j",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	cmd.SetOut(io.Out)
	cmd.SetErr(io.ErrOut)
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &cmdutil.FlagError{Err: fmt.Errorf("%w\nRun '%s --help' for usage.", err, c.CommandPath())}
	})
	pf := cmd.PersistentFlags()
	pf.StringVar(&configFile, "config", "", "config file (default: ./newsgraph.yaml, then $XDG_CONFIG_HOME/newsgraph/newsgraph.yaml)")
	pf.String("neo4j-uri", DefaultURI, "Neo4j URI: bolt://, bolt+s://, neo4j:// or neo4j+s:// (clusters, Aura) [NEWSGRAPH_NEO4J_URI]")
	pf.String("neo4j-user", DefaultUser, "Neo4j user [NEWSGRAPH_NEO4J_USER]")
	pf.String("neo4j-database", "", "Neo4j database (default: the server's default) [NEWSGRAPH_NEO4J_DATABASE]")
	pf.String("log-level", "info", "log level: debug, info, warn, error [NEWSGRAPH_LOG_LEVEL]")
	pf.String("log-format", "text", "log format: text or json [NEWSGRAPH_LOG_FORMAT]")
	bind(v, pf, map[string]string{
		"neo4j.uri": "neo4j-uri", "neo4j.user": "neo4j-user", "neo4j.database": "neo4j-database",
		"log.level": "log-level", "log.format": "log-format",
	})
	v.SetDefault("neo4j.password", DefaultPassword)
	v.SetDefault("ingest.workers", 0)
	v.SetDefault("ingest.batchSize", 50)
	v.SetDefault("ingest.maxArticleBytes", 5<<20)
	v.SetDefault("geonames", "")
	v.SetEnvPrefix("NEWSGRAPH")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()

	f := &cmdutil.Factory{IO: io}
	f.Config = func() (*cmdutil.Config, error) { return loadConfig(v, configFile) }

	cmd.AddCommand(
		ingestcmd.NewCmdIngest(f),
		extractcmd.NewCmdExtract(f),
		querycmd.NewCmdQuery(f),
		schemacmd.NewCmdSchema(f),
		configcmd.NewCmdConfig(f),
		versioncmd.NewCmdVersion(f),
		train.NewCmdTrain(),
		eval.NewCmdEval(),
	)
	return cmd
}

// bind ties config keys to flags; a flag counts only when given, so the
// environment and the config file can override the flag defaults.
func bind(v *viper.Viper, fs *pflag.FlagSet, keys map[string]string) {
	for key, flag := range keys {
		_ = v.BindPFlag(key, fs.Lookup(flag))
	}
}

// loadConfig reads the config file (if any) and fills the typed Config.
func loadConfig(v *viper.Viper, explicit string) (*cmdutil.Config, error) {
	cfg := &cmdutil.Config{}
	switch {
	case explicit != "":
		v.SetConfigFile(explicit)
		if err := v.ReadInConfig(); err != nil {
			return nil, &cmdutil.FlagError{Err: fmt.Errorf("reading config file %s: %w", explicit, err)}
		}
	default:
		v.SetConfigName("newsgraph")
		v.SetConfigType("yaml")
		v.AddConfigPath(".")
		if xdg := os.Getenv("XDG_CONFIG_HOME"); xdg != "" {
			v.AddConfigPath(filepath.Join(xdg, "newsgraph"))
		} else if home, err := os.UserHomeDir(); err == nil {
			v.AddConfigPath(filepath.Join(home, ".config", "newsgraph"))
		}
		if err := v.ReadInConfig(); err != nil {
			var notFound viper.ConfigFileNotFoundError
			if !errors.As(err, &notFound) {
				return nil, fmt.Errorf("reading config file: %w", err)
			}
		}
	}
	cfg.File = v.ConfigFileUsed()
	cfg.Neo4j = graph.Config{
		URI:      v.GetString("neo4j.uri"),
		User:     v.GetString("neo4j.user"),
		Password: v.GetString("neo4j.password"),
		Database: v.GetString("neo4j.database"),
	}
	cfg.Ingest = cmdutil.IngestConfig{
		Workers:         v.GetInt("ingest.workers"),
		BatchSize:       v.GetInt("ingest.batchSize"),
		MaxArticleBytes: v.GetInt("ingest.maxArticleBytes"),
	}
	cfg.Log = cmdutil.LogConfig{Level: v.GetString("log.level"), Format: v.GetString("log.format")}
	cfg.GeoNames = v.GetString("geonames")
	switch strings.SplitN(cfg.Neo4j.URI, "://", 2)[0] {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
	default:
		return nil, &cmdutil.FlagError{Err: fmt.Errorf("neo4j.uri %q: the scheme must be bolt, bolt+s, neo4j or neo4j+s", cfg.Neo4j.Redacted())}
	}
	return cfg, nil
}
