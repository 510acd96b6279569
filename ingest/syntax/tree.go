package syntax

import "strings"

// Tree gives the extraction stages a parsed sentence's structure: the
// dependents of a word, the span of its subtree, its conjuncts.
type Tree struct {
	Words []Word
	kids  [][]int
}

// NewTree indexes the dependents of every word; words may be nil.
func NewTree(words []Word) *Tree {
	t := &Tree{Words: words, kids: make([][]int, len(words))}
	for i, w := range words {
		if w.Head >= 0 && w.Head < len(words) {
			t.kids[w.Head] = append(t.kids[w.Head], i)
		}
	}
	return t
}

// Len is the number of words.
func (t *Tree) Len() int { return len(t.Words) }

// Root returns the root word, -1 for an empty sentence.
func (t *Tree) Root() int {
	for i, w := range t.Words {
		if w.Head < 0 {
			return i
		}
	}
	return -1
}

// Head returns the head of word i, -1 for the root (or i out of range).
func (t *Tree) Head(i int) int {
	if i < 0 || i >= len(t.Words) {
		return -1
	}
	return t.Words[i].Head
}

// Children returns the dependents of word i in sentence order.
func (t *Tree) Children(i int) []int {
	if i < 0 || i >= len(t.kids) {
		return nil
	}
	return t.kids[i]
}

// Is reports whether rel is want or one of its subtypes: Is("nsubj:pass",
// "nsubj") is true; Is("nsubj", "nsubj:pass") is false.
func Is(rel, want string) bool {
	return rel == want || len(rel) > len(want) && rel[len(want)] == ':' && strings.HasPrefix(rel, want)
}

// RelIs reports whether word i's relation is one of rels (or a subtype).
func (t *Tree) RelIs(i int, rels ...string) bool {
	if i < 0 || i >= len(t.Words) {
		return false
	}
	for _, r := range rels {
		if Is(t.Words[i].Rel, r) {
			return true
		}
	}
	return false
}

// Dependents returns the dependents of word i whose relation is one of
// rels (or a subtype), in sentence order.
func (t *Tree) Dependents(i int, rels ...string) []int {
	var out []int
	for _, k := range t.Children(i) {
		if t.RelIs(k, rels...) {
			out = append(out, k)
		}
	}
	return out
}

// Dependent returns the first dependent of word i with one of rels, or -1.
func (t *Tree) Dependent(i int, rels ...string) int {
	for _, k := range t.Children(i) {
		if t.RelIs(k, rels...) {
			return k
		}
	}
	return -1
}

// HasLemmaDependent reports whether word i has a dependent with relation
// rel whose lemma is one of lemmas ("not" as advmod, "will" as aux).
func (t *Tree) HasLemmaDependent(i int, rel string, lemmas ...string) bool {
	for _, k := range t.Dependents(i, rel) {
		l := strings.ToLower(t.Words[k].Lemma)
		for _, want := range lemmas {
			if l == want {
				return true
			}
		}
	}
	return false
}

// Span returns the words of word i's subtree as [lo, hi), hi exclusive;
// the subtree of a projective parse is contiguous.
func (t *Tree) Span(i int) (lo, hi int) {
	lo, hi = i, i+1
	var walk func(k int)
	walk = func(k int) {
		for _, c := range t.Children(k) {
			if c < lo {
				lo = c
			}
			if c+1 > hi {
				hi = c + 1
			}
			walk(c)
		}
	}
	walk(i)
	return lo, hi
}

// Conjuncts returns word i followed by the words coordinated with it
// ("Blair met Berlusconi and Schroeder": Berlusconi, Schroeder).
func (t *Tree) Conjuncts(i int) []int {
	out := []int{i}
	for k := 0; k < len(out); k++ {
		out = append(out, t.Dependents(out[k], "conj")...)
	}
	return out
}

// Dominates reports whether word a is an ancestor of word b (or b itself).
func (t *Tree) Dominates(a, b int) bool {
	for steps := 0; b >= 0 && steps <= len(t.Words); steps++ {
		if b == a {
			return true
		}
		b = t.Head(b)
	}
	return false
}

// Path returns the words from i up to the root, i first.
func (t *Tree) Path(i int) []int {
	var out []int
	for steps := 0; i >= 0 && steps <= len(t.Words); steps++ {
		out = append(out, i)
		i = t.Head(i)
	}
	return out
}
