// Command gengeo derives the places package's embedded table from a GeoNames
// directory (cities15000.txt and regionInfo.tsv). GeoNames data is licensed
// CC BY 4.0 (https://www.geonames.org/); the table credits it in its header.
//
//	go generate ./ingest/extract/places
//	go run ./ingest/extract/places/internal/gengeo -geonames ../shared/data/geonames -out ingest/extract/places/geonames.tsv.gz
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/ingest/extract/places"
)

func main() {
	dir := flag.String("geonames", "", "directory with cities15000.txt and regionInfo.tsv")
	out := flag.String("out", "geonames.tsv.gz", "gzip-compressed table to write")
	minPop := flag.Int64("min-population", places.TableMinPopulation, "smallest city to keep (capitals are always kept)")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "gengeo: -geonames DIR is required")
		os.Exit(2)
	}
	var buf bytes.Buffer
	// A fixed header (no name, no time) keeps the output byte-identical
	// across runs, so regenerating without changes leaves git clean.
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err == nil {
		err = places.DeriveTable(zw, *dir, *minPop)
	}
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = os.WriteFile(*out, buf.Bytes(), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gengeo:", err)
		os.Exit(1)
	}
}
