package cookbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
)

// Markers around the generated part of docs/queries.md. Everything between
// them is Markdown(All()); the rest of the page is written by hand.
const (
	BeginMarker = "<!-- BEGIN COOKBOOK: generated from graph/cookbook/queries.cypher by `go test ./graph/cookbook -run TestGenerated -update`; edit that file, not this section -->"
	EndMarker   = "<!-- END COOKBOOK -->"
)

// FavoritesFolder is the Browser favourites folder the zip creates.
const FavoritesFolder = "newsgraph cookbook"

// Markdown renders the recipes for docs/queries.md: an index, then per
// recipe its question, description, `:param` commands and query.
func Markdown(recipes []Recipe) string {
	var b strings.Builder
	b.WriteString("| Question | Recipe | Parameters |\n|---|---|---|\n")
	for _, r := range recipes {
		names := make([]string, len(r.Params))
		for i, p := range r.Params {
			names[i] = "`$" + p.Name + "`"
		}
		fmt.Fprintf(&b, "| [%s](#%s) | `%s` | %s |\n", r.Title, r.ID, r.ID, strings.Join(names, ", "))
	}
	for _, r := range recipes {
		fmt.Fprintf(&b, "\n<a id=\"%s\"></a>\n\n### %s\n\n%s\n\n", r.ID, r.Title, r.Description)
		if len(r.Params) > 0 {
			b.WriteString("Parameters (edit the values, then run):\n\n```\n")
			for _, p := range r.Params {
				b.WriteString(p.Browser() + "\n")
			}
			b.WriteString("```\n\n")
		}
		fmt.Fprintf(&b, "```cypher\n%s\n```\n", r.Query)
	}
	return b.String()
}

// ReplaceSection returns doc with the text between BeginMarker and
// EndMarker replaced by section.
func ReplaceSection(doc, section string) (string, error) {
	begin := strings.Index(doc, BeginMarker)
	end := strings.Index(doc, EndMarker)
	if begin < 0 || end < begin {
		return "", fmt.Errorf("the cookbook markers are missing or out of order (want %q ... %q)", BeginMarker, EndMarker)
	}
	return doc[:begin+len(BeginMarker)] + "\n\n" + strings.TrimSpace(section) + "\n\n" + doc[end:], nil
}

// Section returns the text between the markers of doc, as ReplaceSection
// writes it.
func Section(doc string) (string, error) {
	begin := strings.Index(doc, BeginMarker)
	end := strings.Index(doc, EndMarker)
	if begin < 0 || end < begin {
		return "", fmt.Errorf("the cookbook markers are missing or out of order (want %q ... %q)", BeginMarker, EndMarker)
	}
	return strings.TrimSpace(doc[begin+len(BeginMarker) : end]), nil
}

// zipTime is the modification time of every zip entry, so that the same
// recipes always give the same bytes.
var zipTime = time.Date(2018, 4, 18, 0, 0, 0, 0, time.UTC)

// FavoriteFileNames are the paths of a recipe's favourites inside the zip:
// the query, and the `:param` commands (empty for a recipe without
// parameters). The Browser turns the directory into a favourites folder;
// it lists favourites by name, so the number only keeps the zip tidy.
func FavoriteFileNames(i int, r Recipe) (query, params string) {
	base := fmt.Sprintf("%s/%02d-%s", FavoritesFolder, i+1, r.ID)
	if len(r.Params) > 0 {
		params = base + ".parameters.cypher"
	}
	return base + ".cypher", params
}

// FavoritesZip packs every recipe's BrowserScript and ParamsScript into a
// zip that Neo4j Browser imports as favourites when it is dropped onto the
// Browser window. Entries are stored uncompressed with a fixed time, so the
// bytes depend only on the recipes.
func FavoritesZip(recipes []Recipe) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: zipTime})
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, body)
		return err
	}
	for i, r := range recipes {
		query, params := FavoriteFileNames(i, r)
		if err := add(query, r.BrowserScript()); err != nil {
			return nil, err
		}
		if params != "" {
			if err := add(params, r.ParamsScript()); err != nil {
				return nil, err
			}
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ReadFavoritesZip returns the files of a favourites zip by name.
func ReadFavoritesZip(data []byte) (map[string]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("reading favourites zip: %w", err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("reading %s in favourites zip: %w", f.Name, err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("reading %s in favourites zip: %w", f.Name, err)
		}
		out[f.Name] = string(body)
	}
	return out, nil
}
