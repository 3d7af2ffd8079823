"""Countries the annotated corpus gives names: `models/names.tsv`.

The annotators of `corpus/` gave every named person, organisation and place its country
(docs/annotation.md, section 3). `scripts/train_models.py names` keeps each name of the
train split, by type, whose annotations agree on one country often enough (thresholds chosen
on the dev split, in the file's header and `report.json`). A mention that the text itself
gives no country (no title, apposition, origin or head names one) takes the corpus's before
the story's main country is guessed for it (`countries.home_countries`): "Neymar" in a
story about a Spanish club is Brazilian, "Song Tao" in one about Indonesia Chinese.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ...document import Mention
from ...models import model_file
from .reading import Doc

NAMES_FILE = "names.tsv"
COLUMNS = ("type", "name", "country", "articles", "share", "source")
MIN_ALONE = 4  # a one-word name of at most this many letters is left to the story


def read_names(path: Path) -> dict[tuple[str, str], str]:
    """(type, name as written) -> ISO country, from a names file."""
    known: dict[tuple[str, str], str] = {}
    for line in path.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, name, country, _articles, _share, _source = line.split("\t")
            known[(kind, name)] = country
    return known


@lru_cache(maxsize=1)
def corpus_names() -> dict[tuple[str, str], str]:
    """The packaged names file, read once."""
    return read_names(model_file(NAMES_FILE))


def corpus_countries(doc: Doc, mentions: list[Mention]) -> None:
    """Give each mention found with no country the one the corpus gives its name and type
    (basis "corpus"), except where the story's context decides better
    (`countries.home_countries`): a body named by a head alone ("Kementerian Luar
    Negeri" is the ministry of whichever state the story is about), and a single word of
    four letters or fewer ("Choi", "Kim", initials "AS"), which stands for many people.
    On dev these exceptions cost 0.002 of name and country F1 (0.839 against 0.841):
    the corpus knows its own articles' Choi, not the next story's."""
    known = corpus_names()
    for m in mentions:
        if m.country is None and (m.start, m.end) not in doc.headed and (" " in m.text or len(m.text) > MIN_ALONE):
            m.country = known.get((m.type, m.text))
            m.country_basis = "corpus" if m.country else None
