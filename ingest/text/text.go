// Package text cuts article text into sentences and tokens, keeping byte
// offsets into the original text so that every fact can point back to the
// exact characters it came from. Tokens follow the CoNLL-2003 conventions
// the entity model was trained on: punctuation split off, possessive "'s"
// and "n't" split off, abbreviations ("U.S.", "Mr.") and hyphenated words
// kept whole.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Token is a word or punctuation mark; Start and End are byte offsets into
// the text that was split, End exclusive.
type Token struct {
	Text       string
	Start, End int
}

// Sentence is a run of tokens; Start and End are byte offsets.
type Sentence struct {
	Start, End int
	Tokens     []Token
}

// Words returns the sentence's token texts.
func (s Sentence) Words() []string {
	w := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		w[i] = t.Text
	}
	return w
}

// titleAbbreviations never end a sentence: a name follows them.
var titleAbbreviations = map[string]bool{
	"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "prof.": true, "gen.": true, "sen.": true,
	"rep.": true, "gov.": true, "lt.": true, "col.": true, "capt.": true, "sgt.": true, "st.": true,
	"rev.": true, "hon.": true, "pres.": true, "adm.": true, "maj.": true, "cmdr.": true, "supt.": true,
}

// abbreviations keep their final period.
var abbreviations = map[string]bool{
	"jan.": true, "feb.": true, "mar.": true, "apr.": true, "jun.": true, "jul.": true, "aug.": true,
	"sep.": true, "sept.": true, "oct.": true, "nov.": true, "dec.": true, "no.": true, "vs.": true,
	"etc.": true, "inc.": true, "ltd.": true, "corp.": true, "co.": true, "jr.": true, "sr.": true,
	"mt.": true, "ft.": true, "approx.": true, "dept.": true, "univ.": true, "e.g.": true, "i.e.": true,
}

const (
	openers = "\"'“‘([{«"
	closers = "\"'”’)]}»"
	// trailing punctuation that is split off the end of a word
	trailers = ".,;:!?\"'”’)]}»…"
)

// Tokenize splits text into tokens.
func Tokenize(text string) []Token {
	return tokenizeRange(text, 0, len(text), nil)
}

func tokenizeRange(text string, start, end int, out []Token) []Token {
	pos := start
	for pos < end {
		r, size := utf8.DecodeRuneInString(text[pos:end])
		if isSpace(r) {
			pos += size
			continue
		}
		chunkEnd := pos
		for chunkEnd < end {
			r, size := utf8.DecodeRuneInString(text[chunkEnd:end])
			if isSpace(r) {
				break
			}
			chunkEnd += size
		}
		out = splitChunk(text, pos, chunkEnd, out)
		pos = chunkEnd
	}
	return out
}

// splitChunk splits one whitespace-free chunk into tokens.
func splitChunk(text string, s, e int, out []Token) []Token {
	// Leading punctuation, one token each.
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if strings.ContainsRune(openers, r) || r == '—' || r == '–' {
			out = append(out, Token{text[s : s+size], s, s + size})
			s += size
			continue
		}
		break
	}
	if s >= e {
		return out
	}
	// Trailing punctuation, collected from the right.
	var tail []Token
	for e > s {
		word := text[s:e]
		if strings.HasSuffix(word, "...") {
			tail = append(tail, Token{"...", e - 3, e})
			e -= 3
			continue
		}
		r, size := utf8.DecodeLastRuneInString(word)
		if !strings.ContainsRune(trailers, r) && r != '—' && r != '–' {
			break
		}
		// An abbreviation keeps its period, unless a closing quote or bracket
		// follows it: then the period ends the sentence ("No.”").
		if r == '.' && len(tail) == 0 && keepsPeriod(word) {
			break
		}
		if (r == '\'' || r == '’') && e-size > s && isPluralPossessive(text[s:e-size]) && len(tail) == 0 {
			// "Trumps'" -> "Trumps" "'"
			tail = append(tail, Token{text[e-size : e], e - size, e})
			e -= size
			break
		}
		tail = append(tail, Token{text[e-size : e], e - size, e})
		e -= size
	}
	if s < e {
		out = splitWord(text, s, e, out)
	}
	for i := len(tail) - 1; i >= 0; i-- {
		out = append(out, tail[i])
	}
	return out
}

// splitWord splits clitics off a word: "Pompeo’s" -> "Pompeo" "’s",
// "don't" -> "do" "n't"; dashes between words: "summit—first" -> three tokens.
func splitWord(text string, s, e int, out []Token) []Token {
	word := text[s:e]
	for _, dash := range []string{"—", "–", "--"} {
		if i := strings.Index(word, dash); i > 0 && i+len(dash) < len(word) {
			out = splitWord(text, s, s+i, out)
			out = append(out, Token{dash, s + i, s + i + len(dash)})
			return splitWord(text, s+i+len(dash), e, out)
		}
	}
	lower := strings.ToLower(word)
	// Words that Universal Dependencies splits into two, as the parser was
	// trained: "cannot" -> "can" "not", "gonna" -> "gon" "na".
	switch lower {
	case "cannot", "gonna", "wanna", "gotta":
		cut := e - 3
		if lower != "cannot" {
			cut = e - 2
		}
		return append(out, Token{text[s:cut], s, cut}, Token{text[cut:e], cut, e})
	}
	for _, suf := range []string{"n't", "n’t"} {
		if strings.HasSuffix(lower, suf) && len(word) > len(suf) {
			cut := e - len(suf)
			return append(out, Token{text[s:cut], s, cut}, Token{text[cut:e], cut, e})
		}
	}
	for _, suf := range []string{"'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"} {
		if strings.HasSuffix(lower, suf) && len(word) > len(suf) {
			cut := e - len(suf)
			return append(out, Token{text[s:cut], s, cut}, Token{text[cut:e], cut, e})
		}
	}
	return append(out, Token{word, s, e})
}

func keepsPeriod(word string) bool {
	lw := strings.ToLower(word)
	if titleAbbreviations[lw] || abbreviations[lw] {
		return true
	}
	// Initials and dotted acronyms: "J.", "U.S.", "U.K."
	core := strings.TrimSuffix(word, ".")
	if core == "" {
		return false
	}
	if utf8.RuneCountInString(core) == 1 {
		r, _ := utf8.DecodeRuneInString(core)
		return unicode.IsUpper(r)
	}
	if !strings.Contains(core, ".") {
		return false
	}
	for _, part := range strings.Split(core, ".") {
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
	}
	return true
}

func isPluralPossessive(word string) bool {
	if len(word) < 2 || !strings.HasSuffix(word, "s") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsUpper(r)
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\ufeff' || r == '\u200b'
}

// SplitSentences tokenizes text[start:end] and groups the tokens into
// sentences. A sentence ends at ".", "!" or "?" (with any closing quotes
// after it) when the next token starts a new sentence; a period that ends a
// title abbreviation ("Mr.") never ends one.
func SplitSentences(text string, start, end int) []Sentence {
	toks := tokenizeRange(text, start, end, nil)
	var sents []Sentence
	begin := 0
	for i := 0; i < len(toks); i++ {
		if !isTerminal(toks[i].Text) {
			continue
		}
		j := i + 1
		for j < len(toks) && isCloser(toks[j].Text) && (toks[j].Start == toks[j-1].End || !straightQuote(toks[j].Text)) {
			// a straight quote after a space opens the next sentence:
			// `the crisis. "We are ...`
			j++
		}
		if j < len(toks) && !startsSentence(toks[j].Text) {
			continue
		}
		if titleAbbreviations[strings.ToLower(toks[i].Text)] {
			continue
		}
		sents = append(sents, makeSentence(toks[begin:j]))
		begin = j
		i = j - 1
	}
	if begin < len(toks) {
		sents = append(sents, makeSentence(toks[begin:]))
	}
	return sents
}

func makeSentence(toks []Token) Sentence {
	cp := make([]Token, len(toks))
	copy(cp, toks)
	return Sentence{Start: cp[0].Start, End: cp[len(cp)-1].End, Tokens: cp}
}

func isTerminal(tok string) bool {
	switch tok {
	case ".", "!", "?", "...", "…":
		return true
	}
	// "U.S." at the end of a sentence carries the period, but far more often
	// it precedes a name ("U.S. President Donald Trump"), so it never ends one.
	return false
}

// straightQuote says whether tok is a quote mark that may open or close.
func straightQuote(tok string) bool { return tok == "\"" || tok == "'" }

func isCloser(tok string) bool {
	r, size := utf8.DecodeRuneInString(tok)
	return size == len(tok) && strings.ContainsRune(closers, r)
}

func startsSentence(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(openers, r)
}

// FixMojibake undoes UTF-8 text that was read as Windows-1252 (or
// Latin-1) and written out again as UTF-8, once or twice: "FranÃ§ois" and
// "FranÃ\u0083Â§ois" become "François". A string changes only when every
// rune maps back to one byte and those bytes are valid UTF-8 that is
// shorter, so text that merely holds accents ("Peña", "Ã©lan" aside) is
// left as it is.
func FixMojibake(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0xc0 && r < 0x100 || r == 0x303 || r == 0x302 }) {
		return s // no "Ã" or "Â" (nor a combining tilde or circumflex): nothing to undo
	}
	// The letters may also have been decomposed on the way ("A" and a
	// combining tilde for "Ã").
	t, changed := norm.NFC.String(s), false
	for round := 0; round < 3; round++ {
		fixed, ok := undoWindows1252(t)
		if !ok {
			break
		}
		t, changed = fixed, true
	}
	if !changed {
		return s
	}
	return t
}

func undoWindows1252(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	high := false
	for _, r := range s {
		switch c, ok := windows1252Byte[r]; {
		case r < 0x80:
			b = append(b, byte(r))
		case ok:
			b, high = append(b, c), true
		case r < 0x100:
			b, high = append(b, byte(r)), true
		default:
			return "", false
		}
	}
	if !high || !utf8.Valid(b) || len(b) >= len(s) {
		return "", false
	}
	return string(b), true
}

// windows1252Byte maps the characters Windows-1252 puts at 0x80-0x9F to
// their bytes.
var windows1252Byte = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e,
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
}
