#!/usr/bin/env bash
# The man page and shell completions, generated from the command-line definitions of the built binary
# into .build/generated-docs (swift-argument-parser's generate-manual reads the binary's own help).
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
binary=.build/release/feedwatch
[ -x "$binary" ] || { echo "generate-docs.sh: $binary is missing; run make build first" >&2; exit 1; }
echo "==> Generating the man page and shell completions"
"$swift" build --product generate-manual >/dev/null
generated=.build/generated-docs
rm -rf "$generated" && mkdir -p "$generated"
date=$(date -u -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}" +%Y-%m-%d)
"$("$swift" build --product generate-manual --show-bin-path)/generate-manual" "$binary" --date "$date" --output-directory "$generated"
gzip -9n "$generated/feedwatch.1"
"$binary" --generate-completion-script bash > "$generated/feedwatch.bash"
"$binary" --generate-completion-script zsh > "$generated/_feedwatch"
"$binary" --generate-completion-script fish > "$generated/feedwatch.fish"
