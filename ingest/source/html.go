package source

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html/charset"

	"github.com/newsgraph/newsgraph/ingest"
)

// HTMLArticle is the main content of an HTML page.
type HTMLArticle struct {
	Title string
	// Text is the title, a blank line, then the article's paragraphs
	// separated by blank lines: the layout ingest.Parse reads. Navigation,
	// cookie banners, related links and footers are gone.
	Text string
	// Body is Text without the title.
	Body string
	// Published is the page's own publication time, when its metadata
	// gives one.
	Published time.Time
}

// MinArticleWords is the least text an HTML page must yield to count as an
// article; anything shorter is what readability leaves of a page without
// one.
const MinArticleWords = 8

// ExtractHTML finds the article in an HTML page with go-readability (a port
// of Firefox's Reader View) and returns its plain text. contentType, when
// known, names the page's character set; otherwise the page's own <meta
// charset> decides, as in a browser. pageURL may be nil.
func ExtractHTML(page []byte, contentType string, pageURL *url.URL) (HTMLArticle, error) {
	if len(bytes.TrimSpace(page)) == 0 {
		return HTMLArticle{}, ingest.ErrEmpty
	}
	if bytes.IndexByte(page, 0) >= 0 {
		return HTMLArticle{}, ingest.ErrBinary
	}
	if contentType == "" {
		contentType = "text/html"
	}
	if enc, name, _ := charset.DetermineEncoding(page, contentType); name != "utf-8" {
		decoded, err := enc.NewDecoder().Bytes(page)
		if err != nil {
			return HTMLArticle{}, fmt.Errorf("%w: decoding %s: %v", ingest.ErrNotUTF8, name, err)
		}
		page = decoded
	} else if !utf8.Valid(page) {
		return HTMLArticle{}, fmt.Errorf("%w (the page declares UTF-8)", ingest.ErrNotUTF8)
	}
	if pageURL == nil {
		pageURL = &url.URL{Scheme: "file", Path: "/"}
	}
	art, err := readability.FromReader(bytes.NewReader(page), pageURL)
	if err != nil {
		return HTMLArticle{}, fmt.Errorf("%w: no article found in the page: %v", ingest.ErrEmpty, err)
	}
	if art.Node == nil {
		return HTMLArticle{}, fmt.Errorf("%w: no article found in the page", ingest.ErrEmpty)
	}
	body := paragraphs(render.InnerText(art.Node))
	if n := len(strings.Fields(body)); n < MinArticleWords {
		// What is left of a page without an article (a gallery, an index,
		// a consent wall) is a menu item or two, not a story.
		return HTMLArticle{}, fmt.Errorf("%w: the page has no article text (%d words)", ingest.ErrEmpty, n)
	}
	out := HTMLArticle{Title: collapse(art.Title()), Body: body}
	if t, err := art.PublishedTime(); err == nil {
		out.Published = t
	}
	out.Text = withTitle(out.Title, body)
	return out, nil
}

// withTitle puts the title first, as its own block, unless the body
// already starts with it.
func withTitle(title, body string) string {
	title = collapse(title)
	if title == "" {
		return body
	}
	first, _, _ := strings.Cut(body, "\n")
	if collapse(first) == title {
		return body
	}
	return title + "\n\n" + body
}

// paragraphs trims every line and leaves exactly one blank line between
// blocks, so that ingest.Parse sees one paragraph per block.
func paragraphs(text string) string {
	var b strings.Builder
	blank := false
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(strings.ReplaceAll(line, "\u00a0", " "))
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteString("\n")
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
