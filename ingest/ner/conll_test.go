package ner

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestIOB1ToBIO(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"empty", nil, []string{}},
		{"single", []string{"I-PER"}, []string{"B-PER"}},
		{"continuation", []string{"I-PER", "I-PER", "O"}, []string{"B-PER", "I-PER", "O"}},
		{"adjacent same type", []string{"I-LOC", "B-LOC", "I-LOC"}, []string{"B-LOC", "B-LOC", "I-LOC"}},
		{"type change", []string{"I-ORG", "I-LOC"}, []string{"B-ORG", "B-LOC"}},
		{"after O", []string{"O", "I-MISC", "I-MISC"}, []string{"O", "B-MISC", "I-MISC"}},
		{"already BIO", []string{"B-PER", "I-PER", "B-ORG"}, []string{"B-PER", "I-PER", "B-ORG"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := IOB1ToBIO(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("IOB1ToBIO(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestReadCoNLL(t *testing.T) {
	const input = `-DOCSTART- -X- O O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
German JJ I-NP I-MISC
call NN I-NP O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- O O

Paris NNP I-NP I-LOC
Lyon NNP I-NP B-LOC
`
	docs, err := ReadCoNLL(strings.NewReader(input), "x.conll")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2", len(docs))
	}
	want0 := []Sentence{
		{Tokens: []string{"EU", "rejects", "German", "call"}, Labels: []string{"B-ORG", "O", "B-MISC", "O"}},
		{Tokens: []string{"Peter", "Blackburn"}, Labels: []string{"B-PER", "I-PER"}},
	}
	if !reflect.DeepEqual(docs[0].Sentences, want0) {
		t.Errorf("doc 0 = %+v, want %+v", docs[0].Sentences, want0)
	}
	want1 := []Sentence{{Tokens: []string{"Paris", "Lyon"}, Labels: []string{"B-LOC", "B-LOC"}}}
	if !reflect.DeepEqual(docs[1].Sentences, want1) {
		t.Errorf("doc 1 = %+v, want %+v", docs[1].Sentences, want1)
	}
}

func TestReadCoNLLMalformed(t *testing.T) {
	tests := []struct {
		name, input, wantPos string
	}{
		{"one column", "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects\n", "bad.conll:4"},
		{"bad tag", "EU NNP I-NP I-ORG\nrejects VBZ I-VP X-FOO\n", "bad.conll:2"},
		{"unknown type", "EU NNP I-NP I-GPE\n", "bad.conll:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCoNLL(strings.NewReader(tt.input), "bad.conll")
			if !errors.Is(err, ErrMalformedCoNLL) {
				t.Fatalf("err = %v, want ErrMalformedCoNLL", err)
			}
			if !strings.Contains(err.Error(), tt.wantPos+":") {
				t.Errorf("error %q does not name %s", err, tt.wantPos)
			}
		})
	}
}

func TestReadCoNLLFileMissing(t *testing.T) {
	if _, err := ReadCoNLLFile("/nonexistent/eng.train"); err == nil {
		t.Fatal("want error for missing file")
	}
}
