package ner

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest/text"
)

func TestDebugTmp(t *testing.T) {
	f, _ := os.Open(os.Getenv("NERMODEL"))
	m, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	doc := [][]string{strings.Fields(os.Getenv("NERTEXT"))}
	if fn := os.Getenv("NERFILE"); fn != "" {
		data, _ := os.ReadFile(fn)
		s := string(data)
		doc = nil
		off := 0
		for _, para := range strings.Split(s, "\n") {
			if strings.TrimSpace(para) != "" {
				for _, se := range text.SplitSentences(s, off, off+len(para)) {
					doc = append(doc, se.Words())
				}
			}
			off += len(para) + 1
		}
	}
	d := prepareDoc(doc, m.gaz)
	p1 := decodeDoc(d, m.stages[0], false)
	d.setPredictions(p1)
	p2 := decodeDoc(d, m.stages[1], true)
	for si := range d.sents {
		for i, ti := range d.sents[si] {
			if w := os.Getenv("NERWORD"); w != "" && ti.norm != w {
				continue
			}
			var g []string
			for p := 0; p < 4; p++ {
				for c := 0; c < numGazCategories; c++ {
					if ti.gaz[p]&(1<<c) != 0 {
						g = append(g, fmt.Sprintf("%d:%c", c, "BIEU"[p]))
					}
				}
			}
			fmt.Printf("%-12s %-7s %-7s mode=%d %v agg=%b maj=%d ent=%d\n", ti.norm, labelNames[p1[si][i]], labelNames[p2[si][i]], d.modes[si], g, d.agg[si][i], d.maj[si][i], d.ent[si][i])
		}
	}
}
