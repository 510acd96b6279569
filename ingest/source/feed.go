package source

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsgraph/newsgraph/ingest"
)

// Feed yields the items of an RSS or Atom feed. Each item's linked page is
// fetched and its main text extracted; an item without a link, or every
// item when ItemContent is set, is read from the feed's own content or
// description instead. An item's identity is its link (resolved against
// the feed URL), or feedURL#guid when it has none.
//
// The feed itself failing (unreachable, HTTP error, an HTML page instead of
// a feed) is one failure named by the feed URL; an item's page failing is a
// failure named by the item's link; the other items still go in.
type Feed struct {
	URL     string
	Fetcher *Fetcher
	// ItemContent reads items from the feed's own content instead of
	// fetching the pages they link, for feeds that carry whole articles.
	ItemContent bool
	Shard       Shard
	// Stored, when set, tells which items the graph already holds: those
	// are not fetched again unless the feed marks them updated after Since
	// (or Force is set), and count as unchanged.
	Stored ingest.HashLookup
	// Since is when the last complete pass of this feed began.
	Since time.Time
	Force bool
	// Failures, when set, holds back items (and the feed itself) whose
	// earlier failure is still backing off.
	Failures ingest.FailureLog
	// Recovered, when set, is told that the feed URL, which failed before,
	// answered again (its items report their own recovery).
	Recovered func(source string)
	// Now is the clock for backoff decisions; default time.Now.
	Now func() time.Time
}

// Articles implements ingest.Source.
func (f Feed) Articles(ctx context.Context, yield func(ingest.Article) error) error {
	if f.Fetcher == nil {
		f.Fetcher = NewFetcher(FetchOptions{})
	}
	now := time.Now
	if f.Now != nil {
		now = f.Now
	}
	past, err := f.pastFailures(ctx, []string{f.URL})
	if err != nil {
		return err
	}
	feedFailure, feedFailed := past[f.URL]
	if feedFailed && !f.Force && feedFailure.Deferred(now(), "") {
		return yield(ingest.Article{Source: f.URL, Err: deferredErr(feedFailure)})
	}
	feed, err := f.fetchFeed(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return yield(ingest.Article{Source: f.URL, Err: err})
	}
	if feedFailed && f.Recovered != nil {
		f.Recovered(f.URL)
	}
	base, _ := url.Parse(f.URL)
	type entry struct {
		item     *gofeed.Item
		identity string
		link     string
	}
	var entries []entry
	seen := map[string]bool{}
	for _, it := range feed.Items {
		link := resolve(base, it.Link)
		identity := link
		if identity == "" {
			key := strings.TrimSpace(it.GUID)
			if key == "" {
				sum := sha256.Sum256([]byte(it.Title + "\x00" + it.Description + "\x00" + it.Content))
				key = hex.EncodeToString(sum[:8])
			}
			identity = f.URL + "#" + key
		}
		if seen[identity] || !f.Shard.Contains(identity) {
			continue
		}
		seen[identity] = true
		entries = append(entries, entry{item: it, identity: identity, link: link})
	}
	identities := make([]string, len(entries))
	ids := make([]string, len(entries))
	for i, e := range entries {
		identities[i], ids[i] = e.identity, ingest.ArticleID(e.identity)
	}
	stored := map[string]string{}
	if f.Stored != nil && !f.Force && len(ids) > 0 {
		if stored, err = f.Stored.ArticleHashes(ctx, ids); err != nil {
			return fmt.Errorf("looking up stored articles of %s: %w", f.URL, err)
		}
	}
	if past, err = f.pastFailures(ctx, identities); err != nil {
		return err
	}
	for i, e := range entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		var a ingest.Article
		pf, failed := past[e.identity]
		_, known := stored[ids[i]]
		switch {
		case failed && !f.Force && pf.Deferred(now(), ""):
			a = ingest.Article{Source: e.identity, URL: e.link, Err: deferredErr(pf)}
		case known && !f.Force && !updatedSince(e.item, f.Since):
			a = ingest.Article{Source: e.identity, URL: e.link, Err: ingest.ErrNotModified}
		default:
			a = f.item(ctx, e.item, e.identity, e.link)
			if ctx.Err() != nil {
				return ctx.Err()
			}
		}
		if err := yield(a); err != nil {
			return err
		}
	}
	return nil
}

func (f Feed) pastFailures(ctx context.Context, sources []string) (map[string]ingest.PastFailure, error) {
	if f.Failures == nil || len(sources) == 0 {
		return map[string]ingest.PastFailure{}, nil
	}
	past, err := f.Failures.PastFailures(ctx, sources)
	if err != nil {
		return nil, fmt.Errorf("looking up past failures of %s: %w", f.URL, err)
	}
	return past, nil
}

// fetchFeed gets and parses the feed. A server that answers a feed URL with
// an HTML page (an error page, a login wall, a moved site) is ErrNotFeed.
func (f Feed) fetchFeed(ctx context.Context) (*gofeed.Feed, error) {
	resp, err := f.Fetcher.Get(ctx, f.URL, acceptFeed)
	if err != nil {
		return nil, err
	}
	body := bytes.TrimSpace(resp.Body)
	if len(body) == 0 {
		return nil, fmt.Errorf("%w: the response is empty", ErrNotFeed)
	}
	if mediaType(resp.ContentType) == "text/html" || looksLikeHTML(body) {
		return nil, fmt.Errorf("%w: the server answered with an HTML page (Content-Type %q)", ErrNotFeed, resp.ContentType)
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, fmt.Errorf("%w: neither RSS, Atom nor JSON Feed (Content-Type %q)", ErrNotFeed, resp.ContentType)
		}
		return nil, fmt.Errorf("%w: %v", ErrNotFeed, err)
	}
	return feed, nil
}

// item reads one feed item into an article, or a failure named by its
// identity.
func (f Feed) item(ctx context.Context, it *gofeed.Item, identity, link string) ingest.Article {
	a := ingest.Article{Source: identity, URL: link}
	title := collapse(it.Title)
	var body string
	if f.ItemContent || link == "" {
		content := it.Content
		if strings.TrimSpace(content) == "" {
			content = it.Description
		}
		if strings.TrimSpace(content) == "" {
			a.Err = fmt.Errorf("%w: the feed item has no content", ingest.ErrEmpty)
			return a
		}
		page, err := ExtractHTML([]byte("<html><body><article>"+content+"</article></body></html>"), "text/html; charset=utf-8", nil)
		if err != nil {
			a.Err = err
			return a
		}
		body = page.Body
	} else {
		resp, err := f.Fetcher.Get(ctx, link, acceptPage)
		if err != nil {
			a.Err = err
			return a
		}
		if mediaType(resp.ContentType) == "text/plain" {
			body = strings.TrimSpace(string(resp.Body))
		} else {
			page, err := ExtractHTML(resp.Body, resp.ContentType, resp.URL)
			if err != nil {
				a.Err = err
				return a
			}
			body = page.Body
			if title == "" {
				title = page.Title
			}
			a.Published = page.Published
		}
	}
	switch {
	case it.PublishedParsed != nil:
		a.Published = *it.PublishedParsed
	case it.UpdatedParsed != nil && a.Published.IsZero():
		a.Published = *it.UpdatedParsed
	}
	a.Text = []byte(withTitle(title, body))
	return a
}

// updatedSince reports whether the feed says the item changed after t.
func updatedSince(it *gofeed.Item, t time.Time) bool {
	if it.UpdatedParsed != nil {
		return it.UpdatedParsed.After(t)
	}
	return false
}

func deferredErr(pf ingest.PastFailure) error {
	return fmt.Errorf("%w (until %s, after %d failure(s): %s)", ingest.ErrDeferred,
		pf.RetryAt.UTC().Format(time.RFC3339), pf.Attempts, pf.Reason)
}

func resolve(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return link
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	u.Fragment = ""
	return u.String()
}

func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(contentType))
	}
	return mt
}

func looksLikeHTML(body []byte) bool {
	head := bytes.ToLower(body[:min(len(body), 512)])
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}
