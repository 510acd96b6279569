package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// DefaultMaxArticleBytes is the largest article accepted unless configured
// otherwise. Real news articles are a few kilobytes; anything this large is
// a wrong file, not a long article.
const DefaultMaxArticleBytes = 5 << 20

// Reasons an article is rejected. Check them with errors.Is.
var (
	ErrEmpty    = errors.New("article is empty")
	ErrBinary   = errors.New("article is binary, not text")
	ErrNotUTF8  = errors.New("article is not valid UTF-8")
	ErrTooLarge = errors.New("article is larger than the size limit")
	ErrUnread   = errors.New("article could not be read")
)

// ArticleError names the article that failed and why.
type ArticleError struct {
	Source string
	Err    error
}

func (e *ArticleError) Error() string { return e.Source + ": " + e.Err.Error() }
func (e *ArticleError) Unwrap() error { return e.Err }

// Article is one raw article as a Source yields it.
type Article struct {
	// Source is the article's identity: an absolute path or a URL. The
	// article's ID derives from it, so a changed file replaces its old facts.
	Source string
	URL    string
	// Title and Published, when the source knows them (feeds, JSON Lines),
	// take precedence over what the parser finds in the text.
	Title     string
	Published time.Time
	Text      []byte
	// Err is set when the source could not produce the article; the pipeline
	// records it as a failure and goes on.
	Err error
}

// ArticleID derives the stable ID of the article at source.
func ArticleID(source string) string {
	sum := sha256.Sum256([]byte(source))
	return "article:" + hex.EncodeToString(sum[:8])
}

// ContentHash is the hash that tells a changed article from an unchanged one.
func ContentHash(text []byte) string {
	sum := sha256.Sum256(text)
	return hex.EncodeToString(sum[:])
}

// SegmentKind says what part of an article a segment is.
type SegmentKind string

const (
	SegmentTitle    SegmentKind = "title"
	SegmentSubtitle SegmentKind = "subtitle"
	SegmentBody     SegmentKind = "body"
	SegmentCaption  SegmentKind = "caption"
)

// Segment is a block of an article's text that extraction reads: byte
// offsets into Document.Text, End exclusive.
type Segment struct {
	Kind       SegmentKind
	Start, End int
}

// Document is a parsed article: its metadata and the segments of its text
// that carry facts. Datelines, "Updated" stamps and photo credits are not
// segments, so they never become actors.
type Document struct {
	Info     ArticleInfo
	Text     string
	Segments []Segment
	// Published is the article's own date, against which relative dates
	// ("on Tuesday") resolve; zero when unknown.
	Published time.Time
}

// Validate checks that raw article bytes are text that can be extracted.
func Validate(text []byte, maxBytes int) error {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxArticleBytes
	}
	if len(text) > maxBytes {
		return fmt.Errorf("%w (%d bytes, limit %d)", ErrTooLarge, len(text), maxBytes)
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return ErrEmpty
	}
	if bytes.IndexByte(text, 0) >= 0 || controlRatio(text) > 0.05 {
		return ErrBinary
	}
	if !utf8.Valid(text) {
		if _, _, err := DecodeText(text); err != nil {
			return err
		}
		return fmt.Errorf("%w (first bad byte at offset %d; ingest reads it as Windows-1252)", ErrNotUTF8, firstInvalidUTF8(text))
	}
	return nil
}

// LegacyCharset is what an article that is not UTF-8 is read as:
// Windows-1252, which has every printable character of Latin-1
// (ISO-8859-1) and is what older Western news files are written in.
const LegacyCharset = "Windows-1252"

// maxLegacyShare bounds the share of non-ASCII bytes in a text read as
// Windows-1252: Western languages write mostly ASCII letters, while a text
// in another legacy encoding (Cyrillic, Greek, CJK) is mostly high bytes
// and would come out as gibberish.
const maxLegacyShare = 0.3

// DecodeText returns an article's text as UTF-8. Valid UTF-8 is returned
// as it is; text that is not, but reads as Windows-1252, is decoded and
// charset names it (callers warn: the bytes were a guess). Binary input is
// ErrBinary; anything else ErrNotUTF8, with the reason.
func DecodeText(text []byte) (out []byte, charset string, err error) {
	if bytes.IndexByte(text, 0) >= 0 || len(text) > 0 && controlRatio(text) > 0.05 {
		return nil, "", ErrBinary
	}
	if utf8.Valid(text) {
		return text, "", nil
	}
	off := firstInvalidUTF8(text)
	high, visible := 0, 0
	for i, b := range text {
		switch {
		case b == 0x81 || b == 0x8d || b == 0x8f || b == 0x90 || b == 0x9d:
			// Bytes Windows-1252 leaves undefined.
			return nil, "", fmt.Errorf("%w (first bad byte at offset %d) nor %s (byte 0x%02x at offset %d)", ErrNotUTF8, off, LegacyCharset, b, i)
		case b >= 0x80:
			high++
			visible++
		case b > ' ':
			visible++
		}
	}
	if float64(high) > maxLegacyShare*float64(visible) {
		return nil, "", fmt.Errorf("%w (first bad byte at offset %d) and, with %d of %d characters outside ASCII, not %s text either", ErrNotUTF8, off, high, visible, LegacyCharset)
	}
	out, err = charmap.Windows1252.NewDecoder().Bytes(text)
	if err != nil {
		return nil, "", fmt.Errorf("%w (first bad byte at offset %d): decoding %s: %v", ErrNotUTF8, off, LegacyCharset, err)
	}
	return out, LegacyCharset, nil
}

func controlRatio(text []byte) float64 {
	n := 0
	for _, b := range text {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			n++
		}
	}
	return float64(n) / float64(len(text))
}

func firstInvalidUTF8(text []byte) int {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

var (
	// "18/04/2018 07:49 BST | Updated 18/04/2018 11:59 BST"
	datelineDMY = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ ,]+(\d{1,2}):(\d{2}))?(?:\s+([A-Z]{2,4}))?(?:\s*\|.*)?$`)
	// "2018-04-18", "2018-04-18T07:49:00Z", "Published: 2018-04-18 07:49"
	datelineISO = regexp.MustCompile(`^(?:(?:Published|Updated|Date):?\s*)?(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)\s*$`)
	// A photo credit: "Aaron Bernstein / Reuters", "KCNA KCNA / Reuters", "Getty Images".
	creditLine = regexp.MustCompile(`^(?:[\p{Lu}][\p{L}.'’-]*\s+){0,4}[\p{Lu}][\p{L}.'’-]*\s*/\s*[\p{Lu}][\p{L}.&' -]{1,40}$|^(?:Getty Images|AFP|Reuters|Associated Press|AP Photo.*|PA(?: Wire)?)$`)
)

// zoneOffsets are the zone abbreviations news datelines use.
var zoneOffsets = map[string]int{
	"UTC": 0, "GMT": 0, "BST": 3600, "CET": 3600, "CEST": 7200,
	"EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
	"PST": -8 * 3600, "PDT": -7 * 3600, "KST": 9 * 3600, "JST": 9 * 3600,
}

// Parse splits a validated article into metadata and segments. The first
// non-blank line is a dateline when it looks like one; the next block is the
// title, a short single-line block after it the subtitle; a photo credit
// line marks the line after it as a caption.
func Parse(a Article) (*Document, error) {
	if a.Err != nil {
		return nil, &ArticleError{Source: a.Source, Err: a.Err}
	}
	text := string(a.Text)
	doc := &Document{
		Text: text,
		Info: ArticleInfo{
			ID:          ArticleID(a.Source),
			Source:      a.Source,
			URL:         a.URL,
			ContentHash: ContentHash(a.Text),
		},
	}
	blocks := splitBlocks(text)
	i := 0
	if len(blocks) > 0 && len(blocks[0].lines) == 1 {
		if t, ok := parseDateline(text[blocks[0].lines[0].start:blocks[0].lines[0].end]); ok {
			doc.Published = t
			i++
		}
	}
	if !a.Published.IsZero() {
		doc.Published = a.Published
	}
	if a.Title != "" {
		doc.Info.Title = a.Title
	} else if i < len(blocks) {
		b := blocks[i]
		doc.Info.Title = collapseSpace(text[b.start():b.end()])
		doc.Segments = append(doc.Segments, Segment{SegmentTitle, b.start(), b.end()})
		i++
		// A short one-line block right after the title, followed by more
		// text, is a subtitle (standfirst).
		if i+1 < len(blocks) && len(blocks[i].lines) == 1 && blocks[i].end()-blocks[i].start() < 300 &&
			!creditLine.MatchString(strings.TrimSpace(text[blocks[i].start():blocks[i].end()])) {
			b := blocks[i]
			doc.Info.Subtitle = collapseSpace(text[b.start():b.end()])
			doc.Segments = append(doc.Segments, Segment{SegmentSubtitle, b.start(), b.end()})
			i++
		}
	}
	for ; i < len(blocks); i++ {
		lines := blocks[i].lines
		for j := 0; j < len(lines); j++ {
			l := lines[j]
			line := strings.TrimSpace(text[l.start:l.end])
			if creditLine.MatchString(line) && len(line) < 60 {
				doc.Info.Credits = append(doc.Info.Credits, line)
				if j+1 < len(lines) {
					c := lines[j+1]
					doc.Info.Captions = append(doc.Info.Captions, collapseSpace(text[c.start:c.end]))
					doc.Segments = append(doc.Segments, Segment{SegmentCaption, c.start, c.end})
					j++
				}
				continue
			}
			// Lines of one block that are not credits form one paragraph.
			if n := len(doc.Segments); n > 0 && doc.Segments[n-1].Kind == SegmentBody && j > 0 && doc.Segments[n-1].End == lines[j-1].end {
				doc.Segments[n-1].End = l.end
				continue
			}
			doc.Segments = append(doc.Segments, Segment{SegmentBody, l.start, l.end})
		}
	}
	if !doc.Published.IsZero() {
		s := doc.Published.Format(time.RFC3339)
		doc.Info.Published = &s
	}
	if len(doc.Segments) == 0 {
		return nil, &ArticleError{Source: a.Source, Err: ErrEmpty}
	}
	return doc, nil
}

func parseDateline(line string) (time.Time, bool) {
	line = strings.TrimSpace(line)
	if m := datelineDMY.FindStringSubmatch(line); m != nil {
		// strconv, not fmt.Sscan: Sscan reads "09" as a bad octal number.
		day, _ := strconv.Atoi(m[1])
		month, _ := strconv.Atoi(m[2])
		year, _ := strconv.Atoi(m[3])
		hour, _ := strconv.Atoi(m[4])
		minute, _ := strconv.Atoi(m[5])
		if month < 1 || month > 12 || day < 1 || day > 31 {
			return time.Time{}, false
		}
		loc := time.UTC
		if off, ok := zoneOffsets[m[6]]; ok {
			loc = time.FixedZone(m[6], off)
		}
		return time.Date(year, time.Month(month), day, hour, minute, 0, 0, loc), true
	}
	if m := datelineISO.FindStringSubmatch(line); m != nil {
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"} {
			if t, err := time.Parse(layout, m[1]); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

type lineSpan struct{ start, end int }

type block struct{ lines []lineSpan }

func (b block) start() int { return b.lines[0].start }
func (b block) end() int   { return b.lines[len(b.lines)-1].end }

// splitBlocks cuts text into blank-line separated blocks of trimmed lines,
// keeping byte offsets into text.
func splitBlocks(text string) []block {
	var blocks []block
	var cur block
	for pos := 0; pos <= len(text); {
		nl := strings.IndexByte(text[pos:], '\n')
		end := len(text)
		if nl >= 0 {
			end = pos + nl
		}
		s, e := trimSpan(text, pos, end)
		if s < e {
			cur.lines = append(cur.lines, lineSpan{s, e})
		} else if len(cur.lines) > 0 {
			blocks = append(blocks, cur)
			cur = block{}
		}
		if nl < 0 {
			break
		}
		pos = end + 1
	}
	if len(cur.lines) > 0 {
		blocks = append(blocks, cur)
	}
	return blocks
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '\f' || r == '\u00a0' || r == '\ufeff' || r == '\u200b'
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
