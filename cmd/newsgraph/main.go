// Command newsgraph turns news articles into a knowledge graph in Neo4j.
package main

import (
	"os"

	"github.com/newsgraph/newsgraph/cmd/root"
)

func main() {
	os.Exit(root.Main(os.Args[1:]))
}
