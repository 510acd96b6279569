package eval

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const tiny = "-DOCSTART- -X- O O\n\nMike NNP I-NP I-PER\nPompeo NNP I-NP I-PER\nmet VBD I-VP O\nKim NNP I-NP I-PER\nJong NNP I-NP I-PER\nUn NNP I-NP I-PER\nin IN I-PP O\nPyongyang NNP I-NP I-LOC\n. . O O\n"

func TestRunNER(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tiny.conll")
	if err := os.WriteFile(path, []byte(tiny), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		opts     NEROptions
		wantLast string
		wantErr  error
		anyErr   bool
	}{
		{name: "embedded model", opts: NEROptions{CoNLL: path}, wantLast: "F1 1.0000"},
		{name: "missing conll flag", opts: NEROptions{}, wantErr: ErrMissingFlag},
		{name: "missing model file", opts: NEROptions{CoNLL: path, Model: filepath.Join(dir, "nope.bin.gz")}, anyErr: true},
		{name: "bad model file", opts: NEROptions{CoNLL: path, Model: path}, anyErr: true},
		{name: "missing conll file", opts: NEROptions{CoNLL: filepath.Join(dir, "nope")}, anyErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := runNER(&tt.opts, &out)
			switch {
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
			case tt.anyErr:
				if err == nil {
					t.Fatal("want an error")
				}
			default:
				if err != nil {
					t.Fatal(err)
				}
				lines := strings.Split(strings.TrimSpace(out.String()), "\n")
				if got := lines[len(lines)-1]; got != tt.wantLast {
					t.Errorf("last line %q, want %q\n%s", got, tt.wantLast, out.String())
				}
			}
		})
	}
}

func TestNewCmdEval(t *testing.T) {
	cmd := NewCmdEval()
	sub, _, err := cmd.Find([]string{"ner"})
	if err != nil || sub.Name() != "ner" {
		t.Fatalf("eval has no ner subcommand: %v", err)
	}
	if sub.Flags().Lookup("conll") == nil || sub.Flags().Lookup("model") == nil {
		t.Error("eval ner lacks --conll or --model")
	}
}
