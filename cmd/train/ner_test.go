package train

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func tinyTrain() string {
	var b strings.Builder
	names := []string{"John Smith", "Mary Jones", "Peter Brown"}
	places := []string{"Paris", "Berlin", "Oslo"}
	for d := 0; d < 4; d++ {
		b.WriteString("-DOCSTART- -X- O O\n\n")
		for i := 0; i < 3; i++ {
			n := strings.Fields(names[(i+d)%3])
			b.WriteString(n[0] + " NNP I-NP I-PER\n" + n[1] + " NNP I-NP I-PER\nvisited VBD I-VP O\n" + places[(i+2*d)%3] + " NNP I-NP I-LOC\nwith IN I-PP O\nfriends NNS I-NP O\n. . O O\n\n")
		}
	}
	return b.String()
}

func TestRunNER(t *testing.T) {
	dir := t.TempDir()
	train := filepath.Join(dir, "tiny.train")
	if err := os.WriteFile(train, []byte(tinyTrain()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "sub", "ner.bin.gz")
	var log bytes.Buffer
	opts := &NEROptions{CoNLL: train, Dev: train, Iterations: 2, Folds: 2, Seed: 1, Output: out}
	if err := runNER(opts, &log); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Fatalf("model not written: %v", err)
	}
	if _, err := os.Stat(out + ".tmp"); !os.IsNotExist(err) {
		t.Error("temporary file left behind")
	}
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "F1 ") {
		t.Errorf("last line %q, want F1 ...", last)
	}
}

func TestRunNERErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		opts    NEROptions
		wantErr error
	}{
		{"no conll", NEROptions{Output: filepath.Join(dir, "m")}, ErrMissingFlag},
		{"no output", NEROptions{CoNLL: "x"}, ErrMissingFlag},
		{"missing file", NEROptions{CoNLL: filepath.Join(dir, "nope"), Output: filepath.Join(dir, "m")}, os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := runNER(&tt.opts, &bytes.Buffer{}); !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestNewCmdTrain(t *testing.T) {
	cmd := NewCmdTrain()
	sub, _, err := cmd.Find([]string{"ner"})
	if err != nil || sub.Name() != "ner" {
		t.Fatalf("train has no ner subcommand: %v", err)
	}
	for _, f := range []string{"conll", "dev", "shared", "iterations", "output"} {
		if sub.Flags().Lookup(f) == nil {
			t.Errorf("train ner lacks --%s", f)
		}
	}
}
