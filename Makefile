# pulumi-cognito: the two commands a newcomer needs are `make demo` and `make test`.
# Tools, the Go and cargo build caches live under $(CACHE), outside the clone, so a fresh clone
# (and CI) reuses earlier builds on the same machine.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VERSION ?=
CACHE ?= $(or $(PULUMI_COGNITO_CACHE),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/pulumi-cognito)
export PULUMI_COGNITO_CACHE := $(CACHE)
export CARGO_TARGET_DIR ?= $(CACHE)/target
DEBUG_BIN := $(CARGO_TARGET_DIR)/debug/pulumi-resource-cognito

.PHONY: demo demo-tools test lint unit acceptance dist tools build provider model schema gen check-gen sdks fuzz bench clean-cache

## The main job: a real `pulumi up` of examples/yaml against a local Cognito emulator, then destroy.
## On a cold machine the release build and the CLI's Go build run side by side: each leaves a
## core idle for minutes (the Cognito SDK crate compiles on one core, Go links on one).
demo:
	$(MAKE) --no-print-directory -j2 provider demo-tools
	PROVIDER_BIN=bin/pulumi-resource-cognito sdk-gen/demo.sh

## What the demo needs besides the plugin: the CLI with its YAML host, and moto.
demo-tools:
	sdk-gen/install-pulumi.sh yaml >/dev/null
	sdk-gen/install-moto.sh >/dev/null

## Every test: formatting and lints, unit and gRPC integration tests, the wire-compatibility
## check, generated files up to date, the three SDKs built and tested, and the real engine
## end to end.
test: lint unit check-gen sdks acceptance

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	@# The shipped binary must read the API model's patterns as the tests do: dev-dependencies
	@# must not add regex Unicode tables that only test builds would have.
	@diff <(cargo tree -e features -i regex-syntax --edges normal | grep -o 'feature "unicode[^"]*"' | sort -u) \
	      <(cargo tree -e features -i regex-syntax --edges normal,dev | grep -o 'feature "unicode[^"]*"' | sort -u) \
	  || { echo "regex Unicode features differ between the release and test builds" >&2; exit 1; }
	@# Only permissively licensed crates from crates.io reach the plugin (deny.toml): never the
	@# AGPL test emulator, nothing copyleft. cargo-deny reads the graph of every platform,
	@# crates this machine never builds included, so those are fetched first, here: the check
	@# itself then runs offline and reads exactly what Cargo.lock names.
	cargo fetch --locked
	"$$(sdk-gen/install-cargo-deny.sh)" deny --offline check licenses bans sources
	@# The layers of src/: no upward import, no import loop, tonic and prost only in the
	@# protocol layer (tests/layers.rs).
	cargo test --quiet --test layers

## Unit and gRPC integration tests. The integration suites run twice: against moto, and against
## the strict emulator (sdk-gen/strict-cognito), which resets what an update leaves out.
STRICT_SUITES := --test lifecycle --test no_drift --test faults --test secrets --test safety \
	--test secret_rotation --test discover --test pool_references --test gone \
	--test stateful
unit:
	moto=$$(sdk-gen/install-moto.sh) && strict=$$(sdk-gen/install-strict-cognito.sh) && \
	fds=$$(sdk-gen/install-pulumi-wheel.sh) && \
	export COGNITO_TEST_REQUIRE=1 COGNITO_TEST_MOTO=$$moto/moto_server COGNITO_TEST_STRICT=$$strict \
		COGNITO_TEST_PULUMI_FDS=$$fds && \
	cargo test && \
	COGNITO_TEST_EMULATOR=strict cargo test $(STRICT_SUITES)

## Acceptance tests under the real engine (tests/acceptance, Pulumi's providertest): each example
## in YAML, TypeScript, Python and Go with the built provider attached (upgrade preview from the
## last release, up, no-op, update, replacement, drift, import, destroy, gRPC log checks), YAML
## and TypeScript again on the strict emulator with OAuth tokens, and CLI checks.
acceptance: build tools sdks
	PROVIDER_BIN=$(DEBUG_BIN) sdk-gen/acceptance.sh

tools:
	sdk-gen/install-pulumi.sh yaml nodejs python go >/dev/null
	sdk-gen/install-moto.sh >/dev/null
	sdk-gen/install-strict-cognito.sh >/dev/null

## The debug binary that the schema and the acceptance tests use is the one `cargo test` builds
## for its integration tests: a plain `cargo build` resolves features without the
## dev-dependencies, so it would compile tokio, the AWS SDK and everything above them a second
## time (minutes on a cold machine).
build:
	cargo test --no-run --quiet

## Release archives for linux, darwin and windows (amd64, arm64), checksums and the SDK
## packages, in dist/ (sdk-gen/dist.sh); VERSION=0.2.0 make dist sets the version everywhere.
dist:
	VERSION=$(VERSION) sdk-gen/dist.sh all

## The shipped binary (see sdk-gen/release.sh), copied to bin/.
provider:
	install -D -m 0755 "$$(sdk-gen/release.sh build)" bin/pulumi-resource-cognito

## Regenerates schema/schema.json from the property tables.
schema: build
	@# Replaced only when it changes, so that its modification time does not rebuild the crate.
	$(DEBUG_BIN) --schema > schema/schema.json.new
	cmp -s schema/schema.json.new schema/schema.json && rm schema/schema.json.new || mv schema/schema.json.new schema/schema.json

## Regenerates everything generated: Cognito's API model constraints (from the pinned botocore),
## the schema and the nodejs, python and go SDKs.
gen: model schema
	sdk-gen/gen-sdk.sh nodejs python go

model:
	sdk-gen/update-cognito-model.sh

## Fails when regenerating changes a committed file (or adds one).
check-gen: gen
	@git diff --exit-code --stat -- schema sdk || { echo "generated files are stale: run 'make gen' and commit" >&2; exit 1; }
	@test -z "$$(git status --porcelain --untracked-files=all -- schema sdk)" || { git status --short -- schema sdk; echo "make gen created files that are not committed" >&2; exit 1; }

## Builds and tests the generated SDKs (tsc, Python with Pulumi's mocks, go build and vet).
sdks:
	sdk-gen/test-sdks.sh

## A long fuzzing run of the value codec, Check and Diff, and long random sequences of engine
## steps, console changes and faults (tests/stateful.rs); make test runs bounded ones.
fuzz:
	PROPTEST_CASES=$${PROPTEST_CASES:-20000} cargo test --test fuzz
	moto=$$(sdk-gen/install-moto.sh) && COGNITO_TEST_REQUIRE=1 COGNITO_TEST_MOTO=$$moto/moto_server \
	STATEFUL_CASES=$${STATEFUL_CASES:-100} cargo test --test stateful

## Measures start-up, memory, Check/Diff latency, per-operation overhead and a 100-client
## pulumi up, and writes BENCHMARKS.md.
bench: tools
	sdk-gen/bench.sh

clean-cache:
	rm -rf $(CACHE)
