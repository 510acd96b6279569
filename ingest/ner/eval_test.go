package ner

import (
	"bytes"
	"strings"
	"testing"
)

func TestScoreDocuments(t *testing.T) {
	gold := [][][]string{{
		{"B-PER", "I-PER", "O", "B-LOC", "O", "B-MISC"},
		{"B-ORG", "I-ORG", "I-ORG", "O"},
	}}
	tests := []struct {
		name              string
		pred              [][]string
		tp, fp, fn        int
		perTP, orgFP      int
		wantP, wantR, wF1 float64
	}{
		{
			name: "perfect (MISC ignored)",
			pred: [][]string{{"B-PER", "I-PER", "O", "B-LOC", "O", "O"}, {"B-ORG", "I-ORG", "I-ORG", "O"}},
			tp:   3, perTP: 1, wantP: 1, wantR: 1, wF1: 1,
		},
		{
			name: "partial span is both FP and FN",
			pred: [][]string{{"B-PER", "O", "O", "B-LOC", "O", "B-MISC"}, {"B-ORG", "I-ORG", "O", "O"}},
			tp:   1, fp: 2, fn: 2, orgFP: 1, wantP: 1.0 / 3, wantR: 1.0 / 3, wF1: 1.0 / 3,
		},
		{
			name: "wrong type",
			pred: [][]string{{"B-ORG", "I-ORG", "O", "B-LOC", "O", "B-PER"}, {"B-ORG", "I-ORG", "I-ORG", "O"}},
			tp:   2, fp: 2, fn: 1, orgFP: 1, wantP: 0.5, wantR: 2.0 / 3, wF1: 2 * 0.5 * (2.0 / 3) / (0.5 + 2.0/3),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ScoreDocuments(gold, [][][]string{tt.pred})
			o := s.Overall
			if o.TP != tt.tp || o.FP != tt.fp || o.FN != tt.fn {
				t.Errorf("overall TP/FP/FN = %d/%d/%d, want %d/%d/%d", o.TP, o.FP, o.FN, tt.tp, tt.fp, tt.fn)
			}
			if s.PerType[0].TP != tt.perTP && tt.perTP != 0 {
				t.Errorf("PER TP = %d, want %d", s.PerType[0].TP, tt.perTP)
			}
			if s.PerType[1].FP != tt.orgFP {
				t.Errorf("ORG FP = %d, want %d", s.PerType[1].FP, tt.orgFP)
			}
			if !near(o.Precision, tt.wantP) || !near(o.Recall, tt.wantR) || !near(o.F1, tt.wF1) {
				t.Errorf("P/R/F1 = %.4f/%.4f/%.4f, want %.4f/%.4f/%.4f", o.Precision, o.Recall, o.F1, tt.wantP, tt.wantR, tt.wF1)
			}
		})
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestScoresWriteLastLine(t *testing.T) {
	s := ScoreDocuments([][][]string{{{"B-PER", "O"}}}, [][][]string{{{"B-PER", "B-LOC"}}})
	var buf bytes.Buffer
	if err := s.Write(&buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	if got := lines[len(lines)-1]; got != "F1 0.6667" {
		t.Errorf("last line = %q, want %q\n%s", got, "F1 0.6667", buf.String())
	}
	for _, typ := range []string{"PER", "ORG", "LOC", "overall"} {
		if !strings.Contains(buf.String(), typ) {
			t.Errorf("table lacks %s row:\n%s", typ, buf.String())
		}
	}
}
