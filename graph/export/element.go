package export

import (
	"sort"
	"strings"
)

// Node is one exported node.
type Node struct {
	// ID identifies the node in the export: its `id` property (every
	// newsgraph node has one), or "element:<elementId>" for a node without
	// a string id, which a --cypher query may return.
	ID string
	// Labels in alphabetical order.
	Labels []string
	// Props are the node's properties as the Neo4j driver returns them.
	Props map[string]any
}

// Relationship is one exported relationship.
type Relationship struct {
	// Key identifies the relationship within the export ("e0", "e1", ...,
	// in the order written); GraphML edge ids and node-link keys use it.
	Key  string
	Type string
	// StartID and EndID are the Node.ID of the endpoints.
	StartID, EndID string
	// StartLabels and EndLabels are the endpoints' labels, which the
	// Cypher script needs to find them by their constrained key.
	StartLabels, EndLabels []string
	Props                  map[string]any
}

// Writer receives a subgraph: every node first, then every relationship
// (whose endpoints are among the nodes). Close finishes the output; after
// an error the output is incomplete and the caller discards it.
type Writer interface {
	WriteNode(Node) error
	WriteRelationship(Relationship) error
	Close() error
}

// Discarder is implemented by the writers that stage data in temporary
// files (GraphML, CSV): after a failed export, Discard removes them, and
// the CSV directory if the writer created it and it is still empty.
type Discarder interface {
	Discard() error
}

// Discard abandons a writer's output after a failed export.
func Discard(w Writer) error {
	if d, ok := w.(Discarder); ok {
		return d.Discard()
	}
	return nil
}

// NodeID is the export id of a node with the given properties and Neo4j
// element id.
func NodeID(props map[string]any, elementID string) string {
	if id, ok := props["id"].(string); ok && id != "" {
		return id
	}
	return "element:" + elementID
}

// sortLabels returns the labels in alphabetical order (Neo4j returns them
// in the order the labels were created in the database).
func sortLabels(labels []string) []string {
	out := append([]string(nil), labels...)
	sort.Strings(out)
	return out
}

// captionLength bounds the captions made from long texts (quotes).
const captionLength = 80

// Caption is a short human-readable name for a node, which graph tools
// show on the node: the name of an actor or place, the title of an
// article, the kind, status and participants of a meeting, the start of a
// quote.
func Caption(n Node) string {
	str := func(key string) string {
		s, _ := n.Props[key].(string)
		return strings.TrimSpace(s)
	}
	if s := str("name"); s != "" {
		return s
	}
	if s := str("title"); s != "" {
		return s
	}
	if hasLabel(n.Labels, "Meeting") {
		caption := str("kind")
		if caption == "" {
			caption = "meeting"
		}
		if st := str("status"); st != "" {
			caption += " (" + st + ")"
		}
		var names []string
		for _, p := range listValues(n.Props["participants"]) {
			if s, ok := p.(string); ok {
				names = append(names, s)
			}
		}
		if len(names) > 0 {
			caption += ": " + strings.Join(names, ", ")
		}
		return caption
	}
	if s := str("text"); s != "" {
		return truncate(s, captionLength)
	}
	if n.ID != "" {
		return n.ID
	}
	if len(n.Labels) > 0 {
		return n.Labels[0]
	}
	return ""
}

func truncate(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return strings.TrimSpace(string(r[:max-1])) + "…"
}

func hasLabel(labels []string, label string) bool {
	for _, l := range labels {
		if l == label {
			return true
		}
	}
	return false
}

// attrName is the attribute name a property gets in a format that reserves
// some names for itself (the node-link "id", GraphML's "labels", ...): a
// property with a reserved name is written as "prop_<name>".
func attrName(prop string, reserved map[string]bool) string {
	for reserved[prop] {
		prop = "prop_" + prop
	}
	return prop
}
