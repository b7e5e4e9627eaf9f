#!/usr/bin/env python3
"""Stand-in for Synapse in the e2e tests (stdlib only).

Serves GET /_matrix/client/versions -> {"versions": ["v1.11"], "server": "<hostname>",
"client": "<client address>", "port": <local port>},
GET /_matrix/key/v2/server (the server name and the key of DATA/synapse/config/*.signing.key),
GET /.well-known/matrix/server and /client, and GET /_test/status (server, pid, uid, write count,
data path, client, port), on every --port (the client API's, and the federation port). While
/etc/matrix-test-broken exists it answers 502 to everything, as a reverse proxy in front of a
server that does not run. While running it appends a line to DATA/synapse/data/writes.log every
0.2 s and rewrites DATA/synapse/data/state.json. Exits with status 1 if it cannot write its data
(e.g. wrong ownership after a migration).

PROXY protocol v1, as Traefik's entryPoints.<name>.proxyProtocol.trustedIPs (it stands in for
Traefik too): --proxy-protocol PORT=CIDR[,CIDR...] (repeatable). On that port a connection from a
peer inside one of the CIDRs may begin with a header "PROXY TCP4|TCP6|UNKNOWN src dst sport
dport\r\n" (at most 107 bytes); it is consumed and its source address becomes the client's
address ("client"; UNKNOWN keeps the peer's). A malformed header, or none complete within
PROXY_HEADER_TIMEOUT seconds, closes the connection. From any other peer, or on a port without
the option, nothing is consumed: a PROXY header then fails as HTTP (400), as with Traefik.
"""
import argparse
import base64
import glob
import hashlib
import ipaddress
import json
import os
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATE = {"writes": 0, "started": time.time()}

PROXY_SIGNATURE = b"PROXY "
PROXY_MAX_HEADER = 107  # the v1 header's maximum length, CRLF included
PROXY_HEADER_TIMEOUT = 10.0


def parse_proxy_header(line):
    """The source address of a PROXY v1 header line (with its CRLF); None for UNKNOWN.
    Raises ValueError if it is malformed."""
    if not line.endswith(b"\r\n"):
        raise ValueError("no CRLF within %d bytes" % PROXY_MAX_HEADER)
    words = line[:-2].decode("ascii").split(" ")
    if words[0] != "PROXY" or len(words) < 2:
        raise ValueError("not a PROXY header")
    if words[1] == "UNKNOWN":
        return None
    if words[1] not in ("TCP4", "TCP6") or len(words) != 6:
        raise ValueError("bad PROXY header")
    version = 4 if words[1] == "TCP4" else 6
    src, dst = ipaddress.ip_address(words[2]), ipaddress.ip_address(words[3])
    if src.version != version or dst.version != version:
        raise ValueError("address family does not match %s" % words[1])
    for port in words[4:]:
        if not port.isdigit() or int(port) > 65535 or (len(port) > 1 and port[0] == "0"):
            raise ValueError("bad port %r" % port)
    return str(src), int(words[4])


def read_proxy_header(sock, timeout):
    """Consumes a PROXY v1 header at the start of SOCK if there is one; nothing else is consumed.
    Returns None if the connection does not start with one, else the header line.
    Raises OSError (socket.timeout included) or ValueError."""
    deadline = time.monotonic() + timeout
    saved = sock.gettimeout()
    try:
        data = b""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise socket.timeout("no complete PROXY header within %.0f s" % timeout)
            sock.settimeout(remaining)
            peeked = sock.recv(PROXY_MAX_HEADER, socket.MSG_PEEK)
            if not peeked:
                return None  # closed without sending anything
            if not PROXY_SIGNATURE.startswith(peeked[:len(PROXY_SIGNATURE)]):
                return None
            end = peeked.find(b"\r\n")
            if end >= 0 or len(peeked) >= PROXY_MAX_HEADER:
                size = end + 2 if end >= 0 else PROXY_MAX_HEADER
                line = b""
                while len(line) < size:  # consume exactly the header
                    chunk = sock.recv(size - len(line))
                    if not chunk:
                        raise ValueError("connection closed within the PROXY header")
                    line += chunk
                return line
            if peeked == data:
                time.sleep(0.005)  # only part of the header is there yet
            data = peeked
    finally:
        sock.settimeout(saved)


class Server(ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True
    proxy_trusted = ()  # the networks whose connections may start with a PROXY header

    def trusts(self, host):
        try:
            address = ipaddress.ip_address(host.split("%", 1)[0])
        except ValueError:
            return False
        if address.version == 6 and address.ipv4_mapped:
            address = address.ipv4_mapped
        return any(address in net for net in self.proxy_trusted)


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
    proxy_failed = False

    def setup(self):
        if self.server.proxy_trusted and self.server.trusts(self.client_address[0]):
            try:
                line = read_proxy_header(self.request, PROXY_HEADER_TIMEOUT)
                source = parse_proxy_header(line) if line is not None else None
                if source is not None:
                    self.client_address = source
            except (OSError, ValueError, UnicodeDecodeError) as e:
                print("matrix-test-service: %s:%s: PROXY header: %s; closing"
                      % (self.client_address[0], self.client_address[1], e), file=sys.stderr, flush=True)
                self.proxy_failed = True
        super().setup()

    def handle(self):
        if not self.proxy_failed:
            super().handle()

    def parse_request(self):
        # Without this a PROXY line gets the HTTP/0.9 answer of a bad request line (no status line).
        if self.raw_requestline.startswith(PROXY_SIGNATURE):
            self.command, self.request_version = None, self.protocol_version
            self.requestline = self.raw_requestline.decode("latin-1").rstrip("\r\n")
            self.close_connection = True
            self.send_error(400, None, "PROXY protocol header from a peer not trusted on this port")
            return False
        return super().parse_request()

    def _where(self):
        return {"client": self.client_address[0], "port": self.request.getsockname()[1]}

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
            self._json(200, dict({"versions": ["v1.11"], "server": socket.gethostname()}, **self._where()))
        elif self.path == "/_test/status":
            self._json(200, dict({"server": socket.gethostname(), "pid": os.getpid(), "uid": os.getuid(),
                                  "gid": os.getgid(), "writes": STATE["writes"], "data": self.data_path},
                                 **self._where()))
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
    p.add_argument("--proxy-protocol", action="append", default=[], metavar="PORT=CIDR[,CIDR...]",
                   help="accept a PROXY v1 header on PORT from peers in these networks (repeatable)")
    a = p.parse_args()
    ports = a.port or [8008]
    trusted = {}
    for spec in a.proxy_protocol:
        port, _, cidrs = spec.partition("=")
        try:
            port = int(port)
            nets = [ipaddress.ip_network(c.strip(), strict=False) for c in cidrs.split(",") if c.strip()]
        except ValueError as e:
            p.error("--proxy-protocol %s: %s" % (spec, e))
        if not nets:
            p.error("--proxy-protocol %s: no CIDR" % spec)
        if port not in ports:
            p.error("--proxy-protocol %s: %d is not a --port" % (spec, port))
        trusted.setdefault(port, []).extend(nets)

    data_dir = os.path.join(a.data, "synapse", "data")
    Handler.data_path = a.data
    Handler.server_name = a.server_name
    Handler.fqn = a.fqn
    Handler.federation_port = a.federation_port
    servers = []
    for port in ports:
        server = Server((a.listen, port), Handler)
        server.proxy_trusted = tuple(trusted.get(port, ()))
        servers.append(server)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    threading.Thread(target=writer, args=(data_dir, a.interval), daemon=True).start()
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print("matrix-test-service on %s:%s as uid %d, data %s%s" % (
        a.listen, ports, os.getuid(), data_dir,
        "".join(", PROXY protocol on %d from %s" % (port, ",".join(map(str, nets)))
                for port, nets in sorted(trusted.items()))), flush=True)
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
