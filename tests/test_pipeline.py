import io
import weakref

import pytest

from conftest import seed
from warta.document import Document, RawInput
from warta.pipeline import STAGES, Stage, check_stages, process
from warta.read.inputs import read_jsonl


def test_pipeline_every_stage_has_what_it_requires():
    assert check_stages() == []


def test_pipeline_stage_order():
    assert [stage.name for stage in STAGES][:5] == ["extract", "clean", "metadata", "language", "fingerprint"]


def test_pipeline_lets_the_input_go_once_no_stage_reads_it(options):
    """Issue 19: a 10 MB article was held twice through the whole run, as read and as
    cleaned. From the stage after `metadata` on, nothing holds the input any more."""
    text = seed("002").read_text("utf-8")
    inputs = [RawInput(source="seed 002", kind="text", payload=text, fields={"url": "https://example.org/002"})]
    given = weakref.ref(inputs[0])
    held: list[bool] = []
    probe = Stage("probe", lambda doc, _: held.append(given() is not None) or doc, ("text",), ())
    stages = (*STAGES[:4], probe, *STAGES[4:])
    doc = process(inputs.pop(), options, stages)
    assert isinstance(doc, Document) and doc.url == "https://example.org/002" and doc.events
    assert held == [False] and doc.raw is None


def test_read_jsonl_keeps_nothing_of_an_article_it_handed_on(options):
    """Issue 19: the reader held the line and the record's text while the article was
    processed. Now the text moves into the input, and the reader keeps no reference."""
    line = b'{"text": "Presiden Rusia Vladimir Putin bertemu Kim Jong Un di Pyongyang.", "url": "https://example.org/x"}\n'
    items = read_jsonl("x.jsonl", io.BytesIO(line * 2), options)
    first = weakref.ref(next(items))
    assert first() is None
    second = next(items)
    assert second.source == "x.jsonl#2" and second.payload.startswith("Presiden Rusia")
    assert second.fields == {"url": "https://example.org/x"}


def test_pipeline_names_a_missing_model_file_as_the_installation_s_fault(options, monkeypatch):
    """A model file missing from the package is no fault of the article: the reason says
    which file and how to rebuild it, and does not ask to report the input."""
    from warta.document import Rejection
    from warta.errors import Errors
    from warta.language.entities import corpus_names
    from warta.models import ModelMissing, model_file

    def missing():
        return model_file("nowhere.tsv")

    monkeypatch.setattr(corpus_names, "corpus_names", missing)
    result = process(RawInput("seed", "text", seed("001").read_text("utf-8")), options)
    assert isinstance(result, Rejection)
    with pytest.raises(ModelMissing) as caught:
        missing()
    assert result.reason == Errors.MODEL_MISSING.format(reason=caught.value)
    assert result.reason.startswith("could not be processed: model file ") and result.reason.endswith(
        "nowhere.tsv is missing: run `make models` to train it")
