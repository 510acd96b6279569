package source

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// Glob is a compiled include or exclude pattern of a directory source.
//
// Patterns use forward slashes and are matched against the file's path
// relative to the directory: `*` matches within one path element, `?` one
// character, `[abc]` a class, and `**` any number of whole elements
// (`**/*.html`, `2024/**`). A pattern without a slash matches the file's
// base name at any depth, as in .gitignore: `*.txt` is `**/*.txt`.
type Glob struct {
	pattern string
	re      *regexp.Regexp
}

// CompileGlob compiles a pattern; it fails on malformed classes.
func CompileGlob(pattern string) (Glob, error) {
	p := strings.TrimPrefix(strings.TrimSpace(pattern), "./")
	if p == "" {
		return Glob{}, fmt.Errorf("empty glob pattern")
	}
	if !strings.Contains(p, "/") {
		p = "**/" + p
	}
	p = strings.TrimPrefix(p, "/")
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch c {
		case '*':
			if i+1 < len(p) && p[i+1] == '*' {
				// `**/` matches zero or more whole elements; a trailing or
				// inner `**` matches anything, slashes included.
				if i+2 < len(p) && p[i+2] == '/' {
					b.WriteString("(?:.*/)?")
					i += 2
				} else {
					b.WriteString(".*")
					i++
				}
				continue
			}
			b.WriteString("[^/]*")
		case '?':
			b.WriteString("[^/]")
		case '[':
			end := strings.IndexByte(p[i+1:], ']')
			if end < 0 {
				return Glob{}, fmt.Errorf("glob %q: unterminated [", pattern)
			}
			class := p[i+1 : i+1+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			if class == "" || class == "^" {
				return Glob{}, fmt.Errorf("glob %q: empty character class", pattern)
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += end + 1
		case '\\':
			if i+1 < len(p) {
				i++
				b.WriteString(regexp.QuoteMeta(string(p[i])))
			}
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return Glob{}, fmt.Errorf("glob %q: %w", pattern, err)
	}
	return Glob{pattern: pattern, re: re}, nil
}

// Match reports whether the slash-separated relative path matches.
func (g Glob) Match(rel string) bool {
	return g.re != nil && g.re.MatchString(path.Clean(strings.TrimPrefix(rel, "/")))
}

// String returns the pattern as written.
func (g Glob) String() string { return g.pattern }

// globs compiles a list of patterns.
func globs(patterns []string) ([]Glob, error) {
	out := make([]Glob, 0, len(patterns))
	for _, p := range patterns {
		g, err := CompileGlob(p)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

func matchAny(gs []Glob, rel string) bool {
	for _, g := range gs {
		if g.Match(rel) {
			return true
		}
	}
	return false
}
