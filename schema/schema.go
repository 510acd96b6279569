// Package schema holds the graph's constraints and indexes as numbered
// Cypher files, embedded in the binary. graph.Store applies the pending ones
// in order and records each as a (:SchemaMigration) node, so applying twice
// changes nothing.
package schema

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.cypher
var files embed.FS

// Migration is one numbered schema file.
type Migration struct {
	Version    int
	Name       string
	Checksum   string
	Statements []string
}

// Migrations returns the embedded migrations in version order.
func Migrations() ([]Migration, error) {
	return Load(files, "migrations")
}

// Load reads migrations named NNNN_name.cypher from dir in fsys.
func Load(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("schema: reading %s: %w", dir, err)
	}
	var out []Migration
	seen := map[int]string{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".cypher") {
			continue
		}
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".cypher"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("schema: %s: file name must be NNNN_name.cypher", e.Name())
		}
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("schema: %s and %s have the same version %d", prev, e.Name(), v)
		}
		seen[v] = e.Name()
		body, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("schema: reading %s: %w", e.Name(), err)
		}
		sum := sha256.Sum256(body)
		stmts := SplitStatements(string(body))
		if len(stmts) == 0 {
			return nil, fmt.Errorf("schema: %s has no statements", e.Name())
		}
		out = append(out, Migration{Version: v, Name: name, Checksum: hex.EncodeToString(sum[:8]), Statements: stmts})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// SplitStatements splits a Cypher file into statements at semicolons that
// end a line, dropping // comment lines. Schema files hold no string
// literals with semicolons, so this simple rule is enough.
func SplitStatements(body string) []string {
	var stmts []string
	var cur strings.Builder
	for _, line := range strings.Split(body, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "//") {
			continue
		}
		cur.WriteString(t)
		if strings.HasSuffix(t, ";") {
			stmts = append(stmts, strings.TrimSuffix(cur.String(), ";"))
			cur.Reset()
		} else {
			cur.WriteString(" ")
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		stmts = append(stmts, s)
	}
	return stmts
}
