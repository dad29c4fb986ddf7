#!/usr/bin/env python3
"""Turn Debian's pure-Python packages into real, installable py3-none-any wheels.

No Python package index is reachable from CI, only Debian's mirror. The e2e tests still
need realistic dependencies (requests and its dependency graph, build backends such as
hatchling, flit_core, poetry-core) served by the local private index, so this script
takes them from Debian:

  repack-debian-wheels.py --out DIR [--debs DIR] [--verify REPORT.json] [PKG ...]

For each Debian package (default: DEFAULT_PACKAGES below) it runs `apt-get download`
(cached in --debs; nothing is installed on the host), extracts the .deb with dpkg-deb
and, for every *.dist-info / *.egg-info in usr/lib/python3/dist-packages, writes
NAME-VERSION-py3-none-any.whl with:

  * the distribution's files (from its RECORD, or its top_level.txt for egg-info),
    without __pycache__; packages with compiled extensions are refused (not pure)
  * METADATA from Debian's METADATA / PKG-INFO, keeping the real Requires-Dist (egg-info
    requires.txt sections are converted, [extra:marker] included) so that pip resolves
    the dependency graph from the index; local version labels (1.0.0+repack) dropped
  * WHEEL (Root-Is-Purelib, Tag py3-none-any), entry_points.txt, top_level.txt,
    DEBIAN-SOURCE (which .deb it came from) and DEBIAN-COPYRIGHT
  * RECORD with sha256 hashes and sizes; zip entries in a fixed order with fixed dates,
    so the same .deb always gives the same bytes

Packages named python3-*-whl ship upstream-built wheels in /usr/share/python-wheels
(setuptools, wheel, pip): those are copied as they are.

Where Debian changed a package's dependency metadata, OVERRIDES below says what and why.

--verify installs every repacked project on its own with the running interpreter's pip
from DIR alone (--no-index --find-links) into a temporary --target and imports its
modules with site-packages off (so a dependency Debian left implicit fails), and builds
a tiny project with each build backend (pip wheel --no-deps, build isolation fed from
DIR); the results go to REPORT.json and stderr. Use Debian's /usr/bin/python3: Debian's
setuptools wheel only works on Debian's Python.
"""
from __future__ import annotations

import argparse
import base64
import csv
import email.parser
import glob
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

RUNTIME = [
    "python3-requests", "python3-urllib3", "python3-idna", "python3-certifi",
    "python3-charset-normalizer", "python3-chardet", "python3-click", "python3-six",
    "python3-attr", "python3-typing-extensions",
]
BACKENDS = [
    "python3-hatchling", "python3-packaging", "python3-pathspec", "python3-pluggy",
    "python3-trove-classifiers", "python3-poetry-core",
    "flit",  # Debian ships flit_core inside the flit package (bookworm has no python3-flit-core)
    # versions from git tags: setuptools-scm (also read by hatch-vcs) and the hatch plugin
    "python3-setuptools-scm", "python3-hatch-vcs",
]
UPSTREAM_WHEELS = ["python3-setuptools-whl", "python3-wheel-whl", "python3-pip-whl"]
DEFAULT_PACKAGES = RUNTIME + BACKENDS + UPSTREAM_WHEELS

# Only these distributions are taken from a package holding several. flit's own
# distribution (the CLI) needs docutils and tomli-w, which are not served.
ONLY_DISTS = {"flit": {"flit-core"}}

OVERRIDES = {
    # Debian's requests has no install_requires at all (Debian patches setup.py and
    # expresses them as package Depends). Restore upstream 2.28.1's, with
    # charset_normalizer's upper bound relaxed as Debian did (it ships 3.0.1).
    "requests": {
        "add": ["charset_normalizer<4,>=2", "idna<4,>=2.5", "urllib3<1.27,>=1.21.1",
                "certifi>=2017.4.17"],
    },
    # Debian de-vendors six from urllib3 (urllib3.packages.six is gone; urllib3 imports
    # the top-level six, and the package Depends on python3-six).
    "urllib3": {"add": ["six"]},
    # Debian removes flit_core's vendored tomli (needed only before Python 3.11, which
    # has tomllib). tomli itself is not served.
    "flit-core": {"add": ['tomli; python_version < "3.11"']},
    # editables is not packaged in bookworm (so Debian's python3-hatchling doesn't depend
    # on it either); hatchling imports it only to build *editable* wheels.
    "hatchling": {"drop": ["editables"]},
}

TAG = "py3-none-any"
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
SKIP_META = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json", "WHEEL", "METADATA",
             "PKG-INFO", "requires.txt", "SOURCES.txt", "dependency_links.txt", "not-zip-safe",
             "zip-safe", "installed-files.txt"}


def log(msg: str) -> None:
    print(f"[e2e:wheels] {msg}", file=sys.stderr, flush=True)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def escaped(name: str) -> str:  # the name part of wheel file and .dist-info names
    return re.sub(r"[-_.]+", "_", name).lower()


def req_name(req: str) -> str:
    return canonical(re.split(r"[\s;<>=!~\[(@]", req.strip(), maxsplit=1)[0])


def b64sha256(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


# --- .deb handling ---------------------------------------------------------------------
def download(pkgs: list[str], debs: str) -> dict[str, str]:
    os.makedirs(debs, exist_ok=True)
    have = {}
    for p in pkgs:
        found = sorted(glob.glob(os.path.join(debs, f"{p}_*.deb")), key=os.path.getmtime)
        if found:
            have[p] = found[-1]
    missing = [p for p in pkgs if p not in have]
    if missing:
        log("apt-get download " + " ".join(missing))
        # the sandbox user _apt can't write into root's cache dir: download as root
        cmd = ["apt-get", "-q", "-o", "APT::Sandbox::User=root", "download", *missing]
        r = subprocess.run(cmd, cwd=debs, capture_output=True, text=True)
        if r.returncode != 0:  # package lists too old for the mirror (404): refresh, retry once
            log("apt-get download failed; apt-get update and retry")
            subprocess.run(["apt-get", "-q", "update"], capture_output=True)
            r = subprocess.run(cmd, cwd=debs, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"apt-get download failed:\n{r.stdout}{r.stderr}")
        for p in missing:
            found = sorted(glob.glob(os.path.join(debs, f"{p}_*.deb")), key=os.path.getmtime)
            if not found:
                sys.exit(f"apt-get download gave no .deb for {p}")
            have[p] = found[-1]
    return have


def deb_field(deb: str, field: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", deb, field], check=True, capture_output=True,
                          text=True).stdout.strip()


# --- metadata --------------------------------------------------------------------------
def requires_txt(text: str) -> tuple[list[str], list[str]]:
    """setuptools' egg-info requires.txt -> (Requires-Dist values, Provides-Extra values)"""
    reqs: list[str] = []
    extras: list[str] = []
    extra, marker = "", ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"\[(.*)\]", line)
        if m:
            extra, _, marker = (s.strip() for s in m.group(1).partition(":"))
            if extra and extra not in extras:
                extras.append(extra)
            continue
        conds = []
        if marker:
            conds.append(f"({marker})" if extra else marker)
        if extra:
            conds.append(f'extra == "{extra}"')
        reqs.append(line + ("; " + " and ".join(conds) if conds else ""))
    return reqs, extras


def build_metadata(src_text: str, requires: tuple[list[str], list[str]] | None,
                   name: str, version: str) -> str:
    msg = email.parser.Parser().parsestr(src_text)
    headers = [(k, v) for k, v in msg.items()]
    payload = msg.get_payload()
    if requires is not None:  # egg-info: requirements live in requires.txt
        headers = [(k, v) for k, v in headers if k not in ("Requires-Dist", "Provides-Extra")]
        headers += [("Requires-Dist", r) for r in requires[0]]
        headers += [("Provides-Extra", e) for e in requires[1]]
    ov = OVERRIDES.get(canonical(name), {})
    drop = {canonical(d) for d in ov.get("drop", [])}
    headers = [(k, v) for k, v in headers if not (k == "Requires-Dist" and req_name(v) in drop)]
    present = {req_name(v) for k, v in headers if k == "Requires-Dist"}
    headers += [("Requires-Dist", r) for r in ov.get("add", []) if req_name(r) not in present]
    out = []
    for k, v in headers:
        if k == "Version":
            v = version
        out.append(f"{k}: {v}")
    text = "\n".join(out) + "\n"
    if isinstance(payload, str) and payload.strip():
        text += "\n" + payload.lstrip("\n")
    return text


def top_level_of(files: list[str]) -> list[str]:
    tops = set()
    for f in files:
        first = f.split("/", 1)[0]
        tops.add(first[:-3] if "/" not in f and first.endswith(".py") else first)
    return sorted(tops)


# --- one distribution ------------------------------------------------------------------
def dist_files(site: str, meta: str) -> list[str] | None:
    """paths (relative to site) that a dist-info's RECORD or an egg-info's top_level claims"""
    record = os.path.join(meta, "RECORD")
    if os.path.isfile(record):
        out = []
        with open(record, newline="") as fh:
            for row in csv.reader(fh):
                p = row[0] if row else ""
                if not p or p.startswith(("..", "/")) or p.startswith(os.path.basename(meta) + "/"):
                    continue
                if "__pycache__" in p or p.endswith(".pyc"):
                    continue
                if os.path.isfile(os.path.join(site, p)):
                    out.append(p)
        return out
    top = os.path.join(meta, "top_level.txt")
    if os.path.isdir(meta) and os.path.isfile(top):
        out = []
        for name in open(top).read().split():
            if os.path.isfile(os.path.join(site, name + ".py")):
                out.append(name + ".py")
            for root, dirs, fs in os.walk(os.path.join(site, name)):
                dirs[:] = [d for d in dirs if d != "__pycache__"]
                out += [os.path.relpath(os.path.join(root, f), site) for f in fs if not f.endswith(".pyc")]
        return out
    return None  # unknown: takes whatever no other distribution of the package claims


def write_wheel(out_dir: str, site: str, meta: str, files: list[str], pkg: str,
                pkg_version: str, copyright_file: str | None) -> str:
    is_egg = meta.endswith(".egg-info")
    src_meta = os.path.join(meta, "PKG-INFO") if is_egg else os.path.join(meta, "METADATA")
    if os.path.isfile(meta):  # a single-file egg-info is the PKG-INFO itself
        src_meta = meta
    src_text = open(src_meta, encoding="utf-8").read()
    parsed = email.parser.Parser().parsestr(src_text, headersonly=True)
    name = parsed["Name"]
    version = re.sub(r"\+.*$", "", parsed["Version"])  # Debian's local labels (1.0.0+repack)
    requires = None
    if is_egg:
        req = os.path.join(meta, "requires.txt")
        requires = requires_txt(open(req).read()) if os.path.isfile(req) else ([], [])
    for f in files:
        if f.endswith((".so", ".pyd")) or ".so." in f:
            raise SystemExit(f"{pkg}: {name} has a compiled extension ({f}): not pure Python")

    info = f"{escaped(name)}-{version}.dist-info"
    entries: list[tuple[str, bytes, int]] = []  # path, data, mode
    for f in sorted(files):
        path = os.path.join(site, f)
        with open(path, "rb") as fh:
            entries.append((f, fh.read(), 0o755 if os.access(path, os.X_OK) else 0o644))
    meta_files: dict[str, bytes] = {
        "METADATA": build_metadata(src_text, requires, name, version).encode(),
        "WHEEL": (f"Wheel-Version: 1.0\nGenerator: microb-e2e repack-debian-wheels\n"
                  f"Root-Is-Purelib: true\nTag: {TAG}\n").encode(),
        "DEBIAN-SOURCE": (f"Repacked by scripts/e2e/repack-debian-wheels.py from the Debian "
                          f"package {pkg} {pkg_version}.\n").encode(),
    }
    if os.path.isdir(meta):
        for f in sorted(os.listdir(meta)):
            p = os.path.join(meta, f)
            if f not in SKIP_META and os.path.isfile(p):
                meta_files[f] = open(p, "rb").read()
    if "top_level.txt" not in meta_files:
        meta_files["top_level.txt"] = ("\n".join(top_level_of(files)) + "\n").encode()
    if copyright_file:
        meta_files["DEBIAN-COPYRIGHT"] = open(copyright_file, "rb").read()
    for f, data in sorted(meta_files.items()):
        entries.append((f"{info}/{f}", data, 0o644))

    record = io.StringIO()
    w = csv.writer(record, lineterminator="\n")
    for p, data, _ in entries:
        w.writerow([p, f"sha256={b64sha256(data)}", len(data)])
    w.writerow([f"{info}/RECORD", "", ""])
    entries.append((f"{info}/RECORD", record.getvalue().encode(), 0o644))

    out = os.path.join(out_dir, f"{escaped(name)}-{version}-{TAG}.whl")
    with zipfile.ZipFile(out + ".tmp", "w", zipfile.ZIP_DEFLATED) as z:
        for p, data, mode in entries:
            zi = zipfile.ZipInfo(p, date_time=ZIP_DATE)
            zi.external_attr = (0o100000 | mode) << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    os.replace(out + ".tmp", out)
    return out


def repack(pkg: str, deb: str, out_dir: str) -> list[str]:
    version = deb_field(deb, "Version")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", deb, tmp], check=True)
        if pkg.endswith("-whl"):  # upstream-built wheels: copy
            got = []
            for whl in glob.glob(os.path.join(tmp, "usr/share/python-wheels/*.whl")):
                shutil.copy2(whl, out_dir)
                got.append(os.path.join(out_dir, os.path.basename(whl)))
            if not got:
                raise SystemExit(f"{pkg}: no wheel in /usr/share/python-wheels")
            return got
        site = os.path.join(tmp, "usr/lib/python3/dist-packages")
        metas = sorted(glob.glob(os.path.join(site, "*.dist-info")) + glob.glob(os.path.join(site, "*.egg-info")))
        if not metas:
            raise SystemExit(f"{pkg}: no dist-info/egg-info in usr/lib/python3/dist-packages")
        copyright_file = os.path.join(tmp, "usr/share/doc", pkg, "copyright")
        copyright_file = copyright_file if os.path.isfile(copyright_file) else None

        all_files = []
        for root, dirs, fs in os.walk(site):
            dirs[:] = [d for d in dirs if d != "__pycache__" and not d.endswith((".dist-info", ".egg-info"))]
            all_files += [os.path.relpath(os.path.join(root, f), site) for f in fs if not f.endswith(".pyc")]
        claims = {m: dist_files(site, m) for m in metas}
        claimed = {f for fs in claims.values() if fs for f in fs}
        unclaimed = sorted(f for f in all_files if f not in claimed and not f.endswith((".egg-info",)))
        if unclaimed:
            if len(metas) == 1:
                claims[metas[0]] = (claims[metas[0]] or []) + unclaimed
            else:
                log(f"{pkg}: files owned by no distribution, left out: {' '.join(unclaimed[:10])}")

        got = []
        for m in metas:
            dist = canonical(re.sub(r"-[^-]*\.(dist|egg)-info$", "", os.path.basename(m)))
            if pkg in ONLY_DISTS and dist not in ONLY_DISTS[pkg]:
                continue
            files = claims[m] or []
            if not files:
                raise SystemExit(f"{pkg}: no files found for {os.path.basename(m)}")
            got.append(write_wheel(out_dir, site, m, files, pkg, version, copyright_file))
        return got


# --- verification ----------------------------------------------------------------------
PROJECTS = {
    "setuptools": ('[build-system]\nrequires = ["setuptools>=61", "wheel"]\n'
                   'build-backend = "setuptools.build_meta"\n'),
    "hatchling": ('[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
                  '[tool.hatch.build.targets.wheel]\npackages = ["src/{mod}"]\n'),
    "flit_core": ('[build-system]\nrequires = ["flit_core>=3.2,<4"]\n'
                  'build-backend = "flit_core.buildapi"\n'),
    "poetry-core": ('[build-system]\nrequires = ["poetry-core>=1.0.0"]\n'
                    'build-backend = "poetry.core.masonry.api"\n'),
}


def wheel_meta(whl: str) -> tuple[str, list[str]]:
    """(project name, top-level import names) of a wheel"""
    with zipfile.ZipFile(whl) as z:
        info = next(n.split("/")[0] for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(z.read(f"{info}/METADATA").decode(), headersonly=True)
        names = z.namelist()
        tops = (z.read(f"{info}/top_level.txt").decode().split() if f"{info}/top_level.txt" in names
                else top_level_of([n for n in names if not n.startswith(info)]))
    return meta["Name"], [t for t in tops if t.isidentifier()]


def verify(out_dir: str, report: str, repacked: list[str]) -> bool:
    from concurrent.futures import ThreadPoolExecutor

    env = dict(os.environ, PIP_CONFIG_FILE=os.devnull, PIP_NO_INPUT="1",
               PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONDONTWRITEBYTECODE="1")
    pip = [sys.executable, "-m", "pip"]
    if subprocess.run(pip + ["--version"], capture_output=True, env=env).returncode != 0:
        log(f"no pip for {sys.executable}: verification skipped")
        return True

    def install_and_import(whl: str, tmp: str) -> tuple[str, str]:
        """install one project from the wheelhouse alone (its dependencies resolved from
        there), then import its modules with site-packages off: a dependency that Debian
        made implicit (de-vendoring) shows up as an ImportError"""
        name, tops = wheel_meta(whl)
        target = os.path.join(tmp, canonical(name))
        r = subprocess.run(pip + ["install", "-q", "--no-index", "--find-links", out_dir,
                                  "--target", target, name], capture_output=True, text=True, env=env)
        if r.returncode != 0:
            return f"install {name}", "FAILED: " + (r.stderr.strip().splitlines() or ["?"])[-1]
        code = ("import importlib, sys; sys.path.insert(0, sys.argv[1])\n"
                "for m in sys.argv[2:]:\n"
                "    mod = importlib.import_module(m)\n"
                "    assert (mod.__file__ or sys.argv[1]).startswith(sys.argv[1]), mod.__file__\n")
        r = subprocess.run([sys.executable, "-S", "-c", code, target, *tops], capture_output=True, text=True)
        if r.returncode != 0:
            return f"install {name}", "FAILED: " + (r.stderr.strip().splitlines() or ["?"])[-1]
        return f"install {name}", "ok: imports " + " ".join(tops)

    results: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        with ThreadPoolExecutor(max_workers=4) as pool:
            for k, v in pool.map(lambda w: install_and_import(w, tmp), repacked):
                results[k] = v
        for backend, build_system in PROJECTS.items():
            mod = f"e2e_{escaped(backend)}_proj"
            proj = os.path.join(tmp, mod)
            pkg_dir = os.path.join(proj, "src", mod) if backend == "hatchling" else os.path.join(proj, mod)
            os.makedirs(pkg_dir)
            with open(os.path.join(pkg_dir, "__init__.py"), "w") as fh:
                fh.write('"""e2e project"""\n__version__ = "0.1.0"\n')
            if backend == "poetry-core":
                meta = (f'[tool.poetry]\nname = "{mod}"\nversion = "0.1.0"\ndescription = "e2e"\n'
                        f'authors = ["ci <ci@localhost>"]\n')
            elif backend == "flit_core":  # flit takes both from the module
                meta = f'[project]\nname = "{mod}"\ndynamic = ["version", "description"]\n'
            else:
                meta = f'[project]\nname = "{mod}"\nversion = "0.1.0"\ndescription = "e2e"\n'
            with open(os.path.join(proj, "pyproject.toml"), "w") as fh:
                fh.write(build_system.format(mod=mod) + meta)
            wheels = os.path.join(tmp, "wheels-" + mod)
            r = subprocess.run(pip + ["wheel", "-q", "--no-deps", "--no-index", "--find-links", out_dir,
                                      "-w", wheels, proj], capture_output=True, text=True, env=env)
            built = glob.glob(os.path.join(wheels, f"{mod}-0.1.0-*.whl"))
            if r.returncode == 0 and built:
                results[f"backend {backend}"] = "ok: " + os.path.basename(built[0])
            else:
                results[f"backend {backend}"] = "FAILED: " + (r.stderr.strip().splitlines() or ["?"])[-1]
    failed = {k: v for k, v in results.items() if not v.startswith("ok")}
    for k, v in failed.items():
        log(f"verify {k}: {v}")
    installs = [k for k in results if k.startswith("install ")]
    backends = [k.split(" ", 1)[1] for k in results if k.startswith("backend ") and k not in failed]
    log(f"verified: {len(installs) - sum(k in failed for k in installs)}/{len(installs)} projects install "
        f"alone and import; backends that build offline: {', '.join(backends) or 'none'}")
    with open(report, "w") as fh:
        json.dump(results, fh, indent=2)
    return all(v.startswith("ok") for v in results.values())


def depends_notes(pkgs: dict[str, list[str]], debs: dict[str, str]) -> None:
    """Debian Depends on a repacked package that the wheel's metadata doesn't require:
    often a Debian-only choice (fine), sometimes de-vendoring (needs an OVERRIDES entry;
    verify() then fails on the import)"""
    dists = {p: [wheel_meta(w)[0] for w in ws] for p, ws in pkgs.items()}
    for pkg, wheels in pkgs.items():
        if len(wheels) != 1 or pkg.endswith("-whl") or pkg in ONLY_DISTS:
            continue
        with zipfile.ZipFile(wheels[0]) as z:
            meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
            text = z.read(meta).decode()
        required = {req_name(line.split(":", 1)[1]) for line in text.splitlines()
                    if line.startswith("Requires-Dist:") and "extra ==" not in line}
        for dep in deb_field(debs[pkg], "Depends").split(","):
            dep = dep.strip()
            if "|" in dep:
                continue
            dep_pkg = dep.split()[0] if dep else ""
            for d in dists.get(dep_pkg, []):
                if canonical(d) not in required:
                    log(f"note: Debian's {pkg} depends on {dep_pkg}, the wheel does not require {d}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="wheel directory (created)")
    ap.add_argument("--debs", help="where downloaded .debs are kept (default OUT/../debs)")
    ap.add_argument("--verify", metavar="REPORT", help="verify the wheels, write a JSON report")
    ap.add_argument("packages", nargs="*", help="Debian packages (default: %(default)s)",
                    default=DEFAULT_PACKAGES)
    a = ap.parse_args()
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    debs = download(a.packages, a.debs or os.path.join(os.path.dirname(out), "debs"))
    made: dict[str, list[str]] = {}
    for pkg in a.packages:
        made[pkg] = repack(pkg, debs[pkg], out)
        for whl in made[pkg]:
            print(whl)
    log(f"{sum(len(w) for w in made.values())} wheels in {out}")
    depends_notes(made, debs)
    repacked = [w for p, ws in made.items() if not p.endswith("-whl") for w in ws]
    if a.verify and not verify(out, a.verify, repacked):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
