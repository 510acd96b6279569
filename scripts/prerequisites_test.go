// Package scripts_test checks the shell scripts behind `make demo` and
// `make test`.
package scripts_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pathWithout returns a PATH directory holding links to the programs the
// script runs, and to nothing else: what a machine without Chromium has.
func pathWithout(t *testing.T, programs ...string) string {
	t.Helper()
	bin := t.TempDir()
	for _, p := range programs {
		real, err := exec.LookPath(p)
		if err != nil {
			t.Skipf("%s is not installed here: %v", p, err)
		}
		if p == "python3" {
			// A version manager's shim needs its own PATH: link the
			// interpreter itself.
			out, err := exec.Command(real, "-c", "import sys; print(sys.executable)").Output()
			if err != nil {
				t.Fatal(err)
			}
			real = strings.TrimSpace(string(out))
		}
		if err := os.Symlink(real, filepath.Join(bin, p)); err != nil {
			t.Fatal(err)
		}
	}
	return bin
}

var tools = []string{"bash", "cat", "sed", "id", "dirname", "mkdir", "grep", "readlink", "go", "java", "python3"}

func prerequisites(t *testing.T, path string) (string, error) {
	t.Helper()
	cmd := exec.Command("bash", "prerequisites", "test")
	cmd.Env = append(os.Environ(), "PATH="+path, "NEWSGRAPH_NO_INSTALL=1", "CHROMIUM=", "NEO4J_BOLT_PORT=", "NEO4J_INSTANCE=")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// Without Chromium, make test stops before any test, naming the command
// that installs it; with it, it goes on.
func TestPrerequisitesNameTheMissingProgram(t *testing.T) {
	if out, err := exec.Command("python3", "-c", "import networkx").CombinedOutput(); err != nil {
		t.Skipf("networkx is not installed here, so the script would stop for it too: %v %s", err, out)
	}
	bin := pathWithout(t, tools...)
	if done, _ := filepath.Glob(filepath.Join("..", ".cache", "neo4j", "neo4j-community-*", ".complete")); len(done) == 0 {
		// The script asks for Maven until the Neo4j jars are downloaded.
		bin = pathWithout(t, append(tools, "mvn")...)
	}
	out, err := prerequisites(t, bin)
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 1 || !strings.Contains(out, "chromium") || !strings.Contains(out, "sudo apt-get install chromium") {
		t.Errorf("without chromium: %v\n%s", err, out)
	}
	if strings.Count(out, "\n  - ") != 1 {
		t.Errorf("only chromium is missing:\n%s", out)
	}

	fake := filepath.Join(bin, "chromium")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\necho Chromium 1.0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := prerequisites(t, bin); err != nil {
		t.Errorf("with chromium on PATH: %v\n%s", err, out)
	}
}
