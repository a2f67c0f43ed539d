#!/usr/bin/env python3
"""The offline demo's two servers on 127.0.0.1: a sample feed (GET /feed.xml) and a webhook receiver
(POST /hook) that prints each alert it gets. Used by scripts/demo.sh; stops by itself after 60 s."""
import http.server, json, sys, threading

feed_path, feed_port, hook_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
feed = open(feed_path, "rb").read()

class Feed(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(feed)))
        self.end_headers()
        self.wfile.write(feed)

class Hook(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        print(f"webhook received {self.headers['webhook-id']} (signature {self.headers.get('webhook-signature', 'none')[:20]}…)")
        print(f"  watch-list {body['watchlist']}: {body['entry']['title']}")
        for hit in body["hits"]:
            print(f"  - {hit['topic']}: \"{hit['matched_text']}\" in {hit['field']}: {hit['snippet']}")
        print("  entities:", ", ".join(f"{e['name']} ({e['type']})" for e in body["entities"]))
        sys.stdout.flush()
        self.send_response(204)
        self.end_headers()

for handler, port in ((Feed, feed_port), (Hook, hook_port)):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
threading.Event().wait(60)
