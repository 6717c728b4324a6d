#!/usr/bin/env python3
"""Test services for the recovery benchmark.

Starts N HTTP servers on 127.0.0.1 ephemeral ports, each answering GET /health after DELAY
seconds, and optionally one server that starts listening only after LATE seconds on a port
reserved up front. Prints one JSON line {"ports": [...], "latePort": p} and, when the late
server starts listening, writes the epoch milliseconds of that moment to LATE_FILE.
Runs until killed.
"""
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def handler_for(delay):
    class Health(BaseHTTPRequestHandler):
        def do_GET(self):
            time.sleep(delay)
            body = b'{"status":"healthy"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Health


def serve(port, delay):
    server = ThreadingHTTPServer(("127.0.0.1", port), handler_for(delay))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    count, delay = int(sys.argv[1]), float(sys.argv[2])
    late, late_file = (float(sys.argv[3]), sys.argv[4]) if len(sys.argv) > 4 else (None, None)
    servers = [serve(0, delay) for _ in range(count)]
    late_port = free_port() if late is not None else None
    print(json.dumps({"ports": [s.server_address[1] for s in servers], "latePort": late_port}), flush=True)
    if late is not None:
        time.sleep(late)
        serve(late_port, 0)
        with open(late_file, "w") as f:
            f.write(str(int(time.time() * 1000)))
    threading.Event().wait()


if __name__ == "__main__":
    main()
