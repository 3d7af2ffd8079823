"""Score the store against hand-annotated gold events.

A gold line names a document (its source, matched by file name and line, so the
store may have been built from any path to the same files), an evidence substring,
and the event: type and actor/recipient countries (or `event_type: null` for a
sentence with no event, which only counts against precision). A stored event
matches a gold event when its evidence sentence contains the gold evidence (or is
contained in it), the type is the same, and the countries are the same, in either
order for reciprocal types. The type compared is the one PLOVER codes
(`plover.plover_type`: an expected meeting is AGREE), as gold follows PLOVER.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .query.records import event_records
from ..events.plover import ontology, plover_type
from ..scores import Score
from ..store.database import Store


@dataclass
class Evaluation:
    overall: Score = field(default_factory=Score)
    by_type: dict[str, Score] = field(default_factory=dict)
    missing_documents: list[str] = field(default_factory=list)


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Gold lines; ValueError naming the line when one is not a JSON object with doc and evidence."""
    gold = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}#{number}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not record.get("doc") or not record.get("evidence"):
            raise ValueError(f"{path}#{number}: a gold line needs 'doc' and 'evidence'")
        gold.append(record)
    return gold


def document_key(source: str) -> str:
    """'../shared/corpus/news/indosum-dev.jsonl#12' -> 'indosum-dev.jsonl#12'."""
    return Path(source.split("#")[0]).name + ("#" + source.split("#", 1)[1] if "#" in source else "")


def _same(event: dict[str, Any], gold: dict[str, Any]) -> bool:
    if event["plover_type"] != gold["event_type"]:
        return False
    pair = (event["actor_country"], event["recipient_country"])
    wanted = (gold.get("actor_country"), gold.get("recipient_country"))
    reciprocal = ontology()["event_types"][event["plover_type"]].get("reciprocal")
    return pair == wanted or (bool(reciprocal) and pair == wanted[::-1])


def evaluate(store: Store, gold: list[dict[str, Any]]) -> Evaluation:
    documents = {document_key(row["source"]): row["doc_id"] for row in store.rows("SELECT doc_id, source FROM documents")}
    result = Evaluation()
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for line in gold:
        doc_id = documents.get(document_key(line["doc"]))
        if doc_id is None:
            result.missing_documents.append(line["doc"])
            continue
        by_doc.setdefault(doc_id, []).append(line)
    for doc_id, lines in by_doc.items():
        events = list(event_records(store, "e.doc_id = ? AND e.negated = 0", (doc_id,)))
        for event in events:
            event["actor_country"] = (event["actor"] or {}).get("country")
            event["recipient_country"] = (event["recipient"] or {}).get("country")
            event["plover_type"] = plover_type(event["event_type"], event["certainty"])
        in_scope = [e for e in events if any(g["evidence"] in e["evidence"] or e["evidence"] in g["evidence"] for g in lines)]
        matched: set[str] = set()
        for line in lines:
            if not line.get("event_type"):
                continue
            score = result.by_type.setdefault(line["event_type"], Score())
            score.gold += 1
            hit = next((e for e in in_scope if e["event_id"] not in matched
                        and (line["evidence"] in e["evidence"] or e["evidence"] in line["evidence"]) and _same(e, line)), None)
            if hit:
                matched.add(hit["event_id"])
                score.true_positives += 1
        for event in in_scope:
            result.by_type.setdefault(event["plover_type"], Score()).predicted += 1
    for score in result.by_type.values():
        result.overall.add(score)
    return result


def type_counts(gold: list[dict[str, Any]]) -> Counter:
    return Counter(line.get("event_type") for line in gold)
