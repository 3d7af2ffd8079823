"""Rules outside the package: an analyst's folder that adds to or overrides the packaged data.

An installed warta keeps its rules in site-packages, which no analyst should edit. A
rules folder (setting `rules_dir`, or `warta --rules DIR ...`) holds the analyst's own
files, laid out as `src/warta/data/` is; every file is optional:

    RULES/events/codebook/<type>.yaml    codebook entries: a new id is added after the packaged
                                         entries of its type, a packaged id is replaced in place
    RULES/language/gazetteer/<file>.tsv  rows read after the packaged rows of the same file
    RULES/clean/boilerplate.yaml         boilerplate rules by group: a packaged id is replaced
    RULES/clean/outlets.tsv              outlet names: an alias named here maps to this canonical name

Each is validated as the packaged file is, and a bad line is named by its path and line
number (`warta rules check DIR`). The loaders that read these files keep what they loaded
per rules folder (the folder is part of their cache key), so changing the active folder
never mixes one folder's rules with another's.
"""

from __future__ import annotations

import hashlib
import re
from importlib import resources
from pathlib import Path

_active: Path | None = None


class RulesError(ValueError):
    """A file of the rules folder cannot be used; the message names the file and line."""


def activate(folder: str | Path | None) -> None:
    """Use `folder` (None or '': the packaged rules alone) from now on in this process.
    `pipeline.process` calls it with the setting `rules_dir` before every document."""
    global _active
    if not folder:
        _active = None
        return
    path = Path(folder).expanduser().resolve()
    if path != _active:
        if not path.is_dir():
            raise RulesError(f"{folder}: the rules folder does not exist (setting rules_dir or --rules)")
        _active = path


def active() -> Path | None:
    """The rules folder in use, resolved, or None."""
    return _active


def user_file(*parts: str, folder: Path | None = None) -> Path | None:
    """RULES/<parts...> when the active (or given) rules folder has that file."""
    base = folder if folder is not None else _active
    if base is None:
        return None
    path = base.joinpath(*parts)
    return path if path.is_file() else None


def stray_files(folder: Path) -> list[str]:
    """Files under `folder` that no loader reads (a misspelt name would otherwise be
    ignored without a word)."""
    stray = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        relative = path.relative_to(folder).parts
        if relative[:2] == ("events", "codebook") and len(relative) == 3 and path.suffix == ".yaml":
            continue
        if relative[:2] == ("language", "gazetteer") and len(relative) == 3 and resources.files("warta.data").joinpath(
                "language", "gazetteer", path.name).is_file():
            continue
        if relative in (("clean", "boilerplate.yaml"), ("clean", "outlets.tsv")) or relative == ("README.md",):
            continue
        stray.append(str(path))
    return stray


def codebook_version(folder: Path | None = None) -> str:
    """'codebook <12 hex>': a hash of the packaged codebook files and the rules folder's
    codebook files. Stored with every event the rule coder makes (`events.coder`), so a
    store tells which rules coded what, and `warta recode` what a change altered."""
    digest = hashlib.sha1()
    packaged = resources.files("warta.data").joinpath("events", "codebook")
    for entry in sorted((p for p in packaged.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name):
        digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    base = folder if folder is not None else _active
    if base is not None and (base / "events" / "codebook").is_dir():
        for path in sorted((base / "events" / "codebook").glob("*.yaml")):
            digest.update(b"user/" + path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"codebook {digest.hexdigest()[:12]}"


def check(folder: str | Path) -> list[str]:
    """Load every file of the rules folder `folder` as warta would, over the packaged
    rules; returns one line per problem (path:line: reason), empty when all is well."""
    from .clean.boilerplate import read_rules
    from .clean.meta import read_outlet_names
    from .events.codebook import CodebookError, read_codebook
    from importlib.resources import files

    path = Path(folder).expanduser().resolve()
    if not path.is_dir():
        return [f"{folder}: not a folder"]
    problems = []
    try:
        read_codebook(files("warta.data").joinpath("events", "codebook"), path / "events" / "codebook")
    except CodebookError as exc:
        problems.append(str(exc))
    for name, loader in (("boilerplate", read_rules), ("outlets", read_outlet_names)):
        try:
            loader(path)
        except ValueError as exc:
            problems.append(str(exc))
    try:
        from .language.entities.gazetteer import read_gazetteer

        read_gazetteer(path)
    except ImportError:  # a warta without rules-folder gazetteers
        pass
    except ValueError as exc:
        problems.append(str(exc))
    problems.extend(f"{stray}: not a rules file warta reads (see 'warta rules check --help')" for stray in stray_files(path))
    return problems


def summary(folder: str | Path) -> str:
    """What a valid rules folder adds, in one line: 'codebook: 2 entries (1 new, 1 replacing
    a packaged one); gazetteer: persons.tsv 3 rows; boilerplate: 1 rule; outlets: 2 lines'."""
    from importlib.resources import files

    from .events.codebook import read_codebook

    path = Path(folder).expanduser().resolve()
    parts = []
    packaged = {e.id for e in read_codebook(files("warta.data").joinpath("events", "codebook")).entries}
    user_ids = []
    for file in sorted((path / "events" / "codebook").glob("*.yaml")):
        ids = re.findall(r"^\s*-\s*\{?\s*id:\s*([\w.]+)", file.read_text("utf-8"), re.M)
        user_ids.extend(ids)
    if user_ids:
        replacing = sum(1 for i in user_ids if i in packaged)
        parts.append(f"codebook: {len(user_ids)} entries ({len(user_ids) - replacing} new, {replacing} replacing packaged ones)")
    rows = [f"{file.name} {_data_lines(file)} rows" for file in sorted((path / "language" / "gazetteer").glob("*"))
            if file.is_file()]
    if rows:
        parts.append("gazetteer: " + ", ".join(rows))
    for name, what in (("boilerplate.yaml", "boilerplate"), ("outlets.tsv", "outlets")):
        file = path / "clean" / name
        if file.is_file():
            count = len(re.findall(r"^\s*-\s", file.read_text("utf-8"), re.M)) if name.endswith(".yaml") else _data_lines(file)
            parts.append(f"{what}: {count} {'rules' if name.endswith('.yaml') else 'lines'}")
    return "ok; " + ("; ".join(parts) if parts else "no rules files (the packaged rules alone)")


def _data_lines(file: Path) -> int:
    return sum(1 for line in file.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#"))


def refresh() -> None:
    """Forget what the loaders read from rules folders, so edited files are read again
    (`warta fetch --every` before each run: an analyst may change the rules meanwhile)."""
    from . import pipeline
    from .clean import boilerplate, meta
    from .events import codebook
    from .language.entities import gazetteer

    for cached in (codebook._load_codebook, boilerplate._rules, meta._outlet_names, gazetteer.read_gazetteer,
                   pipeline._codebook_version):
        cached.cache_clear()
