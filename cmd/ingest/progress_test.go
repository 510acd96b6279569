package ingest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	pipeline "github.com/newsgraph/newsgraph/ingest"
)

func TestProgressBarOnlyOnATerminal(t *testing.T) {
	var errOut bytes.Buffer
	update, done := newProgress(cmdutil.IOStreams{ErrOut: &errOut, ErrIsTerminal: false})
	done()
	if update != nil || errOut.Len() != 0 {
		t.Errorf("progress drawn on a non-terminal: %q", errOut.String())
	}
	update, done = newProgress(cmdutil.IOStreams{ErrOut: &errOut, ErrIsTerminal: true})
	update(pipeline.Report{Seen: 3, New: 2, Unchanged: 1})
	done()
	if !strings.Contains(errOut.String(), "2 new") || !strings.Contains(errOut.String(), "1 unchanged") {
		t.Errorf("progress on a terminal: %q", errOut.String())
	}
}
