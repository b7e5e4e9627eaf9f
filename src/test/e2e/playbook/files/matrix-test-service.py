#!/usr/bin/env python3
"""Stand-in for Synapse in the e2e tests (stdlib only).

Serves GET /_matrix/client/versions -> {"versions": ["v1.11"], "server": "<hostname>"}
and GET /_test/status (pid, uid, write count, data path). While running it appends a
line to DATA/synapse/data/writes.log every 0.2 s and rewrites DATA/synapse/data/state.json.
Exits with status 1 if it cannot write its data (e.g. wrong ownership after a migration).
"""
import argparse
import json
import os
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATE = {"writes": 0, "started": time.time()}


def writer(data_dir, interval):
    log_path = os.path.join(data_dir, "writes.log")
    state_path = os.path.join(data_dir, "state.json")
    while True:
        try:
            STATE["writes"] += 1
            now = time.time()
            with open(log_path, "a") as f:
                f.write("%d %.3f %s\n" % (STATE["writes"], now, socket.gethostname()))
            tmp = state_path + ".tmp"
            with open(tmp, "w") as f:
                json.dump({"writes": STATE["writes"], "time": now,
                           "host": socket.gethostname(), "pid": os.getpid()}, f)
            os.replace(tmp, state_path)
        except OSError as e:
            print("matrix-test-service: cannot write data: %s" % e, file=sys.stderr, flush=True)
            os._exit(1)
        time.sleep(interval)


class Handler(BaseHTTPRequestHandler):
    data_path = "/matrix"

    def _json(self, code, obj):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/_matrix/client/versions":
            self._json(200, {"versions": ["v1.11"], "server": socket.gethostname()})
        elif self.path == "/_test/status":
            self._json(200, {"server": socket.gethostname(), "pid": os.getpid(), "uid": os.getuid(),
                             "gid": os.getgid(), "writes": STATE["writes"], "data": self.data_path})
        else:
            self._json(404, {"errcode": "M_UNRECOGNIZED", "error": "Unrecognized request"})

    def log_message(self, fmt, *args):
        pass


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--listen", required=True)
    p.add_argument("--port", type=int, default=8008)
    p.add_argument("--data", default="/matrix")
    p.add_argument("--interval", type=float, default=0.2)
    a = p.parse_args()

    data_dir = os.path.join(a.data, "synapse", "data")
    Handler.data_path = a.data
    ThreadingHTTPServer.allow_reuse_address = True
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer((a.listen, a.port), Handler)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    threading.Thread(target=writer, args=(data_dir, a.interval), daemon=True).start()
    print("matrix-test-service on %s:%d as uid %d, data %s" % (a.listen, a.port, os.getuid(), data_dir),
          flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
