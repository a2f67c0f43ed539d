# feedwatch — the commands the README names.
SWIFT ?= swift
CONFIG ?= feeds.yaml
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DOCDIR ?= $(PREFIX)/share/doc/feedwatch
MANDIR ?= $(PREFIX)/share/man
# The unit goes where systemd looks for administrator-installed units; `make deb` uses /lib/systemd/system.
UNITDIR ?= /etc/systemd/system
SYSCONFDIR ?= /etc
# A self-contained binary: the Swift runtime and Foundation linked in, so it runs without the toolchain.
RELEASE_FLAGS = -c release --static-swift-stdlib
RELEASE_BIN = .build/release/feedwatch

.PHONY: deps build docs run test bench demo install deb systemd-test clean train-ner

deps:
	./scripts/install-deps.sh

build: deps
	@echo "==> Building feedwatch (release, Swift runtime linked in). The first build compiles every dependency"
	@echo "    and takes several minutes on two cores; later builds take seconds."
	$(SWIFT) build $(RELEASE_FLAGS) --product feedwatch
	@echo "==> Built $(RELEASE_BIN)"

# The man page and completions, from the command-line definitions (into .build/generated-docs).
docs: build
	SWIFT="$(SWIFT)" ./scripts/generate-docs.sh

# The main job: the daemon on the shipped feeds.yaml (state in .feedwatch/, alerts in .feedwatch/alerts.jsonl).
run: build
	@echo "==> Starting the daemon on $(CONFIG); Ctrl-C stops it"
	$(RELEASE_BIN) run --config $(CONFIG)

# Build once (the crash test runs the real executable), then every test.
test: deps
	@echo "==> Building feedwatch and its tests (debug); the first build takes a few minutes"
	$(SWIFT) build --build-tests
	@# The cluster tests (several daemons and PostgreSQL, minutes long) run after the rest, apart:
	@# they keep both cores busy, and the other suites' timeouts must not be measured under that load.
	./scripts/with-postgres.sh sh -c '$(SWIFT) test --skip-build --skip ClusterTests && $(SWIFT) test --skip-build --filter ClusterTests'

bench: deps
	$(SWIFT) build -c release --product feedwatch-bench
	.build/release/feedwatch-bench parse
	.build/release/feedwatch-bench match

# The entity tagger's weights, from the hand-annotated corpora in ../shared/data/ner (deterministic:
# the same data gives the same file). Prints held-out F1 per corpus and type.
NER_DATA ?= ../shared/data/ner
train-ner: deps
	$(SWIFT) build -c release --product feedwatch-bench
	.build/release/feedwatch-bench train-ner --data $(NER_DATA) --write Sources/EntityCore/Tagger/TaggerModelData.swift

demo: build
	./scripts/demo.sh

# The binary, its man page and completions, the systemd unit written for this prefix, and a starting
# configuration (kept if one exists). DESTDIR stages it all elsewhere.
install: build docs
	./scripts/stage.sh "$(DESTDIR)" "$(BINDIR)" "$(DOCDIR)" "$(MANDIR)" "$(UNITDIR)" "$(SYSCONFDIR)" "$(PREFIX)/share"
	@echo "==> Installed. Then: systemctl daemon-reload && systemctl enable --now feedwatch"

# feedwatch_VERSION_amd64.deb in .build-deb/.
deb: build docs
	./scripts/build-deb.sh

# The .deb installed into a minimal Debian 12 and started under a real systemd in systemd-nspawn.
systemd-test: deb
	./scripts/systemd-test.sh

clean:
	rm -rf .build .build-deb

# Fuzzing (libFuzzer + AddressSanitizer), each target for FUZZ_SECONDS, seeded from the test fixtures.
# New inputs go to .build-fuzz/corpus/NAME; a crash is written to .build-fuzz/crash-*.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = FuzzFeedParser FuzzDateParser FuzzHTMLText FuzzConfigLoader FuzzEntityCore
.PHONY: fuzz fuzz-build
fuzz-build: deps
	# -Xswiftc, not --sanitize: SwiftPM's flag only instruments the Fuzz package's own targets, and the
	# code under test lives in the feedwatch package it depends on.
	cd Fuzz && $(SWIFT) build -c release --sanitize fuzzer --sanitize address -Xswiftc -sanitize=fuzzer,address --scratch-path ../.build-fuzz

fuzz: fuzz-build
	./scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# CI's smoke run: every target with a fixed seed for a fixed number of inputs (scripts/fuzz.sh; about
# 15 s each here), so a faster machine goes no further than a run here; 60 s per target is a cap.
.PHONY: fuzz-smoke
fuzz-smoke: fuzz-build
	FUZZ_FIXED=1 ./scripts/fuzz.sh 15 $(FUZZ_TARGETS)
