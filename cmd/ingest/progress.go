package ingest

import (
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	pipeline "github.com/newsgraph/newsgraph/ingest"
)

// newProgress returns a progress callback for the pipeline and a function
// that clears the bar, when stderr is a terminal; otherwise both do
// nothing, so that logs and redirected output stay clean.
func newProgress(io cmdutil.IOStreams) (update func(pipeline.Report), done func()) {
	if !io.ErrIsTerminal {
		return nil, func() {}
	}
	bar := progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(io.ErrOut),
		progressbar.OptionSetDescription("ingesting"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	update = func(r pipeline.Report) {
		bar.Describe(fmt.Sprintf("ingesting: %d new, %d updated, %d unchanged, %d failed", r.New, r.Updated, r.Unchanged, r.Failed()))
		bar.Set(r.Done())
	}
	return update, func() { bar.Finish() }
}
