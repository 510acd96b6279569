package root

import (
	"bytes"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph/graphtest"
)

// scriptEnv runs `scripts/neo4j-local [--instance NAME] env` with the
// test's environment and returns its settings.
func scriptEnv(t *testing.T, instance string) map[string]string {
	t.Helper()
	cmd := exec.Command(filepath.Join("..", "..", "scripts", "neo4j-local"), "--instance", instance, "env")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("scripts/neo4j-local --instance %s env: %v\n%s", instance, err, errOut.String())
	}
	settings := map[string]string{}
	for _, line := range strings.Split(out.String(), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			settings[k] = v
		}
	}
	return settings
}

func port(t *testing.T, uri string) int {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	p, err := strconv.Atoi(u.Port())
	if err != nil {
		t.Fatalf("%s: %v", uri, err)
	}
	return p
}

// Changing only NEWSGRAPH_NEO4J_URI moves all three: the port the local
// server listens on (scripts/neo4j-local), the one newsgraph connects to,
// and the tests' own server, which stays apart from newsgraph's.
func TestOneSettingMovesEveryConnection(t *testing.T) {
	abs, _ := filepath.Abs(".")
	for _, uri := range []string{"", "bolt://127.0.0.1:17688", "neo4j://localhost:27001"} {
		t.Run(uri, func(t *testing.T) {
			for _, k := range []string{"NEO4J_URI", "NEO4J_HTTP_PORT", "NEO4J_BOLT_PORT", "NEO4J_INSTANCE", "NEO4J_BROWSER_URL"} {
				t.Setenv(k, "")
				os.Unsetenv(k)
			}
			// The script creates its state directory; keep it out of the tree.
			t.Setenv("NEO4J_LOCAL_HOME", t.TempDir())
			env := map[string]string{}
			if uri != "" {
				env["NEWSGRAPH_NEO4J_URI"] = uri
			}
			out, errOut, code := run(t, t.TempDir(), env, "config")
			if code != 0 {
				t.Fatalf("newsgraph config: exit %d: %s", code, errOut)
			}
			var cliURI string
			for _, line := range strings.Split(out, "\n") {
				if v, ok := strings.CutPrefix(line, "neo4j.uri:"); ok {
					cliURI = strings.TrimSpace(v)
				}
			}
			if err := os.Chdir(abs); err != nil {
				t.Fatal(err)
			}
			// run restores the variables after the test only: set it for the
			// script and graphtest too.
			if uri != "" {
				t.Setenv("NEWSGRAPH_NEO4J_URI", uri)
			}
			server, tests := scriptEnv(t, "default"), scriptEnv(t, "test")

			wantBolt := 7687
			if uri != "" {
				wantBolt = port(t, uri)
			}
			if got := port(t, cliURI); got != wantBolt {
				t.Errorf("newsgraph connects to %s, want port %d", cliURI, wantBolt)
			}
			if got := port(t, server["NEO4J_URI"]); got != wantBolt {
				t.Errorf("the local server listens on %s, newsgraph connects to %s", server["NEO4J_URI"], cliURI)
			}
			if got, _ := strconv.Atoi(server["NEO4J_HTTP_PORT"]); got != wantBolt-graphtest.HTTPBelowBolt {
				t.Errorf("the local server's HTTP port is %d, want %d", got, wantBolt-graphtest.HTTPBelowBolt)
			}
			testURI := graphtest.Config().URI
			if testURI != tests["NEO4J_URI"] {
				t.Errorf("the tests connect to %s, but the script's test instance listens on %s", testURI, tests["NEO4J_URI"])
			}
			if port(t, testURI) == wantBolt {
				t.Errorf("the tests connect to newsgraph's own server %s", testURI)
			}
			browser, err := graphtest.BrowserURL()
			if err != nil {
				t.Fatal(err)
			}
			if browser != tests["NEO4J_BROWSER_URL"] {
				t.Errorf("the browser test opens %s, the test instance serves %s", browser, tests["NEO4J_BROWSER_URL"])
			}
			if server["NEO4J_DATA"] == tests["NEO4J_DATA"] {
				t.Errorf("the test instance shares the default one's data directory %s", server["NEO4J_DATA"])
			}
		})
	}
}

// The script's old port variable cannot move the server away from where
// newsgraph connects: a different value is refused with the setting to use.
func TestScriptRefusesAPortNewsgraphDoesNotUse(t *testing.T) {
	t.Setenv("NEO4J_LOCAL_HOME", t.TempDir())
	t.Setenv("NEWSGRAPH_NEO4J_URI", "bolt://127.0.0.1:17688")
	for _, tc := range []struct {
		port string
		ok   bool
	}{{"17688", true}, {"17689", false}} {
		t.Setenv("NEO4J_BOLT_PORT", tc.port)
		cmd := exec.Command(filepath.Join("..", "..", "scripts", "neo4j-local"), "env")
		out, err := cmd.CombinedOutput()
		if tc.ok != (err == nil) {
			t.Errorf("NEO4J_BOLT_PORT=%s: %v\n%s", tc.port, err, out)
		}
		if !tc.ok && !strings.Contains(string(out), "export NEWSGRAPH_NEO4J_URI=bolt://127.0.0.1:17689") {
			t.Errorf("the refusal should name the setting to use:\n%s", out)
		}
	}
}
