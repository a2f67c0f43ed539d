#!/usr/bin/env bash
# The whole flow offline: a sample feed served on 127.0.0.1, feedwatch polling it once, and the
# webhook alert received on 127.0.0.1 and printed.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=.build/release/feedwatch
work=$(mktemp -d)
feed_port=18480
hook_port=18481
cat > "$work/feeds.yaml" <<YAML
sinks:
  - name: log
    type: log
    path: $work/alerts.jsonl
  - name: demo-webhook
    type: webhook
    url: http://127.0.0.1:$hook_port/hook
    secret_file: $work/secret
watchlists:
  - name: russia-cyber
    rule: all
    topics:
      - name: cyber operations
        terms: [cyber operations]
      - name: Russia
        entity: Russia
feeds:
  - url: http://127.0.0.1:$feed_port/feed.xml
    name: Demo feed
    alert_on_first_poll: true
YAML
echo "whsec_ZGVtby1zZWNyZXQ=" > "$work/secret"
python3 scripts/demo.py Tests/FeedParserTests/Fixtures/rss20-namespaces.xml $feed_port $hook_port &
servers=$!
trap 'kill $servers 2>/dev/null; rm -rf "$work"' EXIT
sleep 0.5
"$binary" poll --once --config "$work/feeds.yaml" --state "$work/state"
sleep 0.3
echo "log sink ($work/alerts.jsonl): $(wc -l < "$work/alerts.jsonl") alert(s)"
