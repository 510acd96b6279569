package ingest

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	pipeline "github.com/newsgraph/newsgraph/ingest"
)

// progressThrottle limits how often the bar is redrawn (tests draw every
// update).
var progressThrottle = 100 * time.Millisecond

// newProgress returns a progress callback for the pipeline and a function
// that clears the bar, when stderr is a terminal; otherwise both do
// nothing, so that logs and redirected output stay clean.
//
// count, when set, tells how many articles there are. It runs beside the
// ingest (a large directory or JSON Lines file takes a moment to count):
// the bar starts as a counter and shows the total, the percentage and the
// time left as soon as the count is in.
func newProgress(ctx context.Context, io cmdutil.IOStreams, count func(context.Context) (int, error)) (update func(pipeline.Report), done func()) {
	if !io.ErrIsTerminal {
		return nil, func() {}
	}
	bar := progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(io.ErrOut),
		progressbar.OptionSetDescription("ingesting"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionThrottle(progressThrottle),
		progressbar.OptionClearOnFinish(),
	)
	var (
		mu    sync.Mutex
		total = -1
		seen  int
	)
	// setMax keeps the total at least what is done: files added while the
	// ingest runs are not in the count.
	setMax := func() {
		if total >= 0 && seen > total {
			total = seen
		}
		bar.ChangeMax(total)
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	if count != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := count(ctx)
			if err != nil {
				return // the ingest reports what it could not read
			}
			mu.Lock()
			total = n
			setMax()
			mu.Unlock()
		}()
	}
	update = func(r pipeline.Report) {
		mu.Lock()
		defer mu.Unlock()
		seen = r.Done()
		if total >= 0 && seen > total {
			setMax()
		}
		bar.Describe(fmt.Sprintf("ingesting: %d new, %d updated, %d unchanged, %d failed", r.New, r.Updated, r.Unchanged, r.Failed()))
		bar.Set(seen)
	}
	return update, func() {
		cancel()
		wg.Wait()
		bar.Finish()
	}
}
