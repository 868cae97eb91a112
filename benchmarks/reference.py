"""The `matching` package of another git revision, importable beside this tree's (as `matching_ref`),
so that a benchmark can rank with both in one process and check they agree."""

from __future__ import annotations

import atexit
import importlib
import io
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
GIT = shutil.which("git") or "/usr/bin/git"
IMPORTS = re.compile(r"\b(from|import) matching\.")


def reference_matching(ref: str) -> tuple[ModuleType, ModuleType, ModuleType]:
    """(engine, snapshot, kinds) modules of `matching` as of `ref`, extracted to a temporary folder."""
    archive = subprocess.run([GIT, "archive", ref, "matching"], cwd=ROOT, capture_output=True, check=True).stdout  # noqa: S603
    folder = Path(tempfile.mkdtemp(prefix="matching-ref-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # imported from until the process ends
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    (folder / "matching").rename(folder / "matching_ref")
    for path in (folder / "matching_ref").glob("*.py"):
        path.write_text(IMPORTS.sub(r"\1 matching_ref.", path.read_text(encoding="utf-8")), encoding="utf-8")
    sys.path.insert(0, str(folder))
    return tuple(importlib.import_module(f"matching_ref.{name}") for name in ("engine", "snapshot", "kinds"))  # type: ignore[return-value]
