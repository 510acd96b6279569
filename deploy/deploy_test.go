// Package deploy_test checks that the files a newcomer reads and runs
// agree with each other: the docker-compose Neo4j is the version
// scripts/neo4j-local assembles, one password setting serves the server
// and newsgraph, the Docker build context leaves out what it must, and
// the Go version of the README and the Dockerfile is go.mod's.
package deploy_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func read(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// match returns the first submatch of re in s, or fails the test.
func match(t *testing.T, what, s, re string) string {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("%s: no match for %s", what, re)
	}
	return m[1]
}

type compose struct {
	Services map[string]struct {
		Image       string            `yaml:"image"`
		Build       any               `yaml:"build"`
		Environment map[string]string `yaml:"environment"`
	} `yaml:"services"`
}

func TestComposePinsTheNeo4jOfTheLocalScript(t *testing.T) {
	var c compose
	if err := yaml.Unmarshal([]byte(read(t, "docker-compose.yml")), &c); err != nil {
		t.Fatal(err)
	}
	version := match(t, "scripts/neo4j-local", read(t, "scripts/neo4j-local"), `NEO4J_VERSION="\$\{NEO4J_VERSION:-([0-9.]+)\}"`)
	if got, want := c.Services["neo4j"].Image, "neo4j:"+version+"-community"; got != want {
		t.Errorf("docker-compose.yml runs %s, scripts/neo4j-local assembles Neo4j %s: want image %s", got, version, want)
	}
	for name, s := range c.Services {
		if s.Build != nil {
			continue // built from this repository
		}
		if tag, ok := strings.CutPrefix(s.Image, strings.SplitN(s.Image, ":", 2)[0]+":"); !ok || tag == "latest" || !regexp.MustCompile(`\d+\.\d+\.\d+`).MatchString(tag) {
			t.Errorf("service %s: image %q is not pinned to an exact version", name, s.Image)
		}
	}
}

// The server's password and newsgraph's come from one variable, with one
// default.
func TestComposeHasOnePasswordSetting(t *testing.T) {
	var c compose
	if err := yaml.Unmarshal([]byte(read(t, "docker-compose.yml")), &c); err != nil {
		t.Fatal(err)
	}
	auth := c.Services["neo4j"].Environment["NEO4J_AUTH"]
	client := c.Services["newsgraph"].Environment["NEWSGRAPH_NEO4J_PASSWORD"]
	server := strings.TrimPrefix(auth, "neo4j/")
	if server == auth || server != client || !strings.HasPrefix(client, "${NEWSGRAPH_NEO4J_PASSWORD:-") {
		t.Errorf("NEO4J_AUTH %q and newsgraph's NEWSGRAPH_NEO4J_PASSWORD %q should both be neo4j/ + ${NEWSGRAPH_NEO4J_PASSWORD:-default}", auth, client)
	}
	if strings.Contains(read(t, "docker-compose.yml"), "${NEO4J_AUTH") {
		t.Error("docker-compose.yml still reads NEO4J_AUTH: a second password setting")
	}
}

func TestDockerIgnoreKeepsTheBuildContextSmall(t *testing.T) {
	lines := map[string]bool{}
	for _, l := range strings.Split(read(t, ".dockerignore"), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			lines[l] = true
		}
	}
	for _, want := range []string{".git", ".cache", "bin", "newsgraph.yaml", ".env"} {
		if !lines[want] {
			t.Errorf(".dockerignore should leave out %s", want)
		}
	}
	// What the build needs must stay in.
	for _, keep := range []string{"go.mod", "go.sum", "cmd", "schema", "ingest", "graph"} {
		if lines[keep] {
			t.Errorf(".dockerignore leaves out %s, which the build needs", keep)
		}
	}
}

func TestGoVersionAgreesWithGoMod(t *testing.T) {
	goVersion := match(t, "go.mod", read(t, "go.mod"), `(?m)^go ([0-9.]+)$`)
	if got := match(t, "deploy/Dockerfile", read(t, "deploy/Dockerfile"), `(?m)^FROM golang:([0-9.]+)`); got != goVersion {
		t.Errorf("deploy/Dockerfile builds with Go %s, go.mod says %s", got, goVersion)
	}
	readme := read(t, "README.md")
	versions := regexp.MustCompile(`Go (1\.[0-9]+(?:\.[0-9]+)?)\+?`).FindAllStringSubmatch(readme, -1)
	if len(versions) == 0 {
		t.Fatal("README.md names no Go version")
	}
	for _, v := range versions {
		if v[1] != goVersion {
			t.Errorf("README.md says %q, go.mod says go %s", v[0], goVersion)
		}
	}
}
