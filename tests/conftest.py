"""Shared fixtures: the real seed articles, a store built from them by the real CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warta.views.cli import app
from warta.settings import load_options
from warta.store.database import Store

ROOT = Path(__file__).resolve().parents[1]
# The rule coder's tests run the rule coder (see tests/data/rules-coder.toml); the
# learned coder's tests ask for it.
os.environ.setdefault("WARTA_CONFIG", str(ROOT / "tests" / "data" / "rules-coder.toml"))
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
NEWS = SHARED / "corpus" / "news"
EXAMPLES = ROOT / "examples"

needs_shared = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/corpus is not beside the repo")


def seed(prefix: str) -> Path:
    """A seed file by its number, e.g. seed('002')."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def news_records(name: str, ids: set[str]) -> dict[str, dict]:
    """Records of ../shared/corpus/news/NAME with the given ids."""
    found = {}
    with open(NEWS / name, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in ids:
                found[record["id"]] = record
    return found


def run_cli(*args: str, input: bytes | None = None):
    """Run the real `warta` CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="session")
def options():
    return load_options()


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """A store holding the five seed articles, ingested once for the whole run."""
    if not SEEDS.exists():
        pytest.skip("../shared/corpus is not beside the repo")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = run_cli("ingest", str(SEEDS), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    return db


@pytest.fixture(scope="session")
def seed_docs(seeds_db) -> dict[str, dict]:
    """Stored seed documents keyed by their number ('000' ... '004')."""
    with Store(seeds_db, readonly=True) as store:
        rows = list(store.rows("SELECT * FROM documents"))
    return {Path(row["source"]).name[:3]: row for row in rows}
