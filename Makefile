# newsingest: make demo · make test · make bench · make schemas
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KAFKA := $(PYTHON) deploy/local-kafka/localkafka.py
DEMO_FILES := tests/data/seed_000.txt tests/data/seed_003.txt tests/data/page_venturebeat_wework.html

.PHONY: install k8s-tools demo test unit-test faults bench soak fuzz broker-start broker-stop schemas lock clean

install: $(VENV)/.installed

# requirements-dev.lock: the runtime lock (requirements.lock, all the image installs) plus the test and bench extras, same pins.
$(VENV)/.installed: requirements.lock requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# What tests/unit/test_k8s.py renders and checks the Kubernetes manifests with, built or fetched once into .tools/
# with Go's own client (about 2 minutes the first time): kustomize, and KEDA's ScaledObject CRD, which ships in
# KEDA's Go module (config/crd/bases).
TOOLS := .tools
KUSTOMIZE_VERSION := v5.8.1
KEDA_VERSION := v2.20.2
GO := GOTOOLCHAIN=local go
KEDA_CRD := $(TOOLS)/keda-$(KEDA_VERSION)/keda.sh_scaledobjects.yaml

k8s-tools: $(TOOLS)/kustomize-$(KUSTOMIZE_VERSION) $(KEDA_CRD)

$(TOOLS)/kustomize-$(KUSTOMIZE_VERSION):
	@command -v go >/dev/null || { echo "Go is needed to build kustomize (the Kubernetes manifests' test)"; exit 1; }
	mkdir -p $(TOOLS)/bin
	GOBIN=$(abspath $(TOOLS))/bin $(GO) install sigs.k8s.io/kustomize/kustomize/v5@$(KUSTOMIZE_VERSION)
	mv $(TOOLS)/bin/kustomize $@

$(KEDA_CRD):
	@command -v go >/dev/null || { echo "Go is needed to fetch KEDA's CRD (the Kubernetes manifests' test)"; exit 1; }
	mkdir -p $(dir $@)
	module=$$($(GO) mod download -json github.com/kedacore/keda/v2@$(KEDA_VERSION) \
		| $(PYTHON) -c 'import json, sys; print(json.load(sys.stdin)["Dir"])') \
		&& install -m 644 $$module/config/crd/bases/keda.sh_scaledobjects.yaml $@

broker-start:
	$(KAFKA) start

broker-stop:
	$(KAFKA) stop

# Each run makes its own topics (under a fresh prefix, printed) and deletes them at the end. The broker is stopped
# at the end only if this target started it.
demo: install
	@started=; $(KAFKA) status >/dev/null 2>&1 || { $(KAFKA) start || exit 1; started=1; }; \
	trap '[ -z "$$started" ] || $(KAFKA) stop' EXIT; \
	$(BIN)/newsingest demo $(DEMO_FILES)

# The whole suite, broker tests included, against a broker this target starts and stops.
test: install k8s-tools broker-start
	@trap '$(KAFKA) stop' EXIT; \
	NEWSINGEST_REQUIRE_BROKER=1 NEWSINGEST_KUSTOMIZE=$(TOOLS)/kustomize-$(KUSTOMIZE_VERSION) NEWSINGEST_KEDA_CRD=$(KEDA_CRD) \
		$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# The long fault run alone (about 10 minutes, also part of `make test`): 2,100 articles through all four services with
# every worker killed in turn, two rebalances, a poison message and the broker stopped for 100 s.
faults: install broker-start
	@trap '$(KAFKA) stop' EXIT; \
	NEWSINGEST_REQUIRE_BROKER=1 $(BIN)/python -m pytest -q -m faults $(PYTEST_ARGS)

unit-test: install k8s-tools
	NEWSINGEST_KUSTOMIZE=$(TOOLS)/kustomize-$(KUSTOMIZE_VERSION) NEWSINGEST_KEDA_CRD=$(KEDA_CRD) \
		$(BIN)/python -m pytest -q tests/unit $(PYTEST_ARGS)

# Reports in bench/reports/; each skips cleanly when its evaluation data (../shared/eval) is absent.
bench: install
	$(BIN)/python -m bench.extraction --report bench/reports/extraction.md
	$(BIN)/python -m bench.dedup_quality
	$(BIN)/python -m bench.minhash_cost
	$(BIN)/python -m bench.dedup_broker --articles 1000
	$(BIN)/python -m bench.ner_quality
	$(BIN)/python -m bench.language_routing
	$(BIN)/python -m bench.entity_typing
	$(BIN)/python -m bench.number_quality
	$(BIN)/python -m bench.news_numbers
	$(BIN)/python -m bench.number_libraries
	$(BIN)/python -m bench.enricher_speed
	$(BIN)/python -m bench.story_quality
	$(BIN)/python -m bench.story_links
	$(BIN)/python -m bench.story_clustering
	$(BIN)/python -m bench.stories_broker --articles 300
	$(BIN)/python -m bench.end_to_end --articles 300

# A soak of the four workers on the real broker (10 minutes of sending, then the drain; SOAK_ARGS=--minutes 30 for
# longer): memory and consumer lag over time in bench/reports/soak.md. Fails when either grows or an article is lost.
soak: install broker-start
	@trap '$(KAFKA) stop' EXIT; \
	$(BIN)/python -m bench.soak $(SOAK_ARGS)

# A bounded fuzz run of the cleaner (about two minutes): fails on a crash or a message over the time limit.
fuzz: install
	$(BIN)/python -m bench.fuzz_cleaner --examples 3000 --limit-s 2 --report bench/reports/fuzz.md

schemas: install
	$(BIN)/newsingest schemas --dir schemas

# Two locks: requirements.lock holds the runtime dependencies only (the image installs it: no test tools in
# production); requirements-dev.lock adds the test and bench extras under the runtime pins (-c), for the venv and CI.
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url
lock: install
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile $(LOCK_FLAGS) -o requirements.lock pyproject.toml
	$(BIN)/pip-compile $(LOCK_FLAGS) --extra test --extra bench -c requirements.lock -o requirements-dev.lock pyproject.toml

clean:
	-$(KAFKA) stop
	rm -rf $(VENV) $(TOOLS) .local-kafka .newsingest-data .pytest_cache
