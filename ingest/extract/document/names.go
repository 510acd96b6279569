package document

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/ingest/text"
)

// StableID hashes parts into a short id with a readable prefix.
func StableID(prefix string, parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return prefix + ":" + hex.EncodeToString(h.Sum(nil)[:8])
}

// Slug makes a readable id part from a name: "Kim Jong Un" -> "kim-jong-un".
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r > 127 && (r != '’' && r != '‘'):
			b.WriteRune(r)
			dash = false
		case r == '\'' || r == '’' || r == '.':
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// CleanName drops possessive endings and surrounding punctuation, keeping
// the final period of an abbreviation ("U.S."), and undoes a double
// encoding of its letters.
func CleanName(s string) string {
	s = strings.TrimSpace(text.FixMojibake(s)) // "FranÃ§ois" in a badly converted file
	for _, suf := range []string{" 's", " ’s", "'s", "’s", "'", "’"} {
		s = strings.TrimSuffix(s, suf)
	}
	s = strings.Trim(s, " \"“”'‘’()[],;:")
	s = strings.TrimLeft(s, ".")
	if strings.HasSuffix(s, ".") && !strings.Contains(strings.TrimSuffix(s, "."), ".") {
		s = strings.TrimSuffix(s, ".")
	}
	return s
}

// Capitalised says whether s starts with an upper-case letter.
func Capitalised(s string) bool { return unicode.IsUpper(FirstRune(s)) }

// FirstRune is the first code point of s.
func FirstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
