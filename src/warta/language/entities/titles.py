"""Persons named next to a title ("Presiden Rusia, Vladimir Putin"), and offices named
with their country and no name ("pemimpin Korea Utara"), read as their holder."""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection

from ...document import Mention
from .gazetteer import Entry, Hit, STATE_SECTORS, Term, Title
from .reading import Doc, WINDOW
from .spans import settle


_APPOSITION = re.compile(r"[A-Z][\w.'-]*,[ \t\u00a0]*$")  # a name, then a comma, right before a title
# A portfolio or short form in parentheses after a title, before its country or name:
# "Menteri Pendidikan (Pendidikan Tinggi dan Keterampilan) Singapura Ong Ye Kung".
_BRACKETED = re.compile(r"[ \t\u00a0]*\([^()\n]{2,60}\)(?=[ \t\u00a0])")


def _title_slot(doc: Doc, pos: int, title: Title) -> tuple[int, str | None, str | None, str | None]:
    """Read from a title's end up to where the name may start.

    Coordinated portfolios ("Menteri Kelautan dan Perikanan"), the country or
    organisation of the office ("Duta Besar Rusia untuk Korea Utara"), a filler
    ("saat itu") and further ranks and titles ("Panglima TNI Marsekal").
    Returns (position, separator before the next word, country, sector).
    """
    cues = doc.gaz.cues
    country, sector = None, title.sector
    step = doc.word_after(pos)
    while step and step[1] == "space" and doc.words[step[0]].group() in cues["coordination"]:
        nxt = step[0] + 1
        if nxt == len(doc.words) or not doc.joined(nxt):
            break
        portfolio = doc.phrase_at(doc.word_starts[nxt], doc.gaz.portfolios)
        if portfolio:
            pos = doc.word_starts[nxt] + len(portfolio)
        elif doc.is_name_word(nxt):
            pos = doc.words[nxt].end()
        else:
            break
        step = doc.word_after(pos)
    pos, step = _past_brackets(doc, pos)
    while title.slot != "no" and step and step[1] == "space":
        held = doc.mention_after(step)
        if held and held.type in ("COUNTRY", "ORG", "LOCATION"):
            country = country or held.country
            if held.type == "ORG" and title.slot == "org" and held.sector:
                sector = held.sector
            pos, step = _past_brackets(doc, held.end)
        elif doc.words[step[0]].group() in cues["link"] and country:
            host = doc.mention_after(doc.word_after(doc.words[step[0]].end()))
            if not host or host.type not in ("COUNTRY", "LOCATION"):
                break
            pos = host.end  # an ambassador's host state does not change the title's country
            step = doc.word_after(pos)
        else:
            break
    filler = doc.phrase_at(doc.word_starts[step[0]], cues["filler"]) if step else None
    if filler:
        pos = doc.word_starts[step[0]] + len(filler)
        step = doc.word_after(pos)
    while step and step[1] == "space" and doc.word_starts[step[0]] in doc.title_at:
        pos = doc.title_at[doc.word_starts[step[0]]].end
        step = doc.word_after(pos)
    return pos, step[1] if step else None, country, sector


def _past_brackets(doc: Doc, pos: int) -> tuple[int, tuple[int, str] | None]:
    """The position after a bracketed portfolio or short form at `pos` (`_BRACKETED`), or
    `pos` when there is none, and the next word from there."""
    bracketed = _BRACKETED.match(doc.text, pos)
    pos = bracketed.end() if bracketed else pos
    return pos, doc.word_after(pos)


def _apposed(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """The name after a comma that follows a unit ("Kapolsek Antang Kalang, Iptu Afif Hasan").

    A run followed by a comma and another name (or ranks and a name) named the
    office's unit; the person is the one after the comma.
    """
    step = doc.word_after(span[1])
    if not step or step[1] != "comma":
        return span
    start = pos = doc.word_starts[step[0]]
    if start in doc.title_at and not doc.is_rank(start):
        return span  # a list of office holders: "Presiden Kolombia X, Presiden Chile Y"
    while doc.is_rank(pos):
        nxt = doc.word_after(doc.title_at[pos].end)
        if not nxt or nxt[1] != "space":
            return span
        pos = doc.word_starts[nxt[0]]
    apposed = doc.name_forward(bisect.bisect_left(doc.word_starts, pos))
    return apposed if apposed and (pos != start or " " in doc.text[apposed[0] : apposed[1]]) else span


def _after_unit(doc: Doc, span: tuple[int, int]) -> tuple[int, int] | None:
    """The name after the region or company an office belongs to ("Bupati Ngada Marianus Sae").

    One word is the unit itself; three or more start with it; two are the name.
    """
    words = doc.text[span[0] : span[1]].split()
    if len(words) == 1:
        return None
    if len(words) >= 3:
        return doc.word_starts[bisect.bisect_left(doc.word_starts, span[0]) + 1], span[1]
    return span


def _titled_name(doc: Doc, hit: Hit) -> tuple[tuple[int, int], str | None, str | None] | None:
    """The span, country and sector of the person a title names, or None."""
    title = hit.payload
    pos, separator, country, sector = _title_slot(doc, hit.end, title)
    if sector in STATE_SECTORS and doc.preceded_by(hit.start, "former"):
        sector = "ELI"
    window = max(0, hit.start - WINDOW)
    postposed = doc.gaz.postposed.search(doc.lowered, window, hit.start)
    span = None
    if postposed:  # "Lim Soo-ho, seorang analis Korea Selatan"
        i = bisect.bisect_left(doc.word_starts, postposed.start()) - 1
        if i >= 0 and doc.words[i].end() == postposed.start():
            span = doc.name_backward(i)
    elif separator:  # "Presiden Rusia, Vladimir Putin"
        span = doc.name_forward(bisect.bisect_left(doc.word_starts, pos))
        if span and separator == "comma" and " " not in doc.text[span[0] : span[1]] \
                and re.match(r" +[^\W\d_]", doc.text[span[1] :]):
            span = None  # one word after a comma, then more words, may open the next clause
        if span and title.slot in ("org", "unit") and pos == hit.end:
            span = _after_unit(doc, span)
        if span:
            span = _apposed(doc, span)
        if span and sector is None and " " not in doc.text[span[0] : span[1]]:
            span = None  # "Direktur Pemasaran": after a generic title one word is a unit
    return (span, country, sector) if span and not doc.headline(span[0]) else None


def title_mentions(doc: Doc, hits: list[Hit]) -> list[Mention]:
    """Persons named next to a title, before it or after it.

    A title that cuts through a mention is not one here ("Raja" in "Raja Salman";
    "Kepala Badan Intelijen" in "Kepala Badan Intelijen Negara", where "Kepala" is
    the title and the agency its slot), nor a title word inside a name ("Lukman
    Hakim Saifuddin") or a proper name ("Jalan Jenderal Sudirman").
    """
    candidates = [h for h in hits if isinstance(h.payload, Title) and not doc.crosses_mention(h.start, h.end)]
    titles = settle(candidates, lambda h: 0)
    doc.title_at = {t.start: t for t in titles}
    title_ends = {t.end for t in titles}
    found = []
    for hit in titles:
        i = bisect.bisect_left(doc.word_starts, hit.start)
        glued = i > 0 and doc.joined(i) and doc.words[i - 1].end() not in title_ends and doc.is_name_word(i - 1)
        if (glued and not hit.payload.rank) or doc.preceded_by(hit.start, "naming"):
            continue
        named = _titled_name(doc, hit)
        if named:
            (start, end), country, sector = named
            surface = doc.text[start:end]
            found.append(Mention(start, end, surface, "PERSON", " ".join(surface.split()), country, sector, "title"))
    return found


def office_mentions(doc: Doc, published: str | None) -> list[Mention]:
    """Offices named with their country and no name: "pemimpin Korea Utara
    mengunjungi Rusia" is Kim Jong Un when the story was published after 2011.

    The holder is the last person named before who ever held the office (a
    description refers back), or else the one `offices.tsv` gives for the
    publication day (for an undated story, the one in office now). Skipped when a name follows (the
    title rules read it), when the title is a former, candidate or group one,
    or a parenthesis (which a name may follow), or when the words after the
    country point to another holder.
    """
    day = published[:10] if published else None
    cues = doc.gaz.cues
    found = []
    for hit in doc.title_at.values():
        country = doc.mention_after(doc.word_after(hit.end))
        if not country or country.type != "COUNTRY" or doc.preceded_by(hit.start, "former", "not_holder"):
            continue
        terms = doc.gaz.offices.get((" ".join(doc.lowered[hit.start : hit.end].split()), country.country or ""), [])
        holders = {t.holder.name: t.holder for t in terms}
        earlier = _earlier_holder(doc, hit.start, holders)
        apposed = _APPOSITION.search(doc.text, max(0, hit.start - WINDOW), hit.start)
        if apposed and not (earlier and earlier.end == doc.text.rindex(",", apposed.start(), hit.start)):
            continue  # "George W Bush, presiden Amerika": it describes the name before the comma
        holder = holders[earlier.name] if earlier else _holder_on(terms, day)
        after = doc.word_after(country.end)
        if holder is None or doc.text.startswith(" (", country.end) or (after and (
            doc.word_starts[after[0]] in doc.mention_at
            or doc.is_name_word(after[0])
            or doc.phrase_at(doc.word_starts[after[0]], cues["filler"] | cues["not_holder_after"])
            or doc.lowered.startswith("ke-", doc.word_starts[after[0]])
        )):
            continue
        surface = doc.text[hit.start : country.end]
        found.append(Mention(hit.start, country.end, surface, "PERSON", holder.name, holder.country, holder.sector, "office"))
    return found


def _holder_on(terms: list[Term], day: str | None) -> Entry | None:
    """Who held the office on `day` (the term without an end when `day` is None),
    if exactly one person did."""
    holders = {t.holder for t in terms if (t.end is None if day is None else t.start <= day and (t.end is None or day < t.end))}
    return holders.pop() if len(holders) == 1 else None


def _earlier_holder(doc: Doc, pos: int, holders: Collection[str]) -> Mention | None:
    """The mention of the person named last before `pos` who ever held the office
    (names in `holders`): "Obama ... Presiden Negeri Paman Sam itu" is Obama in a
    2017 story."""
    for start in reversed(doc.starts[: bisect.bisect_left(doc.starts, pos)]):
        mention = doc.mention_at[start]
        if mention.type == "PERSON" and mention.name in holders:
            return mention
    return None
