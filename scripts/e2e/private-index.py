#!/usr/bin/env python3
"""A private PEP 503 ("simple") package index with HTTP basic auth, stdlib only.

  private-index.py serve --dir DIR [--dir DIR2 ...] --user U [--password P]
                   [--host 127.0.0.1] [--port 0] [--port-file F] [--pid-file F]
                   [--access-log F] [--parent-pid PID]

      Serves the *.whl / *.tar.gz / *.zip files of the DIRs (a later DIR wins on equal
      file names) as /simple/, /simple/<project>/ and /files/<file>. Links carry
      #sha256= and, for wheels, data-requires-python (from the wheel's METADATA), so pip
      resolves exactly as against a real index. Directories are rescanned on every
      request: files added while it runs are served. Every request needs the basic-auth
      credential, else 401. The password may come from the environment variable
      PRIVATE_INDEX_PASSWORD instead of --password (then it is not in `ps` output).

      --port 0 (default) lets the kernel pick a free port: parallel runs never collide;
      the port is written to --port-file (atomically, once listening). Runs in the
      foreground; stop it by the pid it writes. With --parent-pid it also exits by
      itself once that process is gone (a test runner that was killed leaves no server).
      --access-log gets one JSON object per request:
      {"time", "method", "path", "status", "user"} (user: the name sent, or null).

  private-index.py make-wheel --dir DIR --name NAME --version V [--module M]
                   [--requires REQ ...] [--requires-python SPEC]

      Writes a tiny pure-Python wheel NAME-V-py3-none-any.whl (module M with __version__
      and hello()) without pip or setuptools, and prints its path.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import html
import http.server
import io
import json
import os
import re
import sys
import threading
import time
import zipfile

EXTS = (".whl", ".tar.gz", ".zip")


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def dist_name(filename: str) -> str:
    if filename.endswith(".whl"):
        return filename.split("-")[0]
    m = re.match(r"(.+?)-\d", filename)  # sdist: name-version.tar.gz
    return m.group(1) if m else filename


_info_cache: dict[tuple[str, float, int], tuple[str, str | None]] = {}


def file_info(path: str) -> tuple[str, str | None]:
    """(sha256, Requires-Python or None), cached by path, mtime and size"""
    st = os.stat(path)
    key = (path, st.st_mtime, st.st_size)
    if key not in _info_cache:
        with open(path, "rb") as fh:
            data = fh.read()
        requires_python = None
        if path.endswith(".whl"):
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    meta = next(n for n in z.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", n))
                    for line in z.read(meta).decode("utf-8", "replace").splitlines():
                        if not line.strip():
                            break
                        if line.lower().startswith("requires-python:"):
                            requires_python = line.split(":", 1)[1].strip()
            except (StopIteration, zipfile.BadZipFile, KeyError):
                pass
        _info_cache[key] = (hashlib.sha256(data).hexdigest(), requires_python)
    return _info_cache[key]


def scan(dirs: list[str]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """({project: [file names]}, {file name: path})"""
    files: dict[str, str] = {}
    for d in dirs:
        try:
            names = sorted(os.listdir(d))
        except FileNotFoundError:  # a directory being replaced: serve the others
            continue
        for f in names:
            if f.endswith(EXTS) and os.path.isfile(os.path.join(d, f)):
                files[f] = os.path.join(d, f)
    projects: dict[str, list[str]] = {}
    for f in sorted(files):
        projects.setdefault(normalize(dist_name(f)), []).append(f)
    return projects, files


def page(title: str, links: list[tuple[str, str, str | None]]) -> bytes:
    rows = []
    for href, text, requires_python in links:
        attr = f' data-requires-python="{html.escape(requires_python)}"' if requires_python else ""
        rows.append(f'<a href="{html.escape(href)}"{attr}>{html.escape(text)}</a><br/>\n')
    return (f'<!DOCTYPE html><html><head><meta name="pypi:repository-version" content="1.0">'
            f"<title>{html.escape(title)}</title></head><body>\n{''.join(rows)}</body></html>\n").encode()


def serve(a: argparse.Namespace) -> None:
    expected = "Basic " + base64.b64encode(f"{a.user}:{a.password}".encode()).decode()
    dirs = [os.path.abspath(d) for d in a.dir]
    log_lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt: str, *args: object) -> None:  # the access log replaces stderr lines
            pass

        def access(self, status: int) -> None:
            if not a.access_log:
                return
            user = None
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Basic "):
                try:
                    user = base64.b64decode(auth[6:]).decode("utf-8", "replace").split(":", 1)[0]
                except ValueError:
                    user = "?"
            entry = {"time": time.strftime("%Y-%m-%dT%H:%M:%S"), "method": self.command,
                     "path": self.path, "status": status, "user": user}
            with log_lock, open(a.access_log, "a") as fh:
                fh.write(json.dumps(entry) + "\n")

        def send(self, code: int, data: bytes = b"", ctype: str = "text/html; charset=utf-8",
                 extra: tuple[tuple[str, str], ...] = ()) -> None:
            self.send_response(code)
            for k, v in extra:
                self.send_header(k, v)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
            self.access(code)

        def do_GET(self) -> None:
            if self.headers.get("Authorization") != expected:
                return self.send(401, b"auth required\n", extra=(("WWW-Authenticate", 'Basic realm="e2e"'),))
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            projects, files = scan(dirs)
            if path == "/simple":
                return self.send(301, extra=(("Location", "/simple/"),))
            if path == "/simple/":
                return self.send(200, page("Simple index", [(f"{p}/", p, None) for p in sorted(projects)]))
            m = re.fullmatch(r"/simple/([^/]+)/?", path)
            if m:
                name = normalize(m.group(1))
                if name not in projects:
                    return self.send(404, b"not found\n")
                if not path.endswith("/") or m.group(1) != name:
                    return self.send(301, extra=(("Location", f"/simple/{name}/"),))
                links = []
                for f in projects[name]:
                    sha, requires_python = file_info(files[f])
                    links.append((f"../../files/{f}#sha256={sha}", f, requires_python))
                return self.send(200, page(f"Links for {name}", links))
            m = re.fullmatch(r"/files/([^/]+)", path)
            if m and m.group(1) in files:
                with open(files[m.group(1)], "rb") as fh:
                    return self.send(200, fh.read(), ctype="application/octet-stream")
            return self.send(404, b"not found\n")

        do_HEAD = do_GET

    srv = http.server.ThreadingHTTPServer((a.host, a.port), Handler)
    srv.daemon_threads = True
    port = srv.server_address[1]
    if a.pid_file:
        with open(a.pid_file, "w") as fh:
            fh.write(f"{os.getpid()}\n")
    if a.port_file:
        with open(a.port_file + ".tmp", "w") as fh:
            fh.write(f"{port}\n")
        os.replace(a.port_file + ".tmp", a.port_file)
    if a.parent_pid:
        def watch() -> None:
            while True:
                time.sleep(1)
                try:
                    os.kill(a.parent_pid, 0)
                except ProcessLookupError:
                    os._exit(0)
                except PermissionError:
                    pass
        threading.Thread(target=watch, daemon=True).start()
    print(f"serving {' '.join(dirs)} on http://{a.host}:{port}/simple/", flush=True)
    srv.serve_forever()


def make_wheel(a: argparse.Namespace) -> None:
    dist = re.sub(r"[-_.]+", "_", a.name).lower()
    module = a.module or dist
    tag = "py3-none-any"
    info = f"{dist}-{a.version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {a.name}\nVersion: {a.version}\nSummary: e2e test package\n"
    if a.requires_python:
        metadata += f"Requires-Python: {a.requires_python}\n"
    metadata += "".join(f"Requires-Dist: {r}\n" for r in a.requires or [])
    files = {
        f"{module}/__init__.py": (f'__version__ = "{a.version}"\n\n\ndef hello():\n'
                                  f'    return "hello from {a.name} {a.version}"\n'),
        f"{info}/METADATA": metadata,
        f"{info}/WHEEL": f"Wheel-Version: 1.0\nGenerator: private-index.py\nRoot-Is-Purelib: true\nTag: {tag}\n",
        f"{info}/top_level.txt": f"{module}\n",
    }
    record = []
    for p, c in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(c.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{p},sha256={digest},{len(c.encode())}")
    record.append(f"{info}/RECORD,,")
    files[f"{info}/RECORD"] = "\n".join(record) + "\n"
    os.makedirs(a.dir, exist_ok=True)
    out = os.path.join(a.dir, f"{dist}-{a.version}-{tag}.whl")
    with zipfile.ZipFile(out + ".tmp", "w", zipfile.ZIP_DEFLATED) as z:
        for p, c in files.items():
            zi = zipfile.ZipInfo(p, date_time=(2020, 1, 1, 0, 0, 0))
            zi.external_attr = 0o100644 << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, c)
    os.replace(out + ".tmp", out)
    print(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--dir", required=True, action="append")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=0)
    s.add_argument("--user", required=True)
    s.add_argument("--password", default=os.environ.get("PRIVATE_INDEX_PASSWORD"))
    s.add_argument("--port-file")
    s.add_argument("--pid-file")
    s.add_argument("--access-log")
    s.add_argument("--parent-pid", type=int)
    w = sub.add_parser("make-wheel")
    w.add_argument("--dir", required=True)
    w.add_argument("--name", required=True)
    w.add_argument("--version", required=True)
    w.add_argument("--module")
    w.add_argument("--requires", action="append", help="a Requires-Dist value (repeatable)")
    w.add_argument("--requires-python")
    a = ap.parse_args()
    if a.cmd == "serve":
        if not a.host.startswith("127."):
            ap.error("the e2e index listens on loopback only")
        if not a.password:
            ap.error("--password or PRIVATE_INDEX_PASSWORD is required")
        serve(a)
    else:
        make_wheel(a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
