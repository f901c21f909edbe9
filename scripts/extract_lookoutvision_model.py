"""Produce moto_ext/data/lookoutvision from the botocore 1.40.60 wheel.

Lookout for Vision left botocore in 1.40.61. This script takes the model files of the last
release that has them, drops every documentation string (only the machine-readable facts are
kept) and writes them as plain JSON under moto_ext/data/lookoutvision/2020-11-20/.

Usage:  python scripts/extract_lookoutvision_model.py [path/to/botocore-1.40.60-py3-none-any.whl]
Without a path the wheel is fetched from PyPI with pip.
"""

import gzip
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL_VERSION = "1.40.60"
SERVICE = "lookoutvision"
SOURCE_DIR = "botocore/data/lookoutvision/2020-11-20/"
TARGET_DIR = Path(__file__).resolve().parent.parent / "moto_ext" / "data" / "lookoutvision" / "2020-11-20"
FILES = ("service-2", "paginators-1", "endpoint-rule-set-1")
DOC_KEYS = {"documentation", "documentationUrl", "examples"}


def strip_docs(node):
    if isinstance(node, dict):
        return {k: strip_docs(v) for k, v in node.items() if k not in DOC_KEYS}
    if isinstance(node, list):
        return [strip_docs(v) for v in node]
    return node


def fetch_wheel(folder: str) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", folder, f"botocore=={WHEEL_VERSION}"],
        check=True,
    )
    return next(Path(folder).glob("botocore-*.whl"))


def read_member(wheel: zipfile.ZipFile, name: str) -> dict:
    names = set(wheel.namelist())
    for candidate in (SOURCE_DIR + name + ".json", SOURCE_DIR + name + ".json.gz"):
        if candidate in names:
            raw = wheel.read(candidate)
            if candidate.endswith(".gz"):
                raw = gzip.decompress(raw)
            return json.loads(raw)
    raise FileNotFoundError(f"{name} not in the wheel")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        wheel_path = Path(sys.argv[1]) if len(sys.argv) > 1 else fetch_wheel(tmp)
        TARGET_DIR.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(wheel_path) as wheel:
            for name in FILES:
                model = strip_docs(read_member(wheel, name))
                out = TARGET_DIR / f"{name}.json"
                out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n")
                print(f"wrote {out.relative_to(TARGET_DIR.parent.parent.parent)}")
            # the service's entry of botocore's endpoints data (its regions), in the same layout
            endpoints = json.loads(wheel.read("botocore/data/endpoints.json"))
            entry = {
                "partitions": [
                    {"partition": p["partition"], "services": {SERVICE: p["services"][SERVICE]}}
                    for p in endpoints["partitions"]
                    if SERVICE in p.get("services", {})
                ]
            }
            out = TARGET_DIR / "endpoints.json"
            out.write_text(json.dumps(entry, indent=1, sort_keys=True) + "\n")
            print(f"wrote {out.relative_to(TARGET_DIR.parent.parent.parent)}")


if __name__ == "__main__":
    main()
