package source

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/ingest"
)

// Spec is one configured source of the ingest job, as written under
// `sources:` in newsgraph.yaml or given on the command line. Exactly one of
// Path and URL is set: Path is a file or a directory (walked recursively),
// URL an RSS or Atom feed.
type Spec struct {
	// Name identifies the source in logs, pass records and `newsgraph
	// status`; default: the path or URL.
	Name string `mapstructure:"name" json:"name"`
	Path string `mapstructure:"path" json:"path,omitempty"`
	URL  string `mapstructure:"url" json:"url,omitempty"`
	// Include and Exclude filter the files of a directory (see Glob).
	Include []string `mapstructure:"include" json:"include,omitempty"`
	Exclude []string `mapstructure:"exclude" json:"exclude,omitempty"`
	// ItemContent reads a feed's items from the feed itself instead of
	// fetching the pages they link.
	ItemContent bool `mapstructure:"itemContent" json:"itemContent,omitempty"`
	// Schedule is a cron expression ("*/15 * * * *"), a descriptor
	// ("@hourly", "@every 30m"), a duration ("30m") or the name of an entry
	// under `schedules:`; empty means the job's default schedule.
	Schedule string `mapstructure:"schedule" json:"schedule,omitempty"`
}

// Kind is "feed" or "files".
func (s Spec) Kind() string {
	if s.URL != "" {
		return "feed"
	}
	return "files"
}

// Validate checks the spec and fills in its name.
func (s *Spec) Validate() error {
	s.Path, s.URL = strings.TrimSpace(s.Path), strings.TrimSpace(s.URL)
	switch {
	case s.Path == "" && s.URL == "":
		return fmt.Errorf("source %q: set either path (a file or directory) or url (a feed)", s.Name)
	case s.Path != "" && s.URL != "":
		return fmt.Errorf("source %q: set path or url, not both", s.Name)
	case s.URL != "":
		u, err := url.Parse(s.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("source %q: url %q is not an http(s) URL", s.Name, s.URL)
		}
		if len(s.Include)+len(s.Exclude) > 0 {
			return fmt.Errorf("source %q: include/exclude apply to directories, not feeds", s.Name)
		}
	default:
		s.Path = absPath(s.Path)
		if s.ItemContent {
			return fmt.Errorf("source %q: itemContent applies to feeds, not files", s.Name)
		}
	}
	if _, err := globs(s.Include); err != nil {
		return fmt.Errorf("source %q: include: %w", s.Name, err)
	}
	if _, err := globs(s.Exclude); err != nil {
		return fmt.Errorf("source %q: exclude: %w", s.Name, err)
	}
	if s.Name == "" {
		s.Name = s.Path + s.URL
	}
	return nil
}

// SpecFromArg makes a spec of a command-line argument: an http(s) URL is a
// feed, anything else a file or directory.
func SpecFromArg(arg string) (Spec, error) {
	s := Spec{Path: arg}
	if strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://") {
		s = Spec{URL: arg}
	}
	err := s.Validate()
	return s, err
}

// Env is what building a source needs besides its spec.
type Env struct {
	Fetcher *Fetcher
	// MaxBytes is the article size limit.
	MaxBytes int
	Shard    Shard
	Force    bool
	// Stored and Failures let feeds skip what they need not fetch; Since
	// is when the last complete pass of the source began.
	Stored    ingest.HashLookup
	Failures  ingest.FailureLog
	Since     time.Time
	Recovered func(source string)
}

// Build makes the source a spec describes.
func (s Spec) Build(env Env) (ingest.Source, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if s.URL != "" {
		return Feed{
			URL: s.URL, Fetcher: env.Fetcher, ItemContent: s.ItemContent, Shard: env.Shard,
			Stored: env.Stored, Since: env.Since, Force: env.Force, Failures: env.Failures, Recovered: env.Recovered,
		}, nil
	}
	return Files{Paths: []string{s.Path}, Include: s.Include, Exclude: s.Exclude, MaxBytes: env.MaxBytes, Shard: env.Shard}, nil
}

// Multi yields the articles of several sources one after the other.
type Multi []ingest.Source

// Articles implements ingest.Source.
func (m Multi) Articles(ctx context.Context, yield func(ingest.Article) error) error {
	for _, s := range m {
		if err := s.Articles(ctx, yield); err != nil {
			return err
		}
	}
	return nil
}
