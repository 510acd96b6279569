# newsgraph — the two commands of the quick start are `make demo` and `make test`.
#
# One setting places every Neo4j connection: NEWSGRAPH_NEO4J_URI (default
# bolt://127.0.0.1:7687). newsgraph connects to it, scripts/neo4j-local's
# default instance listens on its port, and the tests use their own test
# instance 10 ports above it (see scripts/neo4j-local --help).
SHELL := /bin/bash
GO    ?= go
BIN   := bin/newsgraph

.PHONY: all build demo test test-short test-neo4j-start test-neo4j-stop neo4j-start neo4j-stop bench

all: build

build:
	$(GO) build -o $(BIN) ./cmd/newsgraph

# Start the local Neo4j (unless the configured one answers), ingest the
# sample articles, print what the graph holds and where to look at it.
demo: build
	scripts/prerequisites demo
	scripts/demo

# Everything: unit tests and integration tests against the tests' own
# Neo4j, the test instance of scripts/neo4j-local (started first), never the
# one newsgraph and `make demo` use. NEO4J_URI points the tests at another
# server instead (they refuse to wipe a database with data they did not
# write). Packages run one at a time (-p 1) because the integration tests
# share one database.
test: build
	scripts/prerequisites test
	@if [ -z "$${NEO4J_URI:-}" ]; then scripts/neo4j-local --instance test start; fi
	$(GO) vet ./...
	$(GO) test -p 1 -count=1 ./...

# Unit tests only; integration tests are skipped on this explicit request.
test-short:
	$(GO) test -short ./...

bench:
	@if [ -z "$${NEO4J_URI:-}" ]; then scripts/neo4j-local --instance test start; fi
	$(GO) test -run '^$$' -bench . -benchmem ./...

test-neo4j-start:
	scripts/neo4j-local --instance test start

test-neo4j-stop:
	scripts/neo4j-local --instance test stop

neo4j-start:
	scripts/neo4j-local start

neo4j-stop:
	scripts/neo4j-local stop
