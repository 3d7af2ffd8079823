"""Record format of the annotated corpus and the values it may hold.

One JSONL line per article (corpus/README.md documents every field). Spans are
`{"start", "end", "text"}` character offsets into the article's stored text, the text
warta's pipeline makes of the source line (`article`), whose sha256 each record
keeps so that a change in cleaning is caught instead of shifting every offset.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..document import Document
from ..pipeline import process
from ..read.inputs import read_jsonl
from ..settings import Options, load_options

ENTITY_TYPES = ("PERSON", "ORG", "COUNTRY", "LOCATION")
CERTAINTIES = ("asserted", "reported", "claimed", "alleged", "estimated", "expected", "intended",
               "possible", "unconfirmed", "denied")
PRECISIONS = ("day", "month", "year")
DATE_BASES = ("explicit", "relative", "publication")
PUBLISHED_BASES = ("text", "metadata", "crawled", "inferred")
QUANTITY_KINDS = ("count", "money", "percent")
APPROX = ("about", "more_than", "less_than", "almost", "up_to")
SECTORS = ("GOV", "MIL", "COP", "SPY", "LEG", "JUD", "PTY", "REB", "IGO", "NGO", "BUS", "JRN", "EDU",
           "REL", "LAB", "CVL", "ELI", "OPP", "MED", "AGR", "REF")
# Codes a careful annotator needs that ISO 3166-1 does not list.
EXTRA_COUNTRIES = ("XKX",)
SPLITS = ("train", "dev", "test")


@cache
def ontology() -> dict[str, Any]:
    return yaml.safe_load(resources.files("warta.data").joinpath("events", "plover.yaml").read_text("utf-8"))


@cache
def event_types() -> dict[str, tuple[str, ...]]:
    """PLOVER type -> its modes."""
    return {name: tuple(spec.get("modes") or ()) for name, spec in ontology()["event_types"].items()}


@cache
def contexts() -> frozenset[str]:
    return frozenset(ontology()["contexts"])


@cache
def country_codes() -> frozenset[str]:
    rows = resources.files("warta.data").joinpath("language/gazetteer/countries.tsv").read_text("utf-8").splitlines()
    return frozenset([row.split("\t")[0] for row in rows if row and not row.startswith("#")] + list(EXTRA_COUNTRIES))


@dataclass(frozen=True)
class Article:
    """A corpus article as warta stores it: the text the offsets point into."""

    key: str  # 'indosum-dev.jsonl#416'
    text: str
    sentences: tuple[tuple[int, int], ...]
    fields: dict[str, Any]
    document: Document

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def news_folder() -> Path:
    """Where the news corpus lies: $WARTA_NEWS, else the nearest shared/corpus/news above this file."""
    if os.environ.get("WARTA_NEWS"):
        return Path(os.environ["WARTA_NEWS"])
    for folder in Path(__file__).resolve().parents:
        if (folder / "shared/corpus/news").is_dir():
            return folder / "shared/corpus/news"
    return Path("../shared/corpus/news")


def article(key: str, folder: Path | None = None) -> Article:
    """Run warta's pipeline over the source line `key` ('FILE#LINE') and return its stored text."""
    found = articles([key], folder)
    if key not in found:
        raise ValueError(f"{key}: no such line in the news corpus")
    return found[key]


def articles(keys: list[str], folder: Path | None = None, options: Options | None = None) -> dict[str, Article]:
    """Many articles, reading each news file once; `options` choose the pipeline's
    settings (the coder, the NER model), which never change the stored text."""
    wanted: dict[str, dict[int, str]] = {}
    for key in keys:
        name, number = key.split("#")
        wanted.setdefault(name, {})[int(number)] = key
    options = options or load_options(ner_model=False)
    out: dict[str, Article] = {}
    for name, numbers in wanted.items():
        path = (folder or news_folder()) / name
        with open(path, "rb") as stream:
            for n, data in enumerate(stream, start=1):
                if n in numbers:
                    items = list(read_jsonl(str(path), [data], options, first_line=n))
                    if not items or not hasattr(items[0], "payload"):
                        raise ValueError(f"{numbers[n]}: not an article ({getattr(items[0], 'reason', 'empty') if items else 'empty'})")
                    doc = process(items[0], options)
                    if not isinstance(doc, Document):
                        raise ValueError(f"{numbers[n]}: rejected by the pipeline ({getattr(doc, 'reason', doc)})")
                    out[numbers[n]] = Article(numbers[n], doc.text, tuple((s.start, s.end) for s in doc.sentences),
                                              items[0].fields, doc)
    return out


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """Corpus records of one JSONL file; ValueError naming the line when one is not JSON."""
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from None


def write_records(path: Path, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in records), "utf-8")
