// Package source holds the places articles come from: files and
// directories, and later feeds. Each implements ingest.Source.
package source

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/ingest"
)

// Files yields the articles in a list of files and directories.
// Directories are walked recursively for files with one of Extensions.
// A file named explicitly is read whatever its extension.
type Files struct {
	Paths      []string
	Extensions []string // default: .txt
	// MaxBytes stops reading a file early once it is over the limit, so a
	// huge file costs no more memory than the limit.
	MaxBytes int
}

// Articles implements ingest.Source.
func (f Files) Articles(ctx context.Context, yield func(ingest.Article) error) error {
	exts := f.Extensions
	if len(exts) == 0 {
		exts = []string{".txt"}
	}
	for _, p := range f.Paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		info, err := os.Stat(abs)
		if err != nil {
			if err := yield(ingest.Article{Source: abs, Err: fmt.Errorf("%w: %v", ingest.ErrUnread, unwrapPathError(err))}); err != nil {
				return err
			}
			continue
		}
		if !info.IsDir() {
			if err := yield(f.read(abs)); err != nil {
				return err
			}
			continue
		}
		var files []string
		walkErr := filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				// An unreadable sub-directory is a failure of its own; the
				// walk goes on with the rest.
				files = append(files, "!"+path+"\x00"+unwrapPathError(err).Error())
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != abs && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if hasExt(path, exts) {
				files = append(files, path)
			}
			return nil
		})
		if walkErr != nil {
			return walkErr
		}
		sort.Strings(files)
		for _, file := range files {
			var a ingest.Article
			if strings.HasPrefix(file, "!") {
				path, reason, _ := strings.Cut(file[1:], "\x00")
				a = ingest.Article{Source: path, Err: fmt.Errorf("%w: %s", ingest.ErrUnread, reason)}
			} else {
				a = f.read(file)
			}
			if err := yield(a); err != nil {
				return err
			}
		}
	}
	return nil
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

// unwrapPathError drops the path from an *fs.PathError: the failure already
// names the article.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
