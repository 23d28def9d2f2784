# Vertelpunt developer commands. `make help` lists them.
.DEFAULT_GOAL := help
.PHONY: help install check test unit stack-up stack-down demo bench

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'

install: ## Install uv (if missing) and every Python dependency into .venv
	./scripts/bootstrap.sh

check: install ## Lint (ruff), type-check (mypy, strict on libs/) and check dependency licences
	./scripts/check.sh

test: ## The whole suite: install, check, start the real stack, run all tests, stop the stack
	./scripts/test.sh

unit: install ## Only the unit tests (no servers needed)
	.venv/bin/pytest -m unit

stack-up: install ## Start Kafka, OpenSearch, Keycloak and PostgreSQL on loopback
	.venv/bin/vertelpunt stack up

stack-down: ## Stop the local stack
	.venv/bin/vertelpunt stack down

demo: install ## Run a local federation of three demo municipalities with seeded stories
	.venv/bin/vertelpunt demo

bench: install ## Run the benchmarks and write docs/benchmarks.md
	.venv/bin/vertelpunt bench
