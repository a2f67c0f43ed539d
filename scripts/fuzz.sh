#!/usr/bin/env bash
# Runs each libFuzzer target for the given seconds, seeded from the test fixtures; fails on a finding.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=$1
shift
export SWIFT_BACKTRACE=enable=no   # a Swift trap must show as a crash, not as a bogus ASan report
status=0
for target in "$@"; do
  corpus=.build-fuzz/corpus/$target
  mkdir -p "$corpus"
  case $target in
    FuzzFeedParser) seeds="Tests/FeedParserTests/Fixtures Tests/FeedParserTests/Fixtures/encodings" ;;
    FuzzConfigLoader) seeds="Fuzz/Seeds/config" ;;
    FuzzHTMLText) seeds="Fuzz/Seeds/html" ;;
    FuzzDateParser) seeds="Fuzz/Seeds/dates" ;;
    FuzzEntityCore) seeds="Fuzz/Seeds/text" ;;
    *) seeds="" ;;
  esac
  echo "== $target for ${seconds}s"
  limits=(-max_total_time="$seconds")
  if [ "${FUZZ_FIXED:-0}" = 1 ]; then
    # A fixed seed and a throwaway corpus: every run explores a prefix of the same input sequence.
    corpus=$(mktemp -d)
    limits=(-seed=1 -max_total_time="$seconds")
  fi
  if ! .build-fuzz/release/$target "$corpus" $seeds "${limits[@]}" -rss_limit_mb=4096 -max_len=65536 \
       -artifact_prefix=.build-fuzz/crash-$target- -print_final_stats=1 2>.build-fuzz/$target.log; then
    echo "$target found a problem; see .build-fuzz/$target.log and .build-fuzz/crash-$target-*"
    tail -30 .build-fuzz/$target.log
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" .build-fuzz/$target.log | sed 's/^/   /'
  fi
done
exit $status
