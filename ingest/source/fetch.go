package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/ingest"
)

// Reasons a fetch fails, besides ingest.ErrTooLarge and ingest.ErrUnread.
// Check them with errors.Is.
var (
	// ErrHTTPStatus is wrapped by *HTTPError: the server answered with a
	// status other than 2xx.
	ErrHTTPStatus = errors.New("HTTP error status")
	// ErrTimeout means the server did not answer within the fetch timeout.
	ErrTimeout = errors.New("timed out")
	// ErrNotFeed means a feed URL answered with something that is not an
	// RSS or Atom feed, typically an HTML error or login page.
	ErrNotFeed = errors.New("not an RSS or Atom feed")
)

// HTTPError is a response with a non-2xx status.
type HTTPError struct {
	StatusCode int
	Status     string // "404 Not Found"
}

func (e *HTTPError) Error() string        { return "HTTP " + e.Status }
func (e *HTTPError) Is(target error) bool { return target == ErrHTTPStatus }

// DefaultUserAgent identifies newsgraph to the sites it reads. The job sets
// its own, with the version, from the configuration.
const DefaultUserAgent = "newsgraph-ingest (+https://github.com/newsgraph/newsgraph)"

// FetchOptions configure HTTP fetching of feeds and the pages they link.
type FetchOptions struct {
	// UserAgent is sent with every request; sites see who is reading.
	UserAgent string `json:"userAgent"`
	// Timeout bounds one request, from connecting to the last body byte.
	Timeout time.Duration `json:"timeout"`
	// MaxBytes is the largest response body read; larger ones fail.
	MaxBytes int `json:"maxBytes"`
	// HostDelay is the least time between the starts of two requests to
	// the same host (politeness).
	HostDelay time.Duration `json:"hostDelay"`
	// Client, when set, replaces the default HTTP client (tests, proxies).
	Client *http.Client `json:"-"`
}

// Defaults of FetchOptions.
const (
	DefaultFetchTimeout  = 30 * time.Second
	DefaultFetchMaxBytes = 10 << 20
	DefaultHostDelay     = time.Second
)

// Fetcher gets feeds and pages over HTTP with a timeout, a size limit, a
// descriptive User-Agent and a delay between requests to one host. One
// Fetcher is shared by all sources of a process so that the delay holds
// across them. It is safe for concurrent use.
type Fetcher struct {
	opt    FetchOptions
	client *http.Client
	mu     sync.Mutex
	nextAt map[string]time.Time
}

// NewFetcher fills in the defaults.
func NewFetcher(opt FetchOptions) *Fetcher {
	if opt.UserAgent == "" {
		opt.UserAgent = DefaultUserAgent
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultFetchTimeout
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultFetchMaxBytes
	}
	if opt.HostDelay < 0 {
		opt.HostDelay = 0
	}
	client := opt.Client
	if client == nil {
		client = &http.Client{Timeout: opt.Timeout}
	}
	return &Fetcher{opt: opt, client: client, nextAt: map[string]time.Time{}}
}

// Response is a fetched body.
type Response struct {
	// URL is where the body came from, after redirects.
	URL         *url.URL
	ContentType string
	Body        []byte
}

// Accept headers for what newsgraph reads.
const (
	acceptFeed = "application/rss+xml, application/atom+xml, application/feed+json;q=0.8, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
	acceptPage = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8, */*;q=0.1"
)

// Get fetches rawURL. It waits for its turn at the host first; ctx ending
// returns ctx's error (the job is stopping), anything else is a reason the
// URL failed: *HTTPError, ErrTimeout, ingest.ErrTooLarge, ingest.ErrUnread.
func (f *Fetcher) Get(ctx context.Context, rawURL, accept string) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: not an http(s) URL", ingest.ErrUnread)
	}
	if err := f.waitTurn(ctx, u.Host); err != nil {
		return nil, err
	}
	rctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ingest.ErrUnread, err)
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	req.Header.Set("Accept", accept)
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, f.classify(ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// Drain a little so the connection can be reused.
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, &HTTPError{StatusCode: resp.StatusCode, Status: resp.Status}
	}
	if resp.ContentLength > int64(f.opt.MaxBytes) {
		return nil, fmt.Errorf("%w (%d bytes, limit %d)", ingest.ErrTooLarge, resp.ContentLength, f.opt.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, int64(f.opt.MaxBytes)+1))
	if err != nil {
		return nil, f.classify(ctx, err)
	}
	if len(body) > f.opt.MaxBytes {
		return nil, fmt.Errorf("%w (more than %d bytes)", ingest.ErrTooLarge, f.opt.MaxBytes)
	}
	return &Response{URL: resp.Request.URL, ContentType: resp.Header.Get("Content-Type"), Body: body}, nil
}

func (f *Fetcher) classify(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return fmt.Errorf("%w after %s", ErrTimeout, f.opt.Timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("%w: %v", ingest.ErrUnread, err)
}

// waitTurn reserves the next request slot at host and sleeps until it.
func (f *Fetcher) waitTurn(ctx context.Context, host string) error {
	f.mu.Lock()
	now := time.Now()
	at := f.nextAt[host]
	if at.Before(now) {
		at = now
	}
	f.nextAt[host] = at.Add(f.opt.HostDelay)
	f.mu.Unlock()
	wait := time.Until(at)
	if wait <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
