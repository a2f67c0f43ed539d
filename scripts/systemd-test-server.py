#!/usr/bin/env python3
"""Runs inside the systemd test's container: serves feeds from a folder and receives webhooks.

  systemd-test-server.py FEED_DIR PORT RECEIVED_FILE [SECRET_FILE]

GET /NAME.xml answers FEED_DIR/NAME.xml as RSS. POST /hook... records one JSON line per request in
RECEIVED_FILE: the path, the Standard Webhooks headers, whether the signature verifies against the
secret in SECRET_FILE (if given), and the body."""
import base64, hashlib, hmac, http.server, json, os, sys

feed_dir, port, received, secret_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], (sys.argv[4] if len(sys.argv) > 4 else None)

def signature_ok(headers, body):
    if not secret_file or not os.path.exists(secret_file):
        return None
    secret = open(secret_file).read().strip()
    key = base64.b64decode(secret[len("whsec_"):]) if secret.startswith("whsec_") else secret.encode()
    signed = f"{headers.get('webhook-id')}.{headers.get('webhook-timestamp')}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    offered = (headers.get("webhook-signature") or "").split(" ")
    return any(hmac.compare_digest(expected, candidate) for candidate in offered)

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = os.path.join(feed_dir, os.path.basename(self.path))
        if not self.path.endswith(".xml") or not os.path.exists(path):
            self.send_response(404); self.end_headers(); return
        body = open(path, "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        record = {"path": self.path, "id": self.headers.get("webhook-id"), "signed": signature_ok(self.headers, body),
                  "body": json.loads(body or b"null")}
        with open(received, "a") as out:
            out.write(json.dumps(record) + "\n")
        self.send_response(204); self.end_headers()

    def log_message(self, *args):
        pass

http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
