package ner_test

import (
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/ingest/ner"
)

func ExampleModel_TagDocument() {
	m, err := ner.Default()
	if err != nil {
		panic(err)
	}
	doc := [][]string{strings.Fields("Mike Pompeo met Kim Jong Un in Pyongyang .")}
	labels := m.TagDocument(doc)
	fmt.Println(strings.Join(labels[0], " "))
	for _, sp := range ner.Spans(labels) {
		fmt.Println(sp.Type, strings.Join(doc[sp.Sentence][sp.Start:sp.End], " "))
	}
	// Output:
	// B-PER I-PER O B-PER I-PER I-PER O B-LOC O
	// PER Mike Pompeo
	// PER Kim Jong Un
	// LOC Pyongyang
}
