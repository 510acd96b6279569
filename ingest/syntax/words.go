package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normalize is the form the models see: lower case, digits as 0, long
// numbers and URLs folded into classes, typographic quotes as ASCII.
func normalize(form string) string {
	if strings.HasPrefix(form, "http") || strings.HasPrefix(form, "www.") {
		return "<url>"
	}
	if strings.Contains(form, "@") && strings.Contains(form, ".") && len(form) > 5 {
		return "<email>"
	}
	var b strings.Builder
	b.Grow(len(form))
	digits := 0
	for _, r := range form {
		switch {
		case unicode.IsDigit(r):
			digits++
			if digits > 4 {
				continue
			}
			b.WriteByte('0')
			continue
		case r == '“' || r == '”' || r == '„' || r == '«' || r == '»':
			b.WriteByte('"')
		case r == '‘' || r == '’' || r == '`':
			b.WriteByte('\'')
		case r == '–' || r == '—':
			b.WriteString("--")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
		digits = 0
	}
	return b.String()
}

// shape maps a form to its character classes, runs collapsed: "McCain" ->
// "XxXx", "2018" -> "d", "U.S." -> "X.X.".
func shape(form string) string {
	var b strings.Builder
	var last byte
	n := 0
	for _, r := range form {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			continue
		}
		last = c
		b.WriteByte(c)
		if n++; n >= 6 {
			break
		}
	}
	return b.String()
}

// suffix returns the last n runes of s (all of s when shorter).
func suffix(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// prefix returns the first n runes of s.
func prefix(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// token is what the models know of one word of a sentence.
type token struct {
	form  string
	norm  string
	lower string // lower case form, for lemma lookups
	w     uint64 // hash of norm
	shp   uint64 // hash of shape
	suf   [5]uint64
	pre   [3]uint64
	flags uint64
	amb   uint64 // ambiguity class: the tags seen with the word in training
	cl    uint64 // word cluster path, low bits first; 0 when unknown
	freq  uint64 // frequency class of the form in the cluster corpus
	caseR uint64 // how much likelier the form is than its lower case
}

// clusterPrefix is the first n bits of a cluster path, tagged with n.
func clusterPrefix(c uint64, n uint) uint64 {
	if c == 0 {
		return 0
	}
	return c&(1<<n-1) | uint64(n)<<32
}

const (
	flagCap = 1 << iota
	flagAllCaps
	flagDigit
	flagHyphen
	flagFirst
	flagPunct
)

// token builds what the models know of form from its spelling and, when
// lx is not nil, from the lexicon.
func (lx *lexicon) token(form string, first bool) token {
	t := token{form: form, norm: normalize(form), lower: strings.ToLower(form)}
	t.w = hashString(t.norm)
	t.shp = hashString(shape(form))
	t.cl = lx.cluster(form, t.lower)
	t.freq, t.caseR = lx.frequencyClasses(form, t.lower)
	for i := range t.suf {
		t.suf[i] = hashString(suffix(t.norm, i+1))
	}
	for i := range t.pre {
		t.pre[i] = hashString(prefix(t.norm, i+1))
	}
	r, _ := utf8.DecodeRuneInString(form)
	if unicode.IsUpper(r) {
		t.flags |= flagCap
		if strings.ToUpper(form) == form && utf8.RuneCountInString(form) > 1 {
			t.flags |= flagAllCaps
		}
	}
	if strings.IndexFunc(form, unicode.IsDigit) >= 0 {
		t.flags |= flagDigit
	}
	if strings.Contains(form, "-") && len(form) > 1 {
		t.flags |= flagHyphen
	}
	if first {
		t.flags |= flagFirst
	}
	if strings.IndexFunc(form, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		t.flags |= flagPunct
	}
	return t
}
