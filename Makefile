# feedwatch — the commands the README names.
SWIFT ?= swift
CONFIG ?= feeds.yaml
PREFIX ?= /usr/local

.PHONY: deps build run test bench demo install clean

deps:
	./scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product feedwatch

# The main job: the daemon on the shipped feeds.yaml (state in .feedwatch/, alerts in .feedwatch/alerts.jsonl).
run: build
	.build/release/feedwatch run --config $(CONFIG)

# Build once (the crash test runs the real executable), then every test.
test: deps
	$(SWIFT) build
	$(SWIFT) test

bench: deps
	$(SWIFT) build -c release --product feedwatch-bench
	.build/release/feedwatch-bench parse
	.build/release/feedwatch-bench match

demo: build
	./scripts/demo.sh

# The binary, the systemd unit and a starting configuration (kept if one exists).
install: build
	install -D -m 0755 .build/release/feedwatch $(DESTDIR)$(PREFIX)/bin/feedwatch
	install -D -m 0644 systemd/feedwatch.service $(DESTDIR)/etc/systemd/system/feedwatch.service
	install -D -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/feedwatch/README.md
	test -e $(DESTDIR)/etc/feedwatch/feeds.yaml || install -D -m 0644 feeds.yaml $(DESTDIR)/etc/feedwatch/feeds.yaml
	install -d -m 0700 $(DESTDIR)/etc/feedwatch/secrets

clean:
	rm -rf .build

# Fuzzing (libFuzzer + AddressSanitizer), each target for FUZZ_SECONDS, seeded from the test fixtures.
# New inputs go to .build-fuzz/corpus/NAME; a crash is written to .build-fuzz/crash-*.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = FuzzFeedParser FuzzDateParser FuzzHTMLText FuzzConfigLoader
.PHONY: fuzz fuzz-build
fuzz-build: deps
	# -Xswiftc, not --sanitize: SwiftPM's flag only instruments the Fuzz package's own targets, and the
	# code under test lives in the feedwatch package it depends on.
	cd Fuzz && $(SWIFT) build -c release --sanitize fuzzer --sanitize address -Xswiftc -sanitize=fuzzer,address --scratch-path ../.build-fuzz

fuzz: fuzz-build
	./scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# CI's smoke run: every target for 15 s with a fixed seed (about a minute in all): the inputs it tries
# are the start of the same sequence every time.
.PHONY: fuzz-smoke
fuzz-smoke: fuzz-build
	FUZZ_FIXED=1 ./scripts/fuzz.sh 15 $(FUZZ_TARGETS)
