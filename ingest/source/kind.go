package source

import (
	"errors"

	"github.com/newsgraph/newsgraph/ingest"
)

// FailureKind names the class of an article's failure for records and
// `newsgraph status`: empty, binary, not-utf8, too-large, malformed,
// not-a-feed, timeout, http, unreadable, or other (extraction or write
// errors).
func FailureKind(err error) string {
	for _, k := range []struct {
		err  error
		kind string
	}{
		{ingest.ErrEmpty, "empty"},
		{ingest.ErrBinary, "binary"},
		{ingest.ErrNotUTF8, "not-utf8"},
		{ingest.ErrTooLarge, "too-large"},
		{ErrMalformed, "malformed"},
		{ErrNotFeed, "not-a-feed"},
		{ErrTimeout, "timeout"},
		{ErrHTTPStatus, "http"},
		{ingest.ErrUnread, "unreadable"},
	} {
		if errors.Is(err, k.err) {
			return k.kind
		}
	}
	return "other"
}
