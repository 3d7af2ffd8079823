"""Long and repetitive articles (issue 19): a repeated sentence is analysed once, a long
text in bounded sections, and what either finds lands at the right place of the text."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from conftest import NEWS, needs_shared
from warta import pipeline
from warta.document import RawInput
from warta.pipeline import process
from warta.store.database import Store

HEADLINE = "Rusia kecam Korea Utara"
SENTENCE = "Rusia mengecam Korea Utara atas uji coba rudal balistik pada Senin. "
PUBLISHED = {"published": "2024-06-19"}


def _events(doc, shift: int = 0) -> list[tuple]:
    return [(e.event_type, e.actor and e.actor.name, e.recipient and e.recipient.name, e.date,
             e.sentence_start + shift, e.trigger_start + shift) for e in doc.events]


def _spans_cut_from_the_text(doc) -> None:
    for span in (*doc.mentions, *doc.dates, *doc.quantities):
        assert doc.text[span.start:span.end] == span.text, span
    for event in doc.events:
        assert any((s.start, s.end) == (event.sentence_start, event.sentence_end) for s in doc.sentences)


def test_a_repeated_sentence_is_analysed_once_and_its_events_coded_once(options, monkeypatch):
    """Issue 19: an article repeating one same-dyad sentence to 9.5 MB had not been
    stored after 15 minutes: every copy was analysed (~1.5 ms) and every copy's events
    filed. A sentence repeated verbatim is the same report: analysed where it first
    occurs, its mentions and dates copied to every repeat, its events coded once."""
    coded = []
    code_events = pipeline.code_events
    monkeypatch.setattr(pipeline, "code_events", lambda doc, o: coded.append(len(doc.sentences)) or code_events(doc, o))
    once = process(RawInput("once", "text", f"{HEADLINE}\n\n{SENTENCE}", PUBLISHED), options)
    coded.clear()
    many = process(RawInput("many", "text", f"{HEADLINE}\n\n{SENTENCE * 500}", PUBLISHED), options)
    assert coded == [2]  # the headline and the sentence, once
    assert len(many.sentences) == 501
    assert _events(many) == _events(once) and once.events
    per_sentence = [m for m in once.mentions if m.start >= once.sentences[1].start]
    assert len(many.mentions) == len(once.mentions) + 499 * len(per_sentence)
    assert len(many.dates) == 500 * len(once.dates)
    assert [m.start for m in many.mentions] == sorted(m.start for m in many.mentions)
    _spans_cut_from_the_text(many)


def test_a_repeated_sentence_is_stored_whole_with_one_event_per_report(options, tmp_path):
    doc = process(RawInput("many", "text", f"{HEADLINE}\n\n{SENTENCE * 300}", PUBLISHED), options)
    with Store(tmp_path / "x.db") as store:
        assert store.add_document(doc, options) == "added"
        assert store.count("sentences") == 301
        assert store.count("events") == len(process(RawInput("one", "text", SENTENCE, PUBLISHED), options).events)
        assert store.count("mentions") == len(doc.mentions)
        assert store.count("stories") == store.count("events")
        hits = store.db.execute("SELECT count(*) FROM search WHERE search MATCH 'kecam'").fetchone()[0]
        assert hits == 302  # every sentence and the title, lemmatised: "mengecam" is found as "kecam"


def _articles(count: int) -> list[str]:
    texts = []
    with open(NEWS / "indosum-dev.jsonl", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            if len(text) > 1500:
                texts.append(text)
            if len(texts) == count:
                return texts
    raise AssertionError("too few articles")


@needs_shared
def test_a_long_text_is_analysed_in_sections_each_as_on_its_own(options):
    """Issue 19: one 10 MB line used 1.4 GB and grew superlinearly (the whole text's
    tokens and views held at once, lists scanned per sentence). A text longer than
    section_chars goes through the sentence-level stages a section at a time: each
    section finds what it finds alone, at the right offsets of the whole text."""
    first, second = _articles(2)
    alone = [process(RawInput(str(n), "text", text, PUBLISHED), options) for n, text in enumerate((first, second))]
    together = process(RawInput("both", "text", f"{first}\n\n{second}", PUBLISHED),
                       replace(options, section_chars=len(alone[0].text) + 1))
    shift = len(alone[0].text) + 1  # the second article's first line, after the first's and a line break
    assert _events(together) == _events(alone[0]) + _events(alone[1], shift)
    assert [(m.start, m.name) for m in together.mentions] == \
           [(m.start, m.name) for m in alone[0].mentions] + [(m.start + shift, m.name) for m in alone[1].mentions]
    assert [(d.start, d.value) for d in together.dates] == \
           [(d.start, d.value) for d in alone[0].dates] + [(d.start + shift, d.value) for d in alone[1].dates]
    assert together.tokens == []  # a sectioned document keeps no tokens: the store remakes a sentence's lemmas
    _spans_cut_from_the_text(together)


@needs_shared
@pytest.mark.parametrize("section_chars", [1_000, 3_000])
def test_the_sentence_stages_never_see_more_than_a_section(options, monkeypatch, section_chars):
    seen = []
    tokenise = pipeline.tokenize
    monkeypatch.setattr(pipeline, "tokenize", lambda text, sentences: seen.append(len(text)) or tokenise(text, sentences))
    text = "\n\n".join(_articles(6))
    doc = process(RawInput("long", "text", text, PUBLISHED), replace(options, section_chars=section_chars))
    assert len(seen) > len(text) // section_chars // 2 and max(seen) <= section_chars + 2_000  # a sentence may overrun
    assert doc.events and doc.mentions
    _spans_cut_from_the_text(doc)


def test_story_filing_meets_a_bounded_number_of_candidate_stories(options, tmp_path, monkeypatch):
    """Issue 19: candidate stories per filed event grew from 3 to 43 across the news
    corpus: every story of the event's type and dyad was read for every event. Filing
    looks up the stories of the event's date window only."""
    met = []
    candidates = Store._candidate_stories
    monkeypatch.setattr(Store, "_candidate_stories", lambda self, report, o: met.append(candidates(self, report, o))
                        or met[-1])
    sentences = [f"Rusia mengecam Korea Utara pada {day} {month} {year}."
                 for year in range(2001, 2011) for month in ("Maret", "September") for day in (5, 20)]
    with Store(tmp_path / "x.db") as store:
        for n in range(0, len(sentences), 10):
            doc = process(RawInput(f"d{n}", "text", "\n".join(sentences[n:n + 10]), PUBLISHED), options)
            store.add_document(doc, options)
        assert store.count("stories") >= 30
    assert len(met) >= 30 and max(len(found) for found in met) <= 1


def test_an_ordinary_article_is_analysed_whole(options):
    from warta.sections import plan

    doc = process(RawInput("one", "text", f"{HEADLINE}\n\n{SENTENCE}", PUBLISHED), options)
    assert plan(doc, options.section_chars) is None


@needs_shared
def test_a_plan_holds_sentence_ranges_and_each_section_is_made_when_analysed(options):
    """Issue 19: the plan of a 10 MB text held every section's text at once (the text a
    second time, 40 MB when one emoji makes it four bytes a character). It holds the
    range of sentences of each section; `section` makes one, every sentence that is not
    a repeat in exactly one, each run cut from the document's text."""
    from warta.sections import JOIN, plan, section

    text = "\n\n".join(_articles(3)) + "\n\n" + SENTENCE * 3
    doc = process(RawInput("long", "text", text, PUBLISHED), replace(options, section_chars=2_000))
    how = plan(doc, 2_000)
    assert how.bounds[0][0] == 0 and how.bounds[-1][1] == len(doc.sentences)
    assert all(end == following for (_, end), (following, _) in zip(how.bounds, how.bounds[1:]))
    assert sorted(how.repeats.items()) == [(len(doc.sentences) - 2, len(doc.sentences) - 3),
                                           (len(doc.sentences) - 1, len(doc.sentences) - 3)]
    covered = []
    for first, end in how.bounds:
        part = section(doc, how, first, end)
        assert len(part.text) <= 2_000 + max(s.end - s.start for s in doc.sentences)
        for (at, start), (following, _) in zip(part.runs, [*part.runs[1:], (len(part.text) + len(JOIN), None)]):
            stop = following - len(JOIN)  # runs are joined by a paragraph break
            assert part.text[at:stop] == doc.text[start:start + stop - at]
        covered.extend(doc.text[s.start + part.shift(s.start):s.end + part.shift(s.start)] == part.text[s.start:s.end]
                       for s in part.sentences)
    assert covered == [True] * (len(doc.sentences) - 2)
