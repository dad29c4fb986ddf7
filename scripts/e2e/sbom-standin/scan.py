"""A STAND-IN for docker/buildkit-syft-scanner, for e2e tests only (that image can't be pulled here).

It follows BuildKit's SBOM scanner protocol (docs/attestations/sbom-protocol.md): scan the root
filesystem at $BUILDKIT_SCAN_SOURCE (and each one under $BUILDKIT_SCAN_SOURCE_EXTRAS, if any) and
write one in-toto statement per filesystem, predicate an SPDX 2.3 JSON document, to
$BUILDKIT_SCAN_DESTINATION/<name>.spdx.json. What it finds is deliberately simple: Python
distributions (*.dist-info/METADATA) and Debian packages (var/lib/dpkg/status). Not a real
scanner: no files, no licenses, no relationships beyond DESCRIBES.
"""

import email.parser
import json
import os
import re
import sys
import uuid

TOOL = "microb-e2e-sbom-standin-1"


def spdx_id(kind, name, version):
    return "SPDXRef-" + re.sub(r"[^A-Za-z0-9.-]", "-", f"{kind}-{name}-{version}")


def python_packages(root):
    seen = set()
    for dirpath, dirnames, _ in os.walk(root):
        # never leave the scanned filesystem, never follow links
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        rel = os.path.relpath(dirpath, root)
        if rel.split(os.sep)[0] in ("proc", "sys", "dev"):
            dirnames[:] = []
            continue
        for d in list(dirnames):
            if not d.endswith(".dist-info"):
                continue
            meta = os.path.join(dirpath, d, "METADATA")
            if not os.path.isfile(meta):
                continue
            with open(meta, encoding="utf-8", errors="replace") as f:
                msg = email.parser.Parser().parse(f, headersonly=True)
            name, version = msg.get("Name"), msg.get("Version")
            if name and version and (name.lower(), version) not in seen:
                seen.add((name.lower(), version))
                yield ("pypi", name, version)


def debian_packages(root):
    status = os.path.join(root, "var/lib/dpkg/status")
    if not os.path.isfile(status):
        return
    with open(status, encoding="utf-8", errors="replace") as f:
        for stanza in f.read().split("\n\n"):
            fields = dict(
                line.split(": ", 1) for line in stanza.splitlines() if ": " in line and not line.startswith(" ")
            )
            if fields.get("Package") and "installed" in fields.get("Status", "").split():
                yield ("deb", fields["Package"], fields.get("Version", ""))


def document(name, root):
    packages = []
    for kind, pkg, version in [*python_packages(root), *debian_packages(root)]:
        purl = f"pkg:pypi/{pkg.lower()}@{version}" if kind == "pypi" else f"pkg:deb/debian/{pkg}@{version}"
        packages.append(
            {
                "name": pkg,
                "SPDXID": spdx_id(kind, pkg, version),
                "versionInfo": version,
                "downloadLocation": "NOASSERTION",
                "filesAnalyzed": False,
                "externalRefs": [
                    {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": purl}
                ],
            }
        )
    return {
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": f"{name} (scanned by a stand-in scanner)",
        "documentNamespace": f"https://microb.invalid/e2e/sbom-standin/{uuid.uuid4()}",
        "creationInfo": {"created": "1970-01-01T00:00:00Z", "creators": [f"Tool: {TOOL}"]},
        "packages": packages,
        "relationships": [
            {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": p["SPDXID"]}
            for p in packages
        ],
    }


def write(dest, name, root):
    statement = {
        "_type": "https://in-toto.io/Statement/v0.1",
        "predicateType": "https://spdx.dev/Document",
        "subject": [],
        "predicate": document(name, root),
    }
    with open(os.path.join(dest, f"{name}.spdx.json"), "w", encoding="utf-8") as f:
        json.dump(statement, f)
    print(f"{TOOL}: {name}: {len(statement['predicate']['packages'])} packages", file=sys.stderr)


def main():
    dest = os.environ["BUILDKIT_SCAN_DESTINATION"]
    source = os.environ["BUILDKIT_SCAN_SOURCE"]
    write(dest, os.path.basename(source.rstrip("/")), source)
    extras = os.environ.get("BUILDKIT_SCAN_SOURCE_EXTRAS", "")
    if extras and os.path.isdir(extras):
        for entry in sorted(os.listdir(extras)):
            if os.path.isdir(os.path.join(extras, entry)):
                write(dest, entry, os.path.join(extras, entry))


if __name__ == "__main__":
    main()
