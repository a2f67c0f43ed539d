#!/usr/bin/env python3
"""Feeds and a webhook receiver on 127.0.0.1 for `feedwatch-bench daemon`, in their own process so the
daemon's CPU figures are its own. /feed/N.xml: even N changes on every request (a new matching item),
odd N never changes and answers 304 to a conditional GET. /many/N.xml: N matching items, always the same
(for `feedwatch-bench deliver`). POST or PUT anywhere else counts alerts. Stops after 10 minutes."""
import http.server, sys, threading

port = int(sys.argv[1])
counters = {}
lock = threading.Lock()
received = [0]
STATIC = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Static</title>' + b''.join(
    f'<item><guid>s{i}</guid><title>Static item {i}</title><description>Weather and sports.</description></item>'.encode()
    for i in range(20)) + b'</channel></rss>'

def changing(feed, count):
    items = ''.join(
        f'<item><guid>f{feed}-{i}</guid><title>Cyber operations against Russia, report {i}</title>'
        f'<description>Officials said offensive cyber operations targeting Russia were paused (feed {feed}, item {i}).</description></item>'
        for i in range(max(0, count - 20), count))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>{items}</channel></rss>'.encode()

def many(count):
    items = ''.join(
        f'<item><guid>m{i}</guid><link>https://news.example/{i}</link><title>Cyber operations against Russia, report {i}</title>'
        f'<description>Officials said offensive cyber operations targeting Russia were paused (item {i}).</description></item>'
        for i in range(count))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>{items}</channel></rss>'.encode()

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def do_GET(self):
        if self.path == "/stats":
            return self.reply(200, str(received[0]).encode(), "text/plain")
        number = int(self.path.split("/")[-1].split(".")[0])
        if self.path.startswith("/many/"):
            if self.headers.get("If-None-Match") == '"many"':
                return self.reply(304, b"", None, '"many"')
            return self.reply(200, many(number), "application/rss+xml", '"many"')
        if number % 2 == 1:
            if self.headers.get("If-None-Match") == '"static"':
                return self.reply(304, b"", None, '"static"')
            return self.reply(200, STATIC, "application/rss+xml", '"static"')
        with lock:
            counters[number] = counters.get(number, 0) + 1
            count = counters[number]
        return self.reply(200, changing(number, count), "application/rss+xml", f'"c{count}"')
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        with lock:
            received[0] += 1
        self.reply(204, b"", None)
    do_PUT = do_POST
    def reply(self, status, body, content_type, etag=None):
        self.send_response(status)
        if content_type: self.send_header("Content-Type", content_type)
        if etag: self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body: self.wfile.write(body)

server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
threading.Event().wait(600)
