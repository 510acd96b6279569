package ner

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

const sharedData = "../../../shared/data"

func mustDefault(t testing.TB) *Model {
	t.Helper()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func spansText(sent []string, spans []Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, s.Type+":"+strings.Join(sent[s.Start:s.End], " "))
	}
	return out
}

func TestDefaultSmoke(t *testing.T) {
	m := mustDefault(t)
	if m2, _ := Default(); m2 != m {
		t.Error("Default must return the same model")
	}
	tests := []struct {
		sent []string
		want []string
	}{
		{strings.Fields("Mike Pompeo met Kim Jong Un in Pyongyang ."), []string{"PER:Mike Pompeo", "PER:Kim Jong Un", "LOC:Pyongyang"}},
		{strings.Fields("Angela Merkel visited Paris on Tuesday ."), []string{"PER:Angela Merkel", "LOC:Paris"}},
	}
	for _, tt := range tests {
		labels := m.TagDocument([][]string{tt.sent})
		got := spansText(tt.sent, Spans(labels))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%v: got %v (labels %v), want %v", tt.sent, got, labels[0], tt.want)
		}
	}
}

func TestCurlyQuotesNormalised(t *testing.T) {
	m := mustDefault(t)
	straight := [][]string{strings.Fields(`" We will win , " said Mike Pompeo 's spokesman .`)}
	curly := [][]string{strings.Fields(`“ We will win , ” said Mike Pompeo ’s spokesman .`)}
	a, b := m.TagDocument(straight), m.TagDocument(curly)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("curly quotes changed the labels:\n%v\n%v", a, b)
	}
}

func TestTagDocumentEmpty(t *testing.T) {
	m := mustDefault(t)
	got := m.TagDocument([][]string{{}, {"Hello"}})
	if len(got) != 2 || len(got[0]) != 0 || len(got[1]) != 1 {
		t.Errorf("got %v", got)
	}
	if got := m.TagDocument(nil); len(got) != 0 {
		t.Errorf("got %v for nil document", got)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	m := mustDefault(t)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	doc := [][]string{
		strings.Fields("Trump Confirms CIA Chief Mike Pompeo Had Secret Meeting With North Korean Leader Kim Jong Un"),
		strings.Fields("The U.S. secretary of state flew to Mar-a-Lago on Saturday , officials in Washington said ."),
	}
	if a, b := m.TagDocument(doc), m2.TagDocument(doc); !reflect.DeepEqual(a, b) {
		t.Errorf("round trip changed labels:\n%v\n%v", a, b)
	}
}

func TestLoadBad(t *testing.T) {
	tests := map[string][]byte{
		"empty":      nil,
		"not gzip":   []byte("hello world"),
		"bad header": gzipBytes(t, []byte("NOT-A-MODEL\n")),
		"truncated":  gzipBytes(t, []byte(modelMagic+"\x05")),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Load(bytes.NewReader(data)); !errors.Is(err, ErrBadModel) {
				t.Errorf("err = %v, want ErrBadModel", err)
			}
		})
	}
}

func TestConcurrentTagging(t *testing.T) {
	m := mustDefault(t)
	doc := [][]string{strings.Fields("Mike Pompeo met Kim Jong Un in Pyongyang .")}
	want := m.TagDocument(doc)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				if got := m.TagDocument(doc); !reflect.DeepEqual(got, want) {
					errs <- fmt.Sprint(got)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent TagDocument differs: %s", e)
	}
}

func TestEvaluateCoNLLSmall(t *testing.T) {
	m := mustDefault(t)
	path := t.TempDir() + "/tiny.conll"
	data := "-DOCSTART- -X- O O\n\nMike NNP I-NP I-PER\nPompeo NNP I-NP I-PER\nmet VBD I-VP O\nKim NNP I-NP I-PER\nJong NNP I-NP I-PER\nUn NNP I-NP I-PER\nin IN I-PP O\nPyongyang NNP I-NP I-LOC\n. . O O\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := EvaluateCoNLL(m, path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Overall.TP != 3 || s.Overall.FP != 0 || s.Overall.FN != 0 {
		t.Errorf("scores %+v", s.Overall)
	}
	if _, err := EvaluateCoNLL(m, t.TempDir()+"/missing"); err == nil {
		t.Error("want error for a missing file")
	}
}

// TestDevF1 checks the embedded model on CoNLL-2003 eng.testa (the dev
// set used for all tuning).
func TestDevF1(t *testing.T) {
	path := sharedData + "/conll2003/eng.testa"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	m := mustDefault(t)
	start := time.Now()
	s, err := EvaluateCoNLL(m, path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	s.Write(&buf)
	t.Logf("eng.testa in %v:\n%s", time.Since(start), buf.String())
	if s.Overall.F1 < 0.93 {
		t.Errorf("dev F1 = %.4f, want >= 0.93", s.Overall.F1)
	}
}

func BenchmarkTagTestB(b *testing.B) {
	path := sharedData + "/conll2003/eng.testb"
	docs, err := ReadCoNLLFile(path)
	if err != nil {
		b.Skipf("shared data not available: %v", err)
	}
	m := mustDefault(b)
	toks := 0
	for _, d := range docs {
		for _, s := range d.Sentences {
			toks += len(s.Tokens)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			m.TagDocument(d.TokenSentences())
		}
	}
	b.ReportMetric(float64(toks)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkLoadDefault(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(bytes.NewReader(embeddedModel)); err != nil {
			b.Fatal(err)
		}
	}
}
