package evaluate

import (
	"strings"
	"unicode"
)

// Detokenize turns text written as Penn Treebank tokens, as FrameNet's
// full texts are ("Pyongyang 's program , six - party talks , “ quoted ”"),
// back into running text as news prints it ("Pyongyang's program,
// six-party talks, “quoted”"), which is what the extractor reads. toNew
// maps each code point offset of text (and its end) to the offset of the
// same place in out, so that gold spans can be carried over.
func Detokenize(text string) (out string, toNew []int) {
	rs := []rune(text)
	toNew = make([]int, len(rs)+1)
	var b []rune
	// dropSpace removes a space just written, so that the next token joins
	// the previous one.
	dropSpace := func() {
		if n := len(b); n > 0 && b[n-1] == ' ' {
			b = b[:n-1]
		}
	}
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i < len(rs); i++ {
		toNew[i] = len(b)
		r := rs[i]
		prevSpace := i > 0 && rs[i-1] == ' '
		nextSpace := i+1 < len(rs) && rs[i+1] == ' '
		switch {
		case r == '`' && i+1 < len(rs) && rs[i+1] == '`':
			b = append(b, '“')
			toNew[i+1] = len(b)
			i++
			if i+1 < len(rs) && rs[i+1] == ' ' {
				i++ // the space after the opening mark
				toNew[i] = len(b)
			}
			continue
		case r == '\'' && i+1 < len(rs) && rs[i+1] == '\'':
			if prevSpace {
				dropSpace()
				toNew[i] = len(b)
			}
			b = append(b, '”')
			toNew[i+1] = len(b)
			i++
			continue
		case prevSpace && strings.ContainsRune(",.;:?!%)", r) && (i+1 == len(rs) || rs[i+1] == ' ' || rs[i+1] == '\n'):
			dropSpace()
			toNew[i] = len(b)
		case prevSpace && (r == '\'' || r == 'n') && isClitic(strings.ToLower(string(rs[i:min(i+4, len(rs))]))):
			dropSpace()
			toNew[i] = len(b)
		case r == '(' && nextSpace:
			b = append(b, r)
			i++
			toNew[i] = len(b)
			continue
		case r == '-' && prevSpace && nextSpace && i >= 2 && i+2 < len(rs) && isWord(rs[i-2]) && isWord(rs[i+2]):
			dropSpace()
			toNew[i] = len(b)
			b = append(b, r)
			i++
			toNew[i] = len(b)
			continue
		}
		b = append(b, r)
	}
	toNew[len(rs)] = len(b)
	return string(b), toNew
}

// isClitic says whether s (the next few characters, lower case) opens a
// clitic token that joins the word before it: 's, n't, 're, 've, 'll, 'd,
// 'm.
func isClitic(s string) bool {
	for _, c := range []string{"'s ", "'s\n", "n't ", "'re ", "'ve ", "'ll ", "'d ", "'m "} {
		if strings.HasPrefix(s+" ", c) {
			return true
		}
	}
	return false
}
