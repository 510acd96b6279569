package export_test

import (
	"os"

	"github.com/newsgraph/newsgraph/graph/export"
)

// A writer takes the nodes first, then the relationships; export.Run feeds
// it from Neo4j, but any source will do.
func ExampleNewNodeLink() {
	w := export.NewNodeLink(os.Stdout)
	w.WriteNode(export.Node{ID: "person:kim-jong-un", Labels: []string{"Actor", "Person"},
		Props: map[string]any{"id": "person:kim-jong-un", "name": "Kim Jong Un"}})
	w.WriteNode(export.Node{ID: "country:KP", Labels: []string{"Actor", "Country", "Location"},
		Props: map[string]any{"id": "country:KP", "name": "North Korea", "latitude": 40.0, "longitude": 127.0}})
	w.WriteRelationship(export.Relationship{Key: "e0", Type: "MET", StartID: "country:KP", EndID: "person:kim-jong-un",
		Props: map[string]any{"meetingId": "meeting:1", "status": "held"}})
	w.Close()
	// Output:
	// {"directed": true, "multigraph": true, "graph": {}, "nodes": [
	// {"id": "person:kim-jong-un", "labels": ["Actor","Person"], "label": "Kim Jong Un", "name": "Kim Jong Un"},
	// {"id": "country:KP", "labels": ["Actor","Country","Location"], "label": "North Korea", "latitude": 40.0, "longitude": 127.0, "name": "North Korea"}
	// ], "links": [
	// {"source": "country:KP", "target": "person:kim-jong-un", "key": "e0", "type": "MET", "meetingId": "meeting:1", "status": "held"}
	// ]}
}

func ExampleMergeLabel() {
	// A country is MERGEd on :Country, as newsgraph writes it.
	println := func(s string) { os.Stdout.WriteString(s + "\n") }
	println(export.MergeLabel([]string{"Actor", "Country", "Location"}))
	println(export.MergeLabel([]string{"Actor", "Person"}))
	// Output:
	// Country
	// Actor
}
