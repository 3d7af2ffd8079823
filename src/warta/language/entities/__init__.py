"""Stage 3, entities: entity mentions in one document, and the keys that merge them across documents.

`find_mentions` runs five mechanisms over a text, each named in `Mention.source`:

- ``gazetteer``: every form in the data files under `data/language/gazetteer/` (countries,
  capitals and seats of government, places, organisations, persons), plus
  organisations named by a head and a country ("Kementerian Luar Negeri Rusia",
  from the heads in `org_patterns.tsv`);
- ``title``: a person's name after a title ("Presiden Rusia, Vladimir Putin") or
  before one ("Lim Soo-ho, seorang analis Korea Selatan"), from `titles.tsv`;
- ``office``: an office named with its country but no name ("pemimpin Korea
  Utara", "Presiden AS"), read as the person who held it on the publication
  date, from `offices.tsv`;
- ``name-run``: a capitalised name after a verb of saying ("kata Lim"), one name after
  a person cue ("menurut Argo", "Pak Mulyana"), or a run of two to four capitalised
  words that no other rule claimed and that holds no word of a body's or a place's
  name ("... menetapkan Imam Nahrawi beserta ...": `names.py`);
- ``coreference``: a repeated full name, a lone first or last name ("Kim",
  "Kozlov") that matches exactly one person named earlier in the document, or a
  short form defined in parentheses after a name ("Kementerian Pemuda dan Olahraga
  (Kemenpora)": every "Kemenpora" is the ministry; the name and the short form stay
  two mentions);
- ``model`` (with `find_mentions(text, model=True)`): the spans of the trained
  PER/ORG/LOC recogniser (`warta.language.ner`) that no rule found (`model.model_mentions`).

Overlaps are settled in one function, `spans.settle_overlaps` (the longest span wins).
Everything that depends on the language (forms, titles, cue words, stop words,
spelling folds) is in the data files, described in their headers; these modules
only walk the text.  The data is loaded once, lazily (`gazetteer.load_gazetteer`).

The modules, by concern:

- `gazetteer`: the data files, loaded and validated, and one automaton over all their phrases;
  `spans`: settling overlaps; `keys`: the entity keys and ids shared across documents.
- `reading`: `Doc`, one text as the rules read it (words, cues, name spans, mentions so far).
- `known`: gazetteer forms and organisation heads as mentions (capitals: government or place).
- `titles`: persons named next to a title, and offices named without a name.
- `coreference`: speakers after a verb of saying, repeated and shortened names.
- `names`: persons named by capitalised words alone, or after a person cue.
- `corpus_names`: the country the annotated corpus gives a name the text gives none.
- `countries`: the dateline's home country, the country context gives a person, and
  the outlets' home country or the story's main country for those found with none.
- `model`: the trained recogniser's spans merged into the rules' mentions.
- `edges`: each named mention's start and end, moved where the learned edge models say.
"""

from __future__ import annotations

from dataclasses import replace

from ...document import Mention
from .coreference import (as_named, coreference_mentions, name_run_mentions, parenthetical_aliases, resolve_lone_names,
                          resolve_short_titled)
from .corpus_names import corpus_countries
from .countries import apposed_countries, context_countries, home_countries
from .edges import packaged_edges, settle_edges
from .gazetteer import STATE_SECTORS, Title, load_gazetteer
from .keys import entity_key
from .known import bodies_abroad, gazetteer_mentions, org_pattern_mentions
from .model import model_mentions
from .names import body_compounds, capitalised_mentions, initials_mentions, place_compounds
from .reading import Doc
from .spans import settle_overlaps, with_web_suffixes
from .titles import office_mentions, title_mentions


def find_mentions(
    text: str, model: bool = False, published: str | None = None, language: str | None = None, edges: bool = False
) -> list[Mention]:
    """Every entity mention in one document, sorted by position, each with its `key`.

    `published` (the document's ISO date) says who held an office named without a
    name (see `office_mentions`).

    With `model`, the trained recogniser's spans are merged in after the
    gazetteer, organisation and title rules (see `model_mentions`).

    With `edges`, the learned edge models move each named mention's start and end
    (see `edges.settle_edges`) before the corpus and the story give countries.

    `language` (the document's, as warta identifies it) gives a story that names no
    other country its outlets' home country for the persons and organisations
    found without one (see `home_countries` and `home.tsv`).
    """
    gazetteer = load_gazetteer()
    doc = Doc(gazetteer, text)
    hits = gazetteer.hits(text, doc.lowered)
    doc.title_ends = {h.end for h in hits if isinstance(h.payload, Title)}
    mentions = gazetteer_mentions(doc, hits)
    doc.index_mentions(mentions)
    mentions = settle_overlaps(mentions + org_pattern_mentions(doc, hits) + bodies_abroad(doc, mentions, hits))
    doc.index_mentions(mentions)
    mentions = _former_holders(doc, resolve_short_titled(settle_overlaps(mentions + title_mentions(doc, hits))))
    doc.index_mentions(mentions)
    mentions = settle_overlaps(mentions + office_mentions(doc, published))
    mentions = settle_overlaps(mentions + place_compounds(doc, mentions))
    mentions = settle_overlaps(mentions + body_compounds(doc, mentions))
    doc.index_mentions(mentions)
    mentions = settle_overlaps(mentions + initials_mentions(doc))
    if model:
        mentions = model_mentions(doc, mentions, hits)
    context_countries(doc, mentions, language)
    doc.index_mentions(mentions)
    mentions = settle_overlaps(mentions + name_run_mentions(doc, as_named([m for m in mentions if m.type == "PERSON"])))
    doc.index_mentions(mentions)
    mentions = settle_overlaps(mentions + capitalised_mentions(doc))
    apposed_countries(doc, mentions)
    doc.index_mentions(mentions)
    persons = as_named([m for m in mentions if m.type == "PERSON"])
    mentions = resolve_lone_names(settle_overlaps(mentions + coreference_mentions(doc, persons)))
    doc.index_mentions(mentions)
    aliases = parenthetical_aliases(doc, mentions)
    defined = {(a.start, a.end) for a in aliases}  # a defined short form is its name's, not the recogniser's or gazetteer's guess
    mentions = settle_overlaps([m for m in mentions if (m.start, m.end) not in defined] + aliases)
    if edges:
        mentions = settle_edges(text, mentions, hits, packaged_edges(), doc)
    mentions = with_web_suffixes(text, mentions)
    corpus_countries(doc, mentions)
    home_countries(doc, mentions, language)
    for mention in mentions:
        mention.key = entity_key(mention)
        if mention.country and mention.country_basis is None:
            mention.country_basis = "text"
    return mentions


def _former_holders(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A known office holder titled as a former one ("mantan Presiden AS Barack Obama",
    "eks Presiden Rodrigo Duterte") is ELI, PLOVER's code for former officials, whatever
    sector the gazetteer gives the person (`titles.tsv`: a former cue before a state title)."""
    ends = {t.end: t for t in doc.title_at.values()}
    at_end = {m.end: m for m in mentions}
    out = []
    for m in mentions:
        if m.type == "PERSON" and m.sector in STATE_SECTORS:
            before = doc.text.rfind(" ", 0, m.start)
            country = at_end.get(before)  # "mantan Presiden AS | Barack Obama"
            title = ends.get(before) or (ends.get(doc.text.rfind(" ", 0, country.start)) if country else None)
            if title is not None and doc.preceded_by(title.start, "former"):
                m = replace(m, sector="ELI")
        out.append(m)
    return out
