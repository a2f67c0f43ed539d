# feedwatch — the commands the README names.
SWIFT ?= swift
CONFIG ?= feeds.yaml
PREFIX ?= /usr/local

.PHONY: deps build run test bench clean

deps:
	./scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product feedwatch

# The main job. Until the daemon lands this parses the shipped sample feed.
run: build
	.build/release/feedwatch parse Tests/FeedParserTests/Fixtures/rss20-namespaces.xml

test: deps
	$(SWIFT) build
	$(SWIFT) test

bench: deps
	$(SWIFT) build -c release --product feedwatch-bench
	.build/release/feedwatch-bench parse
	.build/release/feedwatch-bench match

clean:
	rm -rf .build
