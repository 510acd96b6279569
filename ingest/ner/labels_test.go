package ner

import (
	"reflect"
	"testing"
)

func TestSpans(t *testing.T) {
	tests := []struct {
		name   string
		labels [][]string
		want   []Span
	}{
		{"none", [][]string{{"O", "O"}}, nil},
		{"single tokens", [][]string{{"B-PER", "O", "B-LOC"}}, []Span{{0, 0, 1, "PER"}, {0, 2, 3, "LOC"}}},
		{"multi token at end", [][]string{{"O", "B-PER", "I-PER"}}, []Span{{0, 1, 3, "PER"}}},
		{"adjacent B", [][]string{{"B-LOC", "B-LOC", "I-LOC"}}, []Span{{0, 0, 1, "LOC"}, {0, 1, 3, "LOC"}}},
		{"stray I starts entity", [][]string{{"O", "I-ORG", "I-ORG"}}, []Span{{0, 1, 3, "ORG"}}},
		{"type switch inside", [][]string{{"B-ORG", "I-LOC"}}, []Span{{0, 0, 1, "ORG"}, {0, 1, 2, "LOC"}}},
		{"sentences", [][]string{{"B-PER"}, {}, {"O", "B-MISC"}}, []Span{{0, 0, 1, "PER"}, {2, 1, 2, "MISC"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Spans(tt.labels)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Spans(%v) = %v, want %v", tt.labels, got, tt.want)
			}
		})
	}
}

func TestAllowedTransition(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"O", "B-PER", true},
		{"O", "I-PER", false},
		{"B-PER", "I-PER", true},
		{"I-PER", "I-PER", true},
		{"B-ORG", "I-PER", false},
		{"I-LOC", "O", true},
		{"B-MISC", "I-MISC", true},
	}
	for _, tt := range tests {
		if got := allowedTransition(labelIndex(tt.a), labelIndex(tt.b)); got != tt.want {
			t.Errorf("allowedTransition(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	if allowedTransition(-1, lIPER) {
		t.Error("I-PER must not start a sentence")
	}
}
