#!/usr/bin/env python3
"""Stand-in for Synapse in the e2e tests (stdlib only).

Serves GET /_matrix/client/versions -> {"versions": ["v1.11"], "server": "<hostname>"},
GET /_matrix/key/v2/server (the server name and the key of DATA/synapse/config/*.signing.key),
GET /.well-known/matrix/server and /client, and GET /_test/status (pid, uid, write count, data
path), on every --port (the client API's, and the federation port). While /etc/matrix-test-broken exists it answers 502 to everything, as a
reverse proxy in front of a server that does not run. While running it appends a
line to DATA/synapse/data/writes.log every 0.2 s and rewrites DATA/synapse/data/state.json.
Exits with status 1 if it cannot write its data (e.g. wrong ownership after a migration).
"""
import argparse
import base64
import glob
import hashlib
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
    server_name = "example.com"
    fqn = "matrix.example.com"
    federation_port = 8448

    def _key(self):
        """The key id and a public key derived from the signing key file (a stand-in for ed25519's)."""
        files = sorted(glob.glob(os.path.join(self.data_path, "synapse", "config", "*.signing.key")))
        if not files:
            return {}
        with open(files[0]) as f:
            algorithm, version, seed = f.read().split()
        public = base64.b64encode(hashlib.sha256(seed.encode()).digest()).decode().rstrip("=")
        return {"%s:%s" % (algorithm, version): {"key": public}}

    def _json(self, code, obj):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if os.path.exists("/etc/matrix-test-broken"):
            self._json(502, {"error": "Bad Gateway"})
        elif self.path == "/_matrix/key/v2/server":
            self._json(200, {"server_name": self.server_name, "verify_keys": self._key(),
                             "valid_until_ts": int(time.time() * 1000) + 86400000})
        elif self.path == "/.well-known/matrix/server":
            self._json(200, {"m.server": "%s:%d" % (self.fqn, self.federation_port)})
        elif self.path == "/.well-known/matrix/client":
            self._json(200, {"m.homeserver": {"base_url": "http://%s" % self.fqn}})
        elif self.path == "/_matrix/client/versions":
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
    p.add_argument("--port", type=int, action="append")
    p.add_argument("--server-name", default="example.com")
    p.add_argument("--fqn", default="matrix.example.com")
    p.add_argument("--federation-port", type=int, default=8448)
    p.add_argument("--data", default="/matrix")
    p.add_argument("--interval", type=float, default=0.2)
    a = p.parse_args()

    data_dir = os.path.join(a.data, "synapse", "data")
    Handler.data_path = a.data
    Handler.server_name = a.server_name
    Handler.fqn = a.fqn
    Handler.federation_port = a.federation_port
    ThreadingHTTPServer.allow_reuse_address = True
    ThreadingHTTPServer.daemon_threads = True
    ports = a.port or [8008]
    servers = [ThreadingHTTPServer((a.listen, port), Handler) for port in ports]
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    threading.Thread(target=writer, args=(data_dir, a.interval), daemon=True).start()
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print("matrix-test-service on %s:%s as uid %d, data %s" % (a.listen, ports, os.getuid(), data_dir),
          flush=True)
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
