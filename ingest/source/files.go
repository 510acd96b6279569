// Package source holds the places articles come from: files and
// directories (plain text, HTML pages, JSON Lines) and RSS/Atom feeds whose
// items link to pages. Each implements ingest.Source.
package source

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/ingest"
)

// Formats of article files, chosen by extension.
var (
	textExtensions  = []string{".txt", ".text"}
	htmlExtensions  = []string{".html", ".htm", ".xhtml"}
	jsonlExtensions = []string{".jsonl", ".ndjson"}
)

// DefaultExtensions are the files a directory walk picks up when neither
// Extensions nor Include is set: every format newsgraph reads.
var DefaultExtensions = concat(textExtensions, htmlExtensions, jsonlExtensions)

// Files yields the articles in a list of files and directories.
// Directories are walked recursively; a file named explicitly is read
// whatever its extension. A file's format follows its extension: .html,
// .htm and .xhtml are web pages whose main text is extracted, .jsonl and
// .ndjson hold one article per line (see JSONLines), anything else is plain
// text. The identity of a file's article is its absolute path.
type Files struct {
	Paths []string
	// Extensions are the files a directory walk picks up; default
	// DefaultExtensions. Ignored when Include is set.
	Extensions []string
	// Include, when set, picks the files of a walk by glob instead (see
	// Glob); Exclude drops files and prunes directories.
	Include, Exclude []string
	// MaxBytes stops reading a file early once it is over the limit, so a
	// huge file costs no more memory than the limit.
	MaxBytes int
	// Shard, when set, yields only this worker's share of the articles.
	Shard Shard
}

// Articles implements ingest.Source.
func (f Files) Articles(ctx context.Context, yield func(ingest.Article) error) error {
	return f.walk(ctx, func(e fileEntry) error {
		if e.err != nil {
			return f.yieldShare(yield, ingest.Article{Source: e.path, Err: e.err})
		}
		return f.yieldFile(ctx, e.path, yield)
	})
}

// Count returns how many articles Articles will yield (failures
// included), without reading them: one per file, one per non-blank line
// of a JSON Lines file. Progress bars show it as their total.
func (f Files) Count(ctx context.Context) (int, error) {
	n := 0
	err := f.walk(ctx, func(e fileEntry) error {
		if e.err == nil && hasExt(e.path, jsonlExtensions) {
			lines, err := JSONLines{Path: e.path, Shard: f.Shard}.Count(ctx)
			n += lines
			return err
		}
		if f.Shard.Contains(e.path) {
			n++
		}
		return nil
	})
	return n, err
}

// fileEntry is a file of the walk, or a path that could not be read.
type fileEntry struct {
	path string
	err  error
}

// walk visits the files of Paths in order: each file named explicitly,
// and the files of each directory (recursively, sorted) that the
// extensions or globs pick.
func (f Files) walk(ctx context.Context, visit func(fileEntry) error) error {
	exts := f.Extensions
	if len(exts) == 0 {
		exts = DefaultExtensions
	}
	include, err := globs(f.Include)
	if err != nil {
		return err
	}
	exclude, err := globs(f.Exclude)
	if err != nil {
		return err
	}
	for _, p := range f.Paths {
		abs := absPath(p)
		info, err := os.Stat(abs)
		if err != nil {
			if err := visit(fileEntry{path: abs, err: fmt.Errorf("%w: %v", ingest.ErrUnread, unwrapPathError(err))}); err != nil {
				return err
			}
			continue
		}
		if !info.IsDir() {
			if err := visit(fileEntry{path: abs}); err != nil {
				return err
			}
			continue
		}
		var files []fileEntry
		walkErr := filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err != nil {
				// An unreadable sub-directory is a failure of its own; the
				// walk goes on with the rest.
				files = append(files, fileEntry{path: path, err: fmt.Errorf("%w: %s", ingest.ErrUnread, unwrapPathError(err))})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			rel, _ := filepath.Rel(abs, path)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if path != abs && (strings.HasPrefix(d.Name(), ".") || matchAny(exclude, rel)) {
					return fs.SkipDir
				}
				return nil
			}
			if matchAny(exclude, rel) {
				return nil
			}
			if len(include) > 0 && matchAny(include, rel) || len(include) == 0 && hasExt(path, exts) {
				files = append(files, fileEntry{path: path})
			}
			return nil
		})
		if walkErr != nil {
			return walkErr
		}
		sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
		for _, e := range files {
			if err := visit(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// yieldFile yields the article (or, for JSON Lines, the articles) of one
// file, if they are this worker's share.
func (f Files) yieldFile(ctx context.Context, path string, yield func(ingest.Article) error) error {
	if hasExt(path, jsonlExtensions) {
		return JSONLines{Path: path, MaxBytes: f.MaxBytes, Shard: f.Shard}.Articles(ctx, yield)
	}
	if !f.Shard.Contains(path) {
		return nil
	}
	return yield(f.read(path))
}

func (f Files) yieldShare(yield func(ingest.Article) error, a ingest.Article) error {
	if !f.Shard.Contains(a.Source) {
		return nil
	}
	return yield(a)
}

func (f Files) read(path string) ingest.Article {
	a := ingest.Article{Source: path}
	fh, err := os.Open(path)
	if err != nil {
		a.Err = fmt.Errorf("%w: %v", ingest.ErrUnread, unwrapPathError(err))
		return a
	}
	defer fh.Close()
	limit := f.MaxBytes
	if limit <= 0 {
		limit = ingest.DefaultMaxArticleBytes
	}
	isHTML := hasExt(path, htmlExtensions)
	if isHTML {
		// A page carries markup besides its text.
		limit = 4 * limit
	}
	// Read one byte past the limit: enough to know the file is too large.
	a.Text, err = io.ReadAll(io.LimitReader(fh, int64(limit)+1))
	if err != nil {
		a.Err = fmt.Errorf("%w: %v", ingest.ErrUnread, unwrapPathError(err))
		return a
	}
	if len(a.Text) > limit {
		size := int64(len(a.Text))
		if st, err := fh.Stat(); err == nil {
			size = st.Size()
		}
		a.Text = nil
		a.Err = fmt.Errorf("%w (%d bytes, limit %d)", ingest.ErrTooLarge, size, limit)
		return a
	}
	if isHTML {
		page, err := ExtractHTML(a.Text, "", &url.URL{Scheme: "file", Path: filepath.ToSlash(path)})
		if err != nil {
			a.Text, a.Err = nil, err
			return a
		}
		a.Text, a.Published = []byte(page.Text), page.Published
	}
	return a
}

func hasExt(path string, exts []string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range exts {
		if ext == strings.ToLower(e) {
			return true
		}
	}
	return false
}

func absPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}

func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// unwrapPathError drops the path from an *fs.PathError: the failure already
// names the article.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
