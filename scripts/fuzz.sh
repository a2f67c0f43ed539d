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
    # runs: how many inputs the fixed smoke run tries, about 15 s each on 2 slow cores.
    FuzzFeedParser) seeds="Tests/FeedParserTests/Fixtures Tests/FeedParserTests/Fixtures/encodings"; runs=10000 ;;
    FuzzConfigLoader) seeds="Fuzz/Seeds/config"; runs=40000 ;;
    FuzzHTMLText) seeds="Fuzz/Seeds/html"; runs=200000 ;;
    FuzzDateParser) seeds="Fuzz/Seeds/dates"; runs=1000000 ;;
    FuzzEntityCore) seeds="Fuzz/Seeds/text"; runs=3000 ;;
    *) seeds=""; runs=10000 ;;
  esac
  limits=(-max_total_time="$seconds")
  if [ "${FUZZ_FIXED:-0}" = 1 ]; then
    # A fixed seed, a fixed number of inputs and a throwaway corpus: every run goes as far however
    # fast the machine is. (With only a time limit, a faster machine went further than any run here
    # had, and found what none here had.) The inputs are nearly, not exactly, the same each run:
    # which ones are kept follows coverage, which varies a little. The time is a cap for a slow machine.
    corpus=$(mktemp -d)
    limits=(-seed=1 -runs="$runs" -max_total_time="$((seconds * 4))")
    echo "== $target, $runs inputs"
  else
    echo "== $target for ${seconds}s"
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
