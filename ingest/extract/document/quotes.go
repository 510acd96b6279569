package document

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quotes are found on the text of each paragraph (segment), not on
// sentences, because a quote may hold several sentences or go on into the
// next paragraph. Straight and curly double quotes count, and single quotes
// used as quotes (an opening mark after a space, a closing one before a
// space or punctuation), never the apostrophes of "Let’s" or "Trumps’".
// Every stage needs to tell quoted words from the narrative, so the
// quoted runs are part of the document.

// QuoteSpan is one quoted run: byte offsets of its content, and whether it
// had a closing mark.
type QuoteSpan struct {
	Seg        int // index of the segment (paragraph) in the article
	Start, End int // content, without the marks
	OpenMark   int // byte offset of the opening mark
	CloseMark  int // byte offset just after the closing mark, or End when unclosed
	Closed     bool
}

// findQuoteSpans scans a segment for quoted runs.
func findQuoteSpans(text string, seg int, start, end int) []QuoteSpan {
	var out []QuoteSpan
	var dbl, sgl *QuoteSpan
	prevRune := func(i int) rune {
		if i <= start {
			return ' '
		}
		r, _ := utf8.DecodeLastRuneInString(text[start:i])
		return r
	}
	nextRune := func(i int) rune {
		if i >= end {
			return ' '
		}
		r, _ := utf8.DecodeRuneInString(text[i:end])
		return r
	}
	openable := func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("([{—–-/:", r) || r == '“' || r == '"'
	}
	closable := func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '\'' && r != '’' || r == '”'
	}
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:end])
		switch {
		case r == '“' || (r == '"' && dbl == nil && openable(prevRune(i)) && !unicode.IsSpace(nextRune(i+size))):
			if dbl == nil {
				dbl = &QuoteSpan{Seg: seg, OpenMark: i, Start: i + size}
			} else if r == '“' {
				// A second opening mark: the first quote lost its closing one.
				dbl.End, dbl.CloseMark = i, i
				out = append(out, *dbl)
				dbl = &QuoteSpan{Seg: seg, OpenMark: i, Start: i + size}
			}
			sgl = nil
		case (r == '”' || r == '"') && dbl != nil:
			dbl.End, dbl.CloseMark, dbl.Closed = i, i+size, true
			out = append(out, *dbl)
			dbl = nil
			sgl = nil
		case dbl == nil && (r == '‘' || r == '\'') && sgl == nil && openable(prevRune(i)) && unicode.IsLetter(nextRune(i+size)):
			sgl = &QuoteSpan{Seg: seg, OpenMark: i, Start: i + size}
		case dbl == nil && (r == '’' || r == '\'') && sgl != nil && !unicode.IsSpace(prevRune(i)) && closable(nextRune(i+size)) && !unicode.IsLetter(nextRune(i+size)):
			// "Trumps’ dinner" has a letter run before and a space after as
			// well; only a pending single opening mark makes it a close.
			sgl.End, sgl.CloseMark, sgl.Closed = i, i+size, true
			if sgl.End-sgl.Start > 0 {
				out = append(out, *sgl)
			}
			sgl = nil
		}
		i += size
	}
	if dbl != nil {
		dbl.End, dbl.CloseMark = end, end
		out = append(out, *dbl)
	}
	return out
}
