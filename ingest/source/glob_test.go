package source

import "testing"

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern string
		path    string
		want    bool
	}{
		{"*.txt", "a.txt", true},
		{"*.txt", "2024/05/a.txt", true}, // no slash: base name at any depth
		{"*.txt", "a.html", false},
		{"*.txt", "dir.txt/a.html", false},
		{"2024/*.txt", "2024/a.txt", true},
		{"2024/*.txt", "2024/05/a.txt", false},
		{"2024/**", "2024/05/a.txt", true},
		{"2024/**", "2023/05/a.txt", false},
		{"**/drafts/**", "x/drafts/a.txt", true},
		{"**/drafts/**", "drafts/a.txt", true},
		{"**/*.html", "a.html", true},
		{"news-??.txt", "news-01.txt", true},
		{"news-??.txt", "news-001.txt", false},
		{"[ab]*.txt", "b1.txt", true},
		{"[!ab]*.txt", "b1.txt", false},
		{"[!ab]*.txt", "c1.txt", true},
		{"a+b.txt", "a+b.txt", true}, // regexp metacharacters are literal
		{"a+b.txt", "aab.txt", false},
		{"./sub/*.txt", "sub/x.txt", true},
	}
	for _, tt := range tests {
		g, err := CompileGlob(tt.pattern)
		if err != nil {
			t.Fatalf("CompileGlob(%q): %v", tt.pattern, err)
		}
		if got := g.Match(tt.path); got != tt.want {
			t.Errorf("%q matching %q = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

func TestCompileGlobErrors(t *testing.T) {
	for _, p := range []string{"", "[abc", "x[]"} {
		if _, err := CompileGlob(p); err == nil {
			t.Errorf("CompileGlob(%q) succeeded, want an error", p)
		}
	}
}
