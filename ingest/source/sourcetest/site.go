// Package sourcetest serves a small news site on 127.0.0.1 for tests of
// feeds and page fetching: article pages, RSS and Atom feeds, and the ways
// real sites misbehave (404, 500, a timeout, an HTML error page where the
// feed should be).
package sourcetest

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Paths that misbehave on every Site.
const (
	NotFound     = "/status/404" // 404 Not Found
	ServerError  = "/status/500" // 500 Internal Server Error
	Slow         = "/slow"       // answers only after the client gave up (10s)
	HTMLNotFeed  = "/feed-moved" // 200 with an HTML page instead of a feed
	Unavailable  = "/feed-503"   // 503 with an HTML error page
	EmptyArticle = "/empty-page" // a page with no article text
)

// Page is an article page.
type Page struct {
	Title      string
	Paragraphs []string
	Published  time.Time
}

type feed struct {
	atom    bool
	items   []string // paths of linked pages
	updated time.Time
}

// Site is the test server. Its handlers count every request by path.
type Site struct {
	*httptest.Server
	mu    sync.Mutex
	pages map[string]Page
	feeds map[string]feed
	hits  map[string]int
	uas   map[string]bool
}

// NewSite starts a site; it is closed when the test ends.
func NewSite(t testing.TB) *Site {
	s := &Site{pages: map[string]Page{}, feeds: map[string]feed{}, hits: map[string]int{}, uas: map[string]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// SetPage adds or replaces the page at path.
func (s *Site) SetPage(path string, p Page) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = p
}

// SetRSS serves an RSS 2.0 feed at path listing the given page paths.
func (s *Site) SetRSS(path string, items ...string) { s.setFeed(path, false, items) }

// SetAtom serves an Atom feed at path listing the given page paths; each
// entry's <updated> is its page's Published time.
func (s *Site) SetAtom(path string, items ...string) { s.setFeed(path, true, items) }

func (s *Site) setFeed(path string, atom bool, items []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feeds[path] = feed{atom: atom, items: items}
}

// Hits is how many requests path received.
func (s *Site) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// UserAgents are the User-Agent headers seen.
func (s *Site) UserAgents() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for ua := range s.uas {
		out = append(out, ua)
	}
	return out
}

// URL returns the absolute URL of path.
func (s *Site) URL(path string) string { return s.Server.URL + path }

func (s *Site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.uas[r.Header.Get("User-Agent")] = true
	page, isPage := s.pages[r.URL.Path]
	f, isFeed := s.feeds[r.URL.Path]
	pages := map[string]Page{}
	for k, v := range s.pages {
		pages[k] = v
	}
	s.mu.Unlock()
	switch {
	case r.URL.Path == ServerError:
		http.Error(w, "internal error", http.StatusInternalServerError)
	case r.URL.Path == Slow:
		select {
		case <-time.After(10 * time.Second):
		case <-r.Context().Done():
		}
	case r.URL.Path == HTMLNotFeed:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Page moved</title></head><body><h1>Our feeds have moved</h1><p>Please visit our new site.</p></body></html>")
	case r.URL.Path == Unavailable:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, "<html><body><h1>503 Service Unavailable</h1></body></html>")
	case r.URL.Path == EmptyArticle:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><head><title>Gallery</title></head><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>")
	case isFeed:
		s.writeFeed(w, r.URL.Path, f, pages)
	case isPage:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, PageHTML(page))
	default:
		http.NotFound(w, r)
	}
}

// PageHTML renders a page the way news sites do: navigation, a cookie
// banner, the article, related links and a footer.
func PageHTML(p Page) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s | Example News</title>\n", html.EscapeString(p.Title))
	if !p.Published.IsZero() {
		fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%s\">\n", p.Published.UTC().Format(time.RFC3339))
	}
	b.WriteString("</head><body>\n<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/subscribe\">Subscribe</a></nav>\n")
	b.WriteString("<div class=\"cookie-banner\">We use cookies. <button>Accept</button></div>\n<main><article>\n")
	fmt.Fprintf(&b, "<h1>%s</h1>\n", html.EscapeString(p.Title))
	for _, para := range p.Paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(para))
	}
	b.WriteString("</article>\n<aside class=\"related\"><h2>More news</h2><ul><li><a href=\"/x\">Weather</a></li></ul></aside></main>\n")
	b.WriteString("<footer><p>© Example News. All rights reserved.</p></footer>\n</body></html>\n")
	return b.String()
}

func (s *Site) writeFeed(w http.ResponseWriter, path string, f feed, pages map[string]Page) {
	var b strings.Builder
	title := func(p string) string {
		if pg, ok := pages[p]; ok {
			return pg.Title
		}
		return "Story at " + p
	}
	date := func(p string) time.Time {
		if pg, ok := pages[p]; ok && !pg.Published.IsZero() {
			return pg.Published
		}
		return time.Date(2018, 4, 1, 0, 0, 0, 0, time.UTC)
	}
	if f.atom {
		w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
		b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<feed xmlns="http://www.w3.org/2005/Atom">` + "\n")
		fmt.Fprintf(&b, "<title>Example News</title><id>%s</id><updated>2018-04-30T00:00:00Z</updated>\n", html.EscapeString(s.URL(path)))
		for _, p := range f.items {
			fmt.Fprintf(&b, "<entry><title>%s</title><link href=\"%s\"/><id>%s</id><updated>%s</updated></entry>\n",
				html.EscapeString(title(p)), html.EscapeString(s.URL(p)), html.EscapeString(s.URL(p)), date(p).UTC().Format(time.RFC3339))
		}
		b.WriteString("</feed>\n")
	} else {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<rss version="2.0"><channel><title>Example News</title>` + "\n")
		fmt.Fprintf(&b, "<link>%s</link><description>Test feed</description>\n", html.EscapeString(s.URL("/")))
		for _, p := range f.items {
			// Relative links are allowed by real feeds; resolve them.
			fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate></item>\n",
				html.EscapeString(title(p)), html.EscapeString(p), html.EscapeString(s.URL(p)), date(p).UTC().Format(time.RFC1123Z))
		}
		b.WriteString("</channel></rss>\n")
	}
	fmt.Fprint(w, b.String())
}
