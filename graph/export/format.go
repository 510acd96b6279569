package export

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Format is an export file format.
type Format string

// The export formats.
const (
	FormatGraphML Format = "graphml" // Gephi, Cytoscape, igraph, networkx.read_graphml
	FormatJSON    Format = "json"    // node-link JSON: networkx.node_link_graph, D3
	FormatCSV     Format = "csv"     // neo4j-admin database import full (a directory)
	FormatCypher  Format = "cypher"  // cypher-shell -f, Neo4j Browser
)

// Formats lists the formats in the order the help shows them.
var Formats = []Format{FormatGraphML, FormatJSON, FormatCSV, FormatCypher}

// ParseFormat reads a format name.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if strings.EqualFold(s, string(f)) {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q (known: %s)", s, strings.Join(names, ", "))
}

// FormatForPath guesses the format from an output file's extension.
func FormatForPath(path string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".graphml":
		return FormatGraphML, true
	case ".json":
		return FormatJSON, true
	case ".cypher", ".cql", ".cyp":
		return FormatCypher, true
	}
	return "", false
}

// IsDirectory reports whether the format writes a directory of files.
func (f Format) IsDirectory() bool { return f == FormatCSV }

// SchemaStatements are newsgraph's constraint and index statements, which
// a Cypher export creates before its data. Those of the bookkeeping labels
// (graph.InternalLabels), which an export never holds, are left out.
func SchemaStatements() ([]string, error) {
	migrations, err := schema.Migrations()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range migrations {
	statements:
		for _, s := range m.Statements {
			for _, label := range graph.InternalLabels {
				if strings.Contains(s, ":"+label+")") {
					continue statements
				}
			}
			out = append(out, s)
		}
	}
	return out, nil
}
