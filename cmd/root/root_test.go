package root

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
)

func run(t *testing.T, dir string, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	for _, k := range []string{"NEWSGRAPH_NEO4J_URI", "NEWSGRAPH_NEO4J_USER", "NEWSGRAPH_NEO4J_PASSWORD", "NEWSGRAPH_NEO4J_DATABASE"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg"))
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var out, errOut bytes.Buffer
	cmd := NewCmdRoot(cmdutil.IOStreams{Out: &out, ErrOut: &errOut})
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), errOut.String(), cmdutil.ExitCode(err)
}

func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	yaml := "neo4j:\n  uri: bolt://file-host:7687\n  user: fileuser\n  password: file-secret-pw\n  database: filedb\n"
	if err := os.WriteFile(filepath.Join(dir, "newsgraph.yaml"), []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want []string
	}{
		{"file over defaults", nil, nil, []string{"bolt://file-host:7687", "fileuser", "filedb"}},
		{"env over file", map[string]string{"NEWSGRAPH_NEO4J_URI": "neo4j+s://env-host", "NEWSGRAPH_NEO4J_USER": "envuser"}, nil,
			[]string{"neo4j+s://env-host", "envuser", "filedb"}},
		{"flag over env", map[string]string{"NEWSGRAPH_NEO4J_URI": "neo4j://env-host"}, []string{"--neo4j-uri", "bolt://flag-host:1"},
			[]string{"bolt://flag-host:1", "fileuser"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, dir, tt.env, append([]string{"config"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("config output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out+errOut, "file-secret-pw") {
				t.Errorf("password printed:\n%s", out)
			}
		})
	}
}

func TestDefaultsWithoutConfigFile(t *testing.T) {
	out, _, code := run(t, t.TempDir(), map[string]string{"NEWSGRAPH_NEO4J_PASSWORD": "env-secret-pw"}, "config")
	if code != 0 || !strings.Contains(out, DefaultURI) || !strings.Contains(out, "(none found)") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	if strings.Contains(out, "env-secret-pw") || !strings.Contains(out, "********") {
		t.Errorf("password not masked:\n%s", out)
	}
}

func TestUsageErrorsExitWith2(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"ingest"}, {"extract", "--format", "xml", "x"}, {"config", "--no-such-flag"}, {"config", "--neo4j-uri", "http://x"}} {
		_, errOut, code := run(t, dir, nil, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errOut)
		}
	}
}

func TestURIUserInfoIsNotPrinted(t *testing.T) {
	out, _, _ := run(t, t.TempDir(), nil, "config", "--neo4j-uri", "neo4j+s://user:hunter22@aura.example:7687")
	if strings.Contains(out, "hunter22") {
		t.Errorf("password in URI printed:\n%s", out)
	}
}

func TestBinaryNamedNewsgraphIsNotAConfigFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "newsgraph"), []byte("\x7fELF\x00binary"), 0o755); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, dir, nil, "config")
	if code != 0 || !strings.Contains(out, "(none found)") {
		t.Errorf("exit %d; a binary named newsgraph must not be read as config:\n%s%s", code, out, errOut)
	}
}
