package root

import (
	"strings"
	"testing"
	"time"

	"github.com/spf13/viper"
)

// The example configuration documented in docs/ingest-job.md loads into
// the typed job configuration.
func TestExampleJobConfig(t *testing.T) {
	v := viper.New()
	v.SetDefault("neo4j.uri", DefaultURI)
	setJobDefaults(v)
	cfg, err := loadConfig(v, "../../examples/newsgraph.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Sources) != 4 {
		t.Fatalf("sources: %+v", cfg.Sources)
	}
	archive, wire := cfg.Sources[0], cfg.Sources[3]
	if archive.Name != "archive" || archive.Path != "/srv/news/archive" || strings.Join(archive.Exclude, ",") != "drafts/**,*.tmp.txt" || archive.Schedule != "nightly" {
		t.Errorf("archive: %+v", archive)
	}
	if wire.URL != "https://wire.example.com/atom.xml" || !wire.ItemContent {
		t.Errorf("agency-wire: %+v", wire)
	}
	if cfg.Schedules["frequent"] != "@every 15m" || cfg.Schedules["nightly"] != "0 3 * * *" {
		t.Errorf("schedules: %v", cfg.Schedules)
	}
	j := cfg.Job
	if j.LockTTL != 2*time.Minute || j.OnLocked != "exit" || j.Neo4jMaxWait != 10*time.Minute || j.FailureBackoffInitial != 15*time.Minute ||
		j.FailureBackoffMax != 24*time.Hour || j.Fetch.HostDelay != 2*time.Second || j.Fetch.Timeout != 30*time.Second || j.KeepPasses != 500 {
		t.Errorf("job: %+v", j)
	}
}

func TestJobConfigDefaultsAndErrors(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	v := viper.New()
	v.SetDefault("neo4j.uri", DefaultURI)
	setJobDefaults(v)
	cfg, err := loadConfig(v, "")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Job.Schedule != "@every 1h" || !cfg.Job.RunAtStart || cfg.Job.LockName != "ingest" || cfg.Job.Fetch.MaxBytes != 10<<20 {
		t.Errorf("defaults: %+v", cfg.Job)
	}
	v.Set("job.lock.onLocked", "retry")
	if _, err := loadConfig(v, ""); err == nil || !strings.Contains(err.Error(), "onLocked") {
		t.Errorf("bad onLocked: %v", err)
	}
}
