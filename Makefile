# newsgraph — the two commands of the quick start are `make demo` and `make test`.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/newsgraph

.PHONY: all build demo test test-short neo4j-start neo4j-stop lint bench

all: build

build:
	$(GO) build -o $(BIN) ./cmd/newsgraph

# Start the local Neo4j (unless a configured one answers), ingest the sample
# articles, print what the graph holds and where to look at it.
demo: build
	scripts/demo

# Everything: unit tests and integration tests against a real Neo4j, which
# is started first unless NEO4J_URI points elsewhere. Packages run one at a
# time (-p 1) because the integration tests share one database.
test: build
	@if [ -z "$${NEO4J_URI:-}" ] || [[ "$${NEO4J_URI}" == *"127.0.0.1:$${NEO4J_BOLT_PORT:-7687}"* ]]; then scripts/neo4j-local start; fi
	$(GO) vet ./...
	$(GO) test -p 1 -count=1 ./...

# Unit tests only; integration tests are skipped on this explicit request.
test-short:
	$(GO) test -short ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

neo4j-start:
	scripts/neo4j-local start

neo4j-stop:
	scripts/neo4j-local stop
