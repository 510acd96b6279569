package run

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest/source/sourcetest"
)

// proc is a newsgraph process started by a test.
type proc struct {
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer
	done           chan struct{}
	err            error
}

// startNewsgraph runs the built binary with a config file in a directory of
// its own.
func startNewsgraph(t *testing.T, configFile string, args ...string) *proc {
	t.Helper()
	bin := newsgraphBinary(t)
	cfg := graphtest.Config()
	p := &proc{done: make(chan struct{})}
	p.cmd = exec.Command(bin, append([]string{"--config", configFile}, args...)...)
	p.cmd.Dir = filepath.Dir(configFile)
	p.cmd.Env = append(os.Environ(),
		"NEWSGRAPH_NEO4J_URI="+cfg.URI, "NEWSGRAPH_NEO4J_USER="+cfg.User,
		"NEWSGRAPH_NEO4J_PASSWORD="+cfg.Password, "NEWSGRAPH_NEO4J_DATABASE="+cfg.Database)
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// wait waits for the process to exit and returns its exit code.
func (p *proc) wait(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(limit):
		p.cmd.Process.Kill()
		<-p.done
		t.Fatalf("%v did not exit within %s\nstdout:\n%s\nstderr:\n%s", p.cmd.Args, limit, p.stdout.String(), p.stderr.String())
	}
	var ee *exec.ExitError
	if errors.As(p.err, &ee) {
		return ee.ExitCode()
	}
	if p.err != nil {
		t.Fatal(p.err)
	}
	return 0
}

func (p *proc) running() bool {
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}

func (p *proc) owner() string { return fmt.Sprintf(":%d:", p.cmd.Process.Pid) }

// waitFor polls cond until it holds.
func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// slowFeed serves a feed of n articles; with the job's politeness delay
// a pass over it takes a few seconds.
func slowFeed(t *testing.T, site *sourcetest.Site, feedPath, prefix string) []string {
	t.Helper()
	names := []string{"hanoi-summit.txt", "abe-washington.txt", "moon-xi.txt", "merkel-macron.txt", "putin-erdogan.txt", "lavrov-wang.txt"}
	var paths []string
	for _, n := range names {
		p := prefix + strings.TrimSuffix(n, ".txt")
		site.SetPage(p, asPage(t, article(t, n)))
		paths = append(paths, p)
	}
	site.SetRSS(feedPath, paths...)
	return paths
}

func writeJobConfig(t *testing.T, feedURL string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "newsgraph.yaml")
	writeFile(t, path, fmt.Sprintf(`log:
  level: info
ingest:
  workers: 1
  batchSize: 1
job:
  lock:
    ttl: 10s
  fetch:
    hostDelay: 1s
    timeout: 5s
sources:
  - name: wire
    url: %s
`, feedURL))
	return path
}

// Two jobs at once: the first ingests; a second one exits with a message
// naming the holder; a third one, told to wait, runs when the first is
// done and finds nothing left to do.
func TestTwoJobsNeverIngestAtOnce(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	site := sourcetest.NewSite(t)
	items := slowFeed(t, site, "/rss.xml", "/world/")
	config := writeJobConfig(t, site.URL("/rss.xml"))

	first := startNewsgraph(t, config, "run", "--once")
	waitFor(t, "the first job to take the lock", 90*time.Second, func() bool {
		l, _, err := store.LockStatus(ctx, "ingest")
		return err == nil && l.Held() && strings.Contains(l.Owner, first.owner())
	})
	second := startNewsgraph(t, config, "run", "--once", "--on-locked", "exit")
	if code := second.wait(t, 60*time.Second); code != 1 {
		t.Errorf("second job: exit %d, want 1\n%s", code, second.stderr.String())
	}
	msg := second.stderr.String()
	if !strings.Contains(msg, "another ingest job holds the lock") || !strings.Contains(msg, first.owner()) || !strings.Contains(msg, "--on-locked=wait") {
		t.Errorf("second job's message does not explain the lock:\n%s", msg)
	}
	if !first.running() {
		t.Fatal("the first job finished before the second one tried: the test proves nothing (make the feed slower)")
	}
	third := startNewsgraph(t, config, "run", "--once", "--on-locked", "wait")
	if code := first.wait(t, 3*time.Minute); code != 0 {
		t.Fatalf("first job: exit %d\n%s", code, first.stderr.String())
	}
	if code := third.wait(t, 3*time.Minute); code != 0 {
		t.Fatalf("third job: exit %d\n%s", code, third.stderr.String())
	}
	if !strings.Contains(third.stderr.String(), "waiting for the ingest lock") {
		t.Errorf("the third job did not say it was waiting:\n%s", third.stderr.String())
	}
	if !strings.Contains(first.stdout.String(), "wire ok: 6 seen, 6 new") || !strings.Contains(third.stdout.String(), "wire ok: 6 seen, 0 new, 0 updated, 6 unchanged") {
		t.Errorf("summaries:\nfirst: %s\nthird: %s", first.stdout.String(), third.stdout.String())
	}
	passes, err := store.LastPasses(ctx, 10)
	if err != nil || len(passes) != 2 {
		t.Fatalf("passes: %+v %v", passes, err)
	}
	later, earlier := passes[0], passes[1]
	if !strings.Contains(earlier.Owner, first.owner()) || !strings.Contains(later.Owner, third.owner()) {
		t.Errorf("pass owners %q, %q; want the first job then the third", earlier.Owner, later.Owner)
	}
	if later.StartedAt.Before(earlier.FinishedAt) {
		t.Errorf("the passes overlap: %v-%v and %v-%v", earlier.StartedAt, earlier.FinishedAt, later.StartedAt, later.FinishedAt)
	}
	for _, p := range items {
		if site.Hits(p) != 1 {
			t.Errorf("%s fetched %d times, want once", p, site.Hits(p))
		}
	}
	if l, _, _ := store.LockStatus(ctx, "ingest"); l.Held() {
		t.Errorf("lock still held after both jobs exited: %+v", l)
	}
}

// SIGTERM stops the long-running job: the article in hand is finished,
// the pass is recorded as interrupted, the lock released, the exit clean;
// the next pass takes up the rest and nothing is lost.
func TestSIGTERMStopsTheJobCleanly(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	site := sourcetest.NewSite(t)
	slowFeed(t, site, "/rss.xml", "/asia/")
	config := writeJobConfig(t, site.URL("/rss.xml"))

	job := startNewsgraph(t, config, "run")
	waitFor(t, "the first article to be written", 90*time.Second, func() bool {
		return graphtest.Count(t, store, "MATCH (a:Article) RETURN count(a)", nil) >= 1
	})
	if err := job.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := job.wait(t, 30*time.Second); code != 0 {
		t.Fatalf("exit %d after SIGTERM\n%s", code, job.stderr.String())
	}
	if !strings.Contains(job.stderr.String(), "ingest job stopped") {
		t.Errorf("no clean stop in the log:\n%s", job.stderr.String())
	}
	passes, err := store.LastPasses(ctx, 5)
	if err != nil || len(passes) != 1 || passes[0].Status != graph.PassInterrupted {
		t.Fatalf("passes: %+v %v", passes, err)
	}
	written := passes[0].New
	if n := graphtest.Count(t, store, "MATCH (a:Article) RETURN count(a)", nil); written < 1 || written >= 6 || int64(written) != n {
		t.Errorf("interrupted pass reports %d new, the graph holds %d articles; want the same, between 1 and 5", written, n)
	}
	if l, _, _ := store.LockStatus(ctx, "ingest"); l.Held() {
		t.Errorf("lock still held after SIGTERM: %+v", l)
	}

	again := startNewsgraph(t, config, "run", "--once")
	if code := again.wait(t, 3*time.Minute); code != 0 {
		t.Fatalf("next pass: exit %d\n%s", code, again.stderr.String())
	}
	if want := fmt.Sprintf("wire ok: 6 seen, %d new, 0 updated, %d unchanged, 0 failed", 6-written, written); !strings.Contains(again.stdout.String(), want) {
		t.Errorf("next pass: %s\nwant %q", again.stdout.String(), want)
	}
	if n := graphtest.Count(t, store, "MATCH (a:Article) RETURN count(a)", nil); n != 6 {
		t.Errorf("%d articles after the next pass, want 6", n)
	}
}
