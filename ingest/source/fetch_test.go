package source

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/ingest"
)

func TestFetcherClassifiesFailures(t *testing.T) {
	var gotUA string
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<p>hello</p>"))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(strings.Repeat("x", 5000))) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := NewFetcher(FetchOptions{UserAgent: "newsgraph-test/1.0", Timeout: 300 * time.Millisecond, MaxBytes: 1000, HostDelay: 0})
	ctx := context.Background()

	resp, err := f.Get(ctx, srv.URL+"/ok", acceptPage)
	if err != nil || string(resp.Body) != "<p>hello</p>" || !strings.HasPrefix(resp.ContentType, "text/html") {
		t.Fatalf("ok: %v %+v", err, resp)
	}
	if gotUA != "newsgraph-test/1.0" {
		t.Errorf("User-Agent sent: %q", gotUA)
	}
	tests := []struct {
		path string
		want error
		text string
	}{
		{"/missing", ErrHTTPStatus, "HTTP 404 Not Found"},
		{"/error", ErrHTTPStatus, "HTTP 500 Internal Server Error"},
		{"/big", ingest.ErrTooLarge, "limit"},
		{"/slow", ErrTimeout, "timed out after 300ms"},
	}
	for _, tt := range tests {
		_, err := f.Get(ctx, srv.URL+tt.path, acceptPage)
		if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
			t.Errorf("%s: err %v, want %v (%q)", tt.path, err, tt.want, tt.text)
		}
	}
	var he *HTTPError
	if _, err := f.Get(ctx, srv.URL+"/missing", acceptPage); !errors.As(err, &he) || he.StatusCode != 404 {
		t.Errorf("404 not an *HTTPError with the status: %v", err)
	}
	if _, err := f.Get(ctx, "ftp://example.org/x", acceptPage); !errors.Is(err, ingest.ErrUnread) {
		t.Errorf("ftp URL: %v", err)
	}
	// A cancelled job is not the URL's fault.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := f.Get(cctx, srv.URL+"/ok", acceptPage); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// Requests to one host start at least HostDelay apart, even when several
// goroutines fetch at once.
func TestFetcherIsPoliteToEachHost(t *testing.T) {
	var mu sync.Mutex
	var starts []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	const delay = 150 * time.Millisecond
	f := NewFetcher(FetchOptions{HostDelay: delay, Timeout: 5 * time.Second})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.Get(context.Background(), srv.URL+"/x", acceptPage); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if len(starts) != 4 {
		t.Fatalf("%d requests arrived, want 4", len(starts))
	}
	for i := 1; i < len(starts); i++ {
		// The server sees a request a little after the fetcher's slot; allow
		// for scheduling jitter but not for a skipped delay.
		if gap := starts[i].Sub(starts[i-1]); gap < delay-20*time.Millisecond {
			t.Errorf("requests %d and %d to one host %s apart, want at least %s", i-1, i, gap, delay)
		}
	}
}

// The delay is per host: a request to another host does not queue behind
// the first host's.
func TestFetcherDelaysOnlyTheSameHost(t *testing.T) {
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	first, second := httptest.NewServer(handler), httptest.NewServer(handler)
	defer first.Close()
	defer second.Close()
	const delay = 3 * time.Second
	f := NewFetcher(FetchOptions{HostDelay: delay, Timeout: 5 * time.Second})
	if _, err := f.Get(context.Background(), first.URL+"/a", acceptPage); err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	if _, err := f.Get(context.Background(), second.URL+"/b", acceptPage); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(begin); d >= delay {
		t.Errorf("a request to another host waited %s, the first host's delay", d)
	}
}
