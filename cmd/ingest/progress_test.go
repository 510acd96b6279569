package ingest

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	pipeline "github.com/newsgraph/newsgraph/ingest"
)

// syncBuffer is a buffer the bar's writes and the test's reads may share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestProgressBarOnlyOnATerminal(t *testing.T) {
	var errOut syncBuffer
	update, done := newProgress(context.Background(), cmdutil.IOStreams{ErrOut: &errOut, ErrIsTerminal: false}, nil)
	done()
	if update != nil || errOut.String() != "" {
		t.Errorf("progress drawn on a non-terminal: %q", errOut.String())
	}
}

func drawEveryUpdate(t *testing.T) {
	old := progressThrottle
	progressThrottle = 0
	t.Cleanup(func() { progressThrottle = old })
}

func TestProgressBarShowsTheTotal(t *testing.T) {
	drawEveryUpdate(t)
	var errOut syncBuffer
	counted := make(chan struct{})
	count := func(context.Context) (int, error) { defer close(counted); return 8, nil }
	update, done := newProgress(context.Background(), cmdutil.IOStreams{ErrOut: &errOut, ErrIsTerminal: true}, count)
	<-counted
	update(pipeline.Report{Seen: 3, New: 2, Unchanged: 1})
	out := errOut.String()
	done()
	for _, want := range []string{"2 new", "1 unchanged", "3/8", "37%"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress on a terminal should show %q: %q", want, out)
		}
	}
}

// More articles done than counted (files added meanwhile) raise the total
// instead of running past it.
func TestProgressTotalGrowsWithTheWork(t *testing.T) {
	drawEveryUpdate(t)
	var errOut syncBuffer
	counted := make(chan struct{})
	count := func(context.Context) (int, error) { defer close(counted); return 2, nil }
	update, done := newProgress(context.Background(), cmdutil.IOStreams{ErrOut: &errOut, ErrIsTerminal: true}, count)
	<-counted
	update(pipeline.Report{Seen: 3, New: 3})
	out := errOut.String()
	done()
	if !strings.Contains(out, "/3,") || strings.Contains(out, "3/2") {
		t.Errorf("the total should become 3 once three of two counted are done: %q", out)
	}
}
