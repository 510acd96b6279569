package eval

import (
	"bufio"
	"errors"
	"io"
	"os"
)

// withTrace runs score with a buffered writer on the trace file at path,
// or with nil when path is empty, and reports a failure to write the file.
func withTrace(path string, score func(trace io.Writer) error) error {
	if path == "" {
		return score(nil)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = score(bw)
	return errors.Join(err, bw.Flush(), f.Close())
}
