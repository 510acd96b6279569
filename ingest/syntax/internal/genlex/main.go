// Command genlex builds the syntax models' word lexicon,
// ingest/syntax/lexicon/words.tsv.gz, from the English lexeme tables of
// spaCy's spacy-lookups-data package (MIT licence): each word's Brown
// cluster and its log probability in spaCy's web-text corpus.
//
//	pip download --no-deps spacy-lookups-data==1.0.5 -d /tmp/sld
//	go run ./ingest/syntax/internal/genlex -wheel /tmp/sld/spacy_lookups_data-1.0.5-py2.py3-none-any.whl \
//	    -o ingest/syntax/lexicon/words.tsv.gz
//
// The output is the most probable -n forms, sorted by probability then
// form, gzipped without a timestamp, so the same wheel gives the same bytes.
package main

import (
	"archive/zip"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

func main() {
	wheel := flag.String("wheel", "", "spacy_lookups_data wheel (.whl)")
	out := flag.String("o", "ingest/syntax/lexicon/words.tsv.gz", "output file")
	n := flag.Int("n", 300000, "number of most probable forms to keep")
	flag.Parse()
	if err := run(*wheel, *out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "genlex:", err)
		os.Exit(1)
	}
}

func run(wheel, out string, n int) error {
	if wheel == "" {
		return fmt.Errorf("-wheel is required")
	}
	zr, err := zip.OpenReader(wheel)
	if err != nil {
		return err
	}
	defer zr.Close()
	var clusters map[string]uint64
	var probs map[string]float64
	if err := readJSON(&zr.Reader, "spacy_lookups_data/data/en_lexeme_cluster.json.gz", &clusters); err != nil {
		return err
	}
	if err := readJSON(&zr.Reader, "spacy_lookups_data/data/en_lexeme_prob.json.gz", &probs); err != nil {
		return err
	}
	forms := make([]string, 0, len(probs))
	for f := range probs {
		if f == "" || strings.ContainsAny(f, "\t\n\r") {
			continue
		}
		forms = append(forms, f)
	}
	sort.Slice(forms, func(i, j int) bool {
		if probs[forms[i]] != probs[forms[j]] {
			return probs[forms[i]] > probs[forms[j]]
		}
		return forms[i] < forms[j]
	})
	if len(forms) > n {
		forms = forms[:n]
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	fmt.Fprintf(gz, "# form\tBrown cluster path (first bit lowest)\tnatural log probability; from spacy-lookups-data (MIT), see docs/licences.md\n")
	for _, form := range forms {
		fmt.Fprintf(gz, "%s\t%d\t%.2f\n", form, clusters[form], probs[form])
	}
	if err := gz.Close(); err != nil {
		return err
	}
	return f.Close()
}

func readJSON(z *zip.Reader, name string, v any) error {
	f, err := z.Open(name)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	b, err := io.ReadAll(gz)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return json.Unmarshal(b, v)
}
