package syntax

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// The lemmatizer learns edit scripts from the training words: "meetings"
// NNS -> strip 1, "met" VBD -> strip 2 and add "eet". A word seen in
// training takes the script it had most often with its Penn tag; an unseen
// one takes the script of the longest suffix seen often enough with that tag.

// editScript turns a form into its lemma.
type editScript struct {
	lower bool   // lower-case the form first
	strip int    // runes removed from the end; -1: the lemma is add, whatever the form
	add   string // appended
}

func (e editScript) apply(form string) string {
	if e.strip < 0 {
		return e.add
	}
	if e.lower {
		form = strings.ToLower(form)
	}
	n := utf8.RuneCountInString(form)
	if e.strip > n {
		return form
	}
	cut := len(form)
	for k := 0; k < e.strip; k++ {
		_, size := utf8.DecodeLastRuneInString(form[:cut])
		cut -= size
	}
	return form[:cut] + e.add
}

func (e editScript) String() string {
	if e.strip < 0 {
		return "=" + e.add
	}
	l := "k"
	if e.lower {
		l = "l"
	}
	return l + itoa(e.strip) + "+" + e.add
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	p := len(b)
	neg := i < 0
	if neg {
		i = -i
	}
	for i > 0 {
		p--
		b[p] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		p--
		b[p] = '-'
	}
	return string(b[p:])
}

// scriptFor finds the shortest script that turns form into lemma. A
// lower-case lemma gives a script that lower-cases first, so that it also
// serves the capitalised form ("Talks" -> "talk").
func scriptFor(form, lemma string) editScript {
	best := editScript{}
	bestCost := -1
	order := []bool{false, true}
	if lemma == strings.ToLower(lemma) {
		order = []bool{true, false}
	}
	for _, lower := range order {
		f := form
		if lower {
			f = strings.ToLower(form)
		}
		// longest common prefix in runes
		fr, lr := []rune(f), []rune(lemma)
		k := 0
		for k < len(fr) && k < len(lr) && fr[k] == lr[k] {
			k++
		}
		e := editScript{lower: lower, strip: len(fr) - k, add: string(lr[k:])}
		cost := e.strip + len(lr) - k
		if bestCost < 0 || cost < bestCost {
			best, bestCost = e, cost
		}
	}
	return best
}

// lemmatizer maps (form, XPOS) to an edit script.
type lemmatizer struct {
	known    map[string]editScript // lower form + "\t" + XPOS
	suffixes map[string]editScript // XPOS + "\t" + lower suffix
	maxSuf   int
	// words, when set, holds the word forms of the language: an unseen
	// word takes the longest suffix's script whose lemma is a word
	// ("ruled" -> "rule", not "rul").
	words *lexicon
}

const (
	lemmaMaxSuffix = 6
	lemmaMinCount  = 2
)

func trainLemmatizer(sents []Sentence) *lemmatizer {
	type counts map[editScript]int
	known := map[string]counts{}
	suf := map[string]counts{}
	add := func(m map[string]counts, k string, e editScript) {
		c := m[k]
		if c == nil {
			c = counts{}
			m[k] = c
		}
		c[e]++
	}
	for _, s := range sents {
		for i, w := range s.Words {
			if w.Lemma == "" || w.Lemma == "_" {
				continue
			}
			form := s.Forms[i]
			e := scriptFor(form, w.Lemma)
			lower := strings.ToLower(form)
			if w.XPOS == "NNP" || w.XPOS == "NNPS" {
				add(known, lower+"\t"+w.XPOS, e)
			} else {
				// A common word's lemma does not depend on how it was
				// capitalised: "The", "THE" -> "the", "i" -> "I".
				add(known, lower+"\t"+w.XPOS, editScript{strip: -1, add: w.Lemma})
			}
			rs := []rune(lower)
			for n := 1; n <= lemmaMaxSuffix && n <= len(rs); n++ {
				add(suf, w.XPOS+"\t"+string(rs[len(rs)-n:]), e)
			}
		}
	}
	best := func(c counts) (editScript, int) {
		scripts := make([]editScript, 0, len(c))
		for e := range c {
			scripts = append(scripts, e)
		}
		sort.Slice(scripts, func(i, j int) bool {
			if c[scripts[i]] != c[scripts[j]] {
				return c[scripts[i]] > c[scripts[j]]
			}
			return scripts[i].String() < scripts[j].String()
		})
		return scripts[0], c[scripts[0]]
	}
	lm := &lemmatizer{known: map[string]editScript{}, suffixes: map[string]editScript{}, maxSuf: lemmaMaxSuffix}
	for k, c := range known {
		lm.known[k], _ = best(c)
	}
	for k, c := range suf {
		if e, n := best(c); n >= lemmaMinCount {
			lm.suffixes[k] = e
		}
	}
	return lm
}

// lemma returns the lemma of form with Penn tag xpos.
func (lm *lemmatizer) lemma(form, xpos string) string {
	lower := strings.ToLower(form)
	if e, ok := lm.known[lower+"\t"+xpos]; ok {
		return e.apply(form)
	}
	switch xpos {
	case "NNP", "NNPS":
		if xpos == "NNPS" {
			break
		}
		return form
	case "CD", "SYM", "LS", "FW", "ADD", "NFP":
		return form
	}
	rs := []rune(lower)
	first := ""
	for n := min(lm.maxSuf, len(rs)-1); n >= 1; n-- {
		e, ok := lm.suffixes[xpos+"\t"+string(rs[len(rs)-n:])]
		if !ok {
			continue
		}
		cand := e.apply(form)
		if lm.words == nil {
			return cand
		}
		if first == "" {
			first = cand
		}
		if _, known := lm.words.lookup(strings.ToLower(cand)); known {
			return cand
		}
	}
	if first != "" {
		if lm.words != nil && strings.HasPrefix(xpos, "VB") {
			// "ruled", "ruling": English drops a final e before -ed and -ing
			if _, known := lm.words.lookup(strings.ToLower(first) + "e"); known {
				return first + "e"
			}
			// "travelled", "cancelling": British English doubles a final l
			if n := len(first); n > 2 && first[n-1] == first[n-2] && first[n-1] == 'l' {
				if _, known := lm.words.lookup(strings.ToLower(first[:n-1])); known {
					return first[:n-1]
				}
			}
		}
		return first
	}
	return lower
}
