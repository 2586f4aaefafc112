# The two commands the README promises: `make demo` and `make test`. Both do all set-up first.
SHELL := /bin/bash
DEMO_SAMPLE ?= samples/typosquat-stringtable

.PHONY: setup deps engine build demo test test-unit bench clean

setup: deps engine build

deps:
	bash scripts/setup-host.sh

engine:
	bash scripts/setup-docker.sh

build:
	npm run build --silent

demo: setup
	node dist/src/cli/main.js sandbox build
	node dist/src/cli/main.js analyze $(DEMO_SAMPLE) ; test $$? -le 1

test: setup
	npm test

test-unit: deps build
	npm run test:unit

bench: setup
	node dist/bench/static.js
	node dist/bench/dynamic.js

clean:
	rm -rf dist
