package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/ingest"
)

// ErrMalformed means a JSON Lines entry is not a valid article record.
var ErrMalformed = errors.New("malformed JSON line")

// JSONRecord is one line of a JSON Lines file: one article.
//
//	{"id": "...", "title": "...", "text": "...", "html": "...", "url": "...", "published": "2018-04-18T07:49:00Z"}
//
// Either text (plain text, paragraphs separated by blank lines) or html (a
// whole page or a fragment; its main text is extracted) is required; text
// wins when both are given. The others are optional. published is RFC 3339
// or a plain date (2018-04-18). Unknown keys are ignored.
type JSONRecord struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
	URL       string `json:"url"`
	Published string `json:"published"`
}

// JSONLines yields one article per line of a JSON Lines file. A line that
// is not valid JSON is a failure named file:line; a valid JSON line that is
// not a valid record (no text, a bad date) is a failure named by the
// entry's identity, its reason giving the line. The other lines still go
// in. Blank lines are skipped.
//
// An entry's identity (its Source) is its url when it has one, so that the
// same story from a feed and from an export is one article; otherwise
// path#id when it has an id, otherwise path#N for line N. Keep ids stable
// (or lines in place) for re-ingests to replace their old facts.
type JSONLines struct {
	Path string
	// MaxBytes limits one entry's text; a longer line fails.
	MaxBytes int
	Shard    Shard
}

// Articles implements ingest.Source.
func (j JSONLines) Articles(ctx context.Context, yield func(ingest.Article) error) error {
	path := absPath(j.Path)
	fh, err := os.Open(path)
	if err != nil {
		return yield(ingest.Article{Source: path, Err: fmt.Errorf("%w: %v", ingest.ErrUnread, unwrapPathError(err))})
	}
	defer fh.Close()
	limit := j.MaxBytes
	if limit <= 0 {
		limit = ingest.DefaultMaxArticleBytes
	}
	// A line carries JSON escapes and metadata besides the text.
	lineLimit := 2*limit + 64<<10
	r := bufio.NewReaderSize(fh, 64<<10)
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, tooLong, err := readLine(r, lineLimit)
		if err != nil && !errors.Is(err, io.EOF) {
			return yield(ingest.Article{Source: fmt.Sprintf("%s:%d", path, n), Err: fmt.Errorf("%w: %v", ingest.ErrUnread, err)})
		}
		last := errors.Is(err, io.EOF)
		if tooLong {
			id := fmt.Sprintf("%s:%d", path, n)
			if j.Shard.Contains(id) {
				if err := yield(ingest.Article{Source: id, Err: fmt.Errorf("%w (line longer than %d bytes)", ingest.ErrTooLarge, lineLimit)}); err != nil {
					return err
				}
			}
		} else if len(bytes.TrimSpace(line)) > 0 {
			a := parseJSONLine(path, n, line)
			if j.Shard.Contains(a.Source) {
				if err := yield(a); err != nil {
					return err
				}
			}
		}
		if last {
			return nil
		}
	}
}

// parseJSONLine turns line n into an article, or a failure named path:n.
func parseJSONLine(path string, n int, line []byte) ingest.Article {
	rec, a := identifyJSONLine(path, n, line)
	if a.Err != nil {
		return a
	}
	if rec.Published != "" {
		t, err := parseTime(rec.Published)
		if err != nil {
			a.Err = fmt.Errorf("%w: line %d: published %q is neither RFC 3339 nor a date (2006-01-02)", ErrMalformed, n, rec.Published)
			return a
		}
		a.Published = t
	}
	switch {
	case strings.TrimSpace(rec.Text) != "":
		a.Text = []byte(withTitle(rec.Title, strings.TrimSpace(rec.Text)))
	case strings.TrimSpace(rec.HTML) != "":
		var pageURL *url.URL
		if a.URL != "" {
			pageURL, _ = url.Parse(a.URL)
		}
		page, err := ExtractHTML([]byte(rec.HTML), "text/html; charset=utf-8", pageURL)
		if err != nil {
			a.Err = fmt.Errorf("line %d: html: %w", n, err)
			return a
		}
		title := rec.Title
		if title == "" {
			title = page.Title
		}
		if a.Published.IsZero() {
			a.Published = page.Published
		}
		a.Text = []byte(withTitle(title, page.Body))
	default:
		a.Err = fmt.Errorf("%w: line %d: the entry has neither \"text\" nor \"html\"", ErrMalformed, n)
	}
	return a
}

// identifyJSONLine decodes line n and names its article (see JSONLines);
// a line that is not JSON, or whose url is not absolute, is a failure
// named path:n.
func identifyJSONLine(path string, n int, line []byte) (JSONRecord, ingest.Article) {
	where := fmt.Sprintf("%s:%d", path, n)
	var rec JSONRecord
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&rec); err != nil {
		return rec, ingest.Article{Source: where, Err: fmt.Errorf("%w: %v", ErrMalformed, jsonReason(err))}
	}
	if dec.More() {
		return rec, ingest.Article{Source: where, Err: fmt.Errorf("%w: more than one JSON value on the line", ErrMalformed)}
	}
	a := ingest.Article{Source: where, URL: strings.TrimSpace(rec.URL)}
	switch {
	case a.URL != "":
		if u, err := url.Parse(a.URL); err != nil || u.Scheme == "" || u.Host == "" {
			a.Err = fmt.Errorf("%w: line %d: url %q is not an absolute URL", ErrMalformed, n, rec.URL)
			return rec, a
		}
		a.Source = a.URL
	case strings.TrimSpace(rec.ID) != "":
		a.Source = path + "#" + strings.TrimSpace(rec.ID)
	default:
		a.Source = path + "#" + strconv.Itoa(n)
	}
	return rec, a
}

// Count returns how many articles Articles will yield: one per non-blank
// line (of this worker's share, under a shard), without extracting them.
func (j JSONLines) Count(ctx context.Context) (int, error) {
	path := absPath(j.Path)
	fh, err := os.Open(path)
	if err != nil {
		return 1, nil // Articles yields the failure
	}
	defer fh.Close()
	limit := j.MaxBytes
	if limit <= 0 {
		limit = ingest.DefaultMaxArticleBytes
	}
	lineLimit := 2*limit + 64<<10
	r := bufio.NewReaderSize(fh, 64<<10)
	count := 0
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return count, err
		}
		line, tooLong, err := readLine(r, lineLimit)
		if err != nil && !errors.Is(err, io.EOF) {
			return count + 1, nil
		}
		switch {
		case tooLong:
			if j.Shard.Contains(fmt.Sprintf("%s:%d", path, n)) {
				count++
			}
		case len(bytes.TrimSpace(line)) > 0:
			if j.Shard.IsZero() {
				count++
			} else if _, a := identifyJSONLine(path, n, line); j.Shard.Contains(a.Source) {
				count++
			}
		}
		if errors.Is(err, io.EOF) {
			return count, nil
		}
	}
}

func jsonReason(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q must be a %s, not %s", te.Field, te.Type, te.Value)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of line"
	}
	return err.Error()
}

// parseTime reads RFC 3339 timestamps and plain dates.
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised time %q", s)
}

// readLine reads one line without its newline. A line longer than limit is
// skipped to its end and reported with tooLong. io.EOF comes with the last
// line.
func readLine(r *bufio.Reader, limit int) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > limit+1 {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case err == nil:
			return bytes.TrimRight(buf, "\r\n"), tooLong, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return bytes.TrimRight(buf, "\r\n"), tooLong, err
		}
	}
}
