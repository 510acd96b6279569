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
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	benchcmd "github.com/newsgraph/newsgraph/cmd/bench"
	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	configcmd "github.com/newsgraph/newsgraph/cmd/config"
	"github.com/newsgraph/newsgraph/cmd/eval"
	exportcmd "github.com/newsgraph/newsgraph/cmd/export"
	extractcmd "github.com/newsgraph/newsgraph/cmd/extract"
	ingestcmd "github.com/newsgraph/newsgraph/cmd/ingest"
	querycmd "github.com/newsgraph/newsgraph/cmd/query"
	runcmd "github.com/newsgraph/newsgraph/cmd/run"
	schemacmd "github.com/newsgraph/newsgraph/cmd/schema"
	statuscmd "github.com/newsgraph/newsgraph/cmd/status"
	"github.com/newsgraph/newsgraph/cmd/train"
	versioncmd "github.com/newsgraph/newsgraph/cmd/version"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/source"
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
	v.SetDefault("ingest.batchSize", 100)
	v.SetDefault("ingest.maxArticleBytes", 5<<20)
	v.SetDefault("geonames", "")
	setJobDefaults(v)
	v.SetEnvPrefix("NEWSGRAPH")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()

	f := &cmdutil.Factory{IO: io}
	f.Config = func() (*cmdutil.Config, error) { return loadConfig(v, configFile) }

	cmd.AddCommand(
		ingestcmd.NewCmdIngest(f),
		runcmd.NewCmdRun(f),
		statuscmd.NewCmdStatus(f),
		extractcmd.NewCmdExtract(f),
		exportcmd.NewCmdExport(f),
		querycmd.NewCmdQuery(f),
		benchcmd.NewCmdBench(f),
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
		// Look for the file by its full name: viper's own search also
		// matches an extension-less "newsgraph", which is usually the binary.
		dirs := []string{"."}
		if xdg := os.Getenv("XDG_CONFIG_HOME"); xdg != "" {
			dirs = append(dirs, filepath.Join(xdg, "newsgraph"))
		} else if home, err := os.UserHomeDir(); err == nil {
			dirs = append(dirs, filepath.Join(home, ".config", "newsgraph"))
		}
	search:
		for _, dir := range dirs {
			for _, name := range []string{"newsgraph.yaml", "newsgraph.yml"} {
				path := filepath.Join(dir, name)
				if st, err := os.Stat(path); err == nil && !st.IsDir() {
					v.SetConfigFile(path)
					if err := v.ReadInConfig(); err != nil {
						return nil, fmt.Errorf("reading config file %s: %w", path, err)
					}
					break search
				}
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
	if err := loadJobConfig(v, cfg); err != nil {
		return nil, &cmdutil.FlagError{Err: err}
	}
	switch strings.SplitN(cfg.Neo4j.URI, "://", 2)[0] {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
	default:
		return nil, &cmdutil.FlagError{Err: fmt.Errorf("neo4j.uri %q: the scheme must be bolt, bolt+s, neo4j or neo4j+s", cfg.Neo4j.Redacted())}
	}
	return cfg, nil
}

// setJobDefaults sets the defaults of the ingest job's keys (newsgraph run,
// newsgraph status; see docs/ingest-job.md).
func setJobDefaults(v *viper.Viper) {
	v.SetDefault("job.schedule", "@every 1h")
	v.SetDefault("job.runAtStart", true)
	v.SetDefault("job.lock.name", "ingest")
	v.SetDefault("job.lock.ttl", "2m")
	v.SetDefault("job.lock.onLocked", "exit")
	v.SetDefault("job.neo4jMaxWait", "10m")
	v.SetDefault("job.failureBackoff.initial", "15m")
	v.SetDefault("job.failureBackoff.max", "24h")
	v.SetDefault("job.keepPasses", 500)
	v.SetDefault("job.fetch.userAgent", "")
	v.SetDefault("job.fetch.timeout", "30s")
	v.SetDefault("job.fetch.maxBytes", 10<<20)
	v.SetDefault("job.fetch.hostDelay", "1s")
}

// loadJobConfig fills the ingest job's sources, schedules and settings.
func loadJobConfig(v *viper.Viper, cfg *cmdutil.Config) error {
	if err := v.UnmarshalKey("sources", &cfg.Sources); err != nil {
		return fmt.Errorf("sources: %w", err)
	}
	cfg.Schedules = v.GetStringMapString("schedules")
	cfg.Job = cmdutil.JobConfig{
		Schedule:              v.GetString("job.schedule"),
		RunAtStart:            v.GetBool("job.runAtStart"),
		LockName:              v.GetString("job.lock.name"),
		LockTTL:               v.GetDuration("job.lock.ttl"),
		OnLocked:              v.GetString("job.lock.onLocked"),
		Neo4jMaxWait:          v.GetDuration("job.neo4jMaxWait"),
		FailureBackoffInitial: v.GetDuration("job.failureBackoff.initial"),
		FailureBackoffMax:     v.GetDuration("job.failureBackoff.max"),
		KeepPasses:            v.GetInt("job.keepPasses"),
		Fetch: source.FetchOptions{
			UserAgent: v.GetString("job.fetch.userAgent"),
			Timeout:   v.GetDuration("job.fetch.timeout"),
			MaxBytes:  v.GetInt("job.fetch.maxBytes"),
			HostDelay: v.GetDuration("job.fetch.hostDelay"),
		},
	}
	switch {
	case cfg.Job.OnLocked != "exit" && cfg.Job.OnLocked != "wait":
		return fmt.Errorf("job.lock.onLocked must be exit or wait, not %q", cfg.Job.OnLocked)
	case cfg.Job.LockTTL < 3*time.Second:
		return fmt.Errorf("job.lock.ttl %s is too short (at least 3s)", cfg.Job.LockTTL)
	}
	return nil
}
