"""Fit the decision step's logistic model on the annotated corpus, cross-validated by article.

usage: python tools/train_decision.py CORPUS_DIR [CORPUS_DIR ...] [--write] [--folds 5]

Each CORPUS_DIR holds docs/ (raw files) and gold/ (the contract's gold JSON). Every candidate
the engine builds for an article is labelled true when its key (type, Korean side, partner,
date at the gold precision) is a gold event of that article. The model (binary features of
`diplomacy.extract.decide.FEATURES`, L2-regularised logistic regression fitted with NumPy) is
reported cross-validated by article: an article's candidates are scored only by a model that
never saw that article. `--write` stores the model fitted on all articles in
include/diplomacy/data/decision_weights.json (what the pipeline ships).

Files whose number ends in 3 or 8 in a folder named dev2 are the held-back check: they are
skipped unless --include-held-out is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np

from diplomacy.clean import clean_page
from diplomacy.decode import decode_bytes
from diplomacy.extract.article import read_article
from diplomacy.extract.decide import FEATURES
from diplomacy.extract.events import date_key
from diplomacy.extract.nlp import analyse

WEIGHTS = Path(__file__).resolve().parents[1] / "include" / "diplomacy" / "data" / "decision_weights.json"


def held_out(path: Path) -> bool:
    return path.parent.parent.name == "dev2" and path.stem[:3].isdigit() and path.stem[2] in "38"


def gold_keys(gold: dict) -> list[tuple]:
    return [
        (
            e["event_type"],
            e["korean_city"],
            e["partner_city"],
            e["event_date"],
            e.get("date_precision") or "day",
        )
        for e in gold.get("events", [])
    ]


def label(event, golds: list[tuple]) -> bool:
    for t, k, p, d, prec in golds:
        same = (event.event_type, event.korean.name, event.foreign.name) == (t, k, p)
        if same and date_key(event.event_date, prec) == date_key(date.fromisoformat(d), prec):
            return True
    return False


def article_rows(doc: Path, gold: dict) -> list[tuple[list[int], int, bool, tuple]]:
    """(feature vector, label, may_create, key) of each candidate the engine builds for `doc`."""
    decoded = decode_bytes(doc.read_bytes(), filename=doc.name)
    if not decoded.text:
        return []
    page = clean_page(decoded.text)
    if page.published_date is None or not page.body:
        return []
    (sentences,) = list(analyse([page.body]))
    _, trace = read_article(page.title, sentences, page.published_date)
    golds = gold_keys(gold)
    out = []
    for cand in trace:
        e = cand.event
        x = [int(bool(cand.features.get(f))) for f in FEATURES]
        out.append((x, int(label(e, golds)), cand.may_create, e.key()))
    return out


def load(corpora: list[Path], include_held_out: bool) -> dict[str, tuple[list, list[tuple]]]:
    data = {}
    for corpus in corpora:
        for g in sorted((corpus / "gold").glob("*.json")):
            gold = json.loads(g.read_text(encoding="utf-8"))
            doc = corpus / "docs" / gold["file"]
            if held_out(doc) and not include_held_out:
                continue
            data[f"{corpus.name}/{doc.name}"] = (article_rows(doc, gold), gold_keys(gold))
    return data


def fit(
    x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000, lr: float = 0.5
) -> tuple[float, np.ndarray]:
    w = np.zeros(x.shape[1])
    b = 0.0
    n = max(len(y), 1)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        g = p - y
        w -= lr * (x.T @ g / n + l2 * w / n)
        b -= lr * g.mean()
    return b, w


def predict(b: float, w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ w + b)))


def event_prf(articles: dict, scores: dict[str, np.ndarray], threshold: float) -> tuple[float, float, float]:
    """Strict-key P/R/F1 of the accepted candidates (one per key), article by article."""
    tp = fp = fn = 0
    for name, (rows, golds) in articles.items():
        kept = {r[3] for r, s in zip(rows, scores[name], strict=True) if r[2] and s >= threshold}
        gold = {(t, k, p, d[: {"year": 4, "month": 7}.get(prec, 10)]) for t, k, p, d, prec in golds}
        tp += len(kept & gold)
        fp += len(kept - gold)
        fn += len(gold - kept)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validate(articles: dict, folds: int, threshold: float) -> dict[str, np.ndarray]:
    names = sorted(articles)
    scores: dict[str, np.ndarray] = {}
    for k in range(folds):
        test = [n for i, n in enumerate(names) if i % folds == k]
        train = [n for n in names if n not in test]
        x = np.array([r[0] for n in train for r in articles[n][0]] or [[0] * len(FEATURES)], dtype=float)
        y = np.array([r[1] for n in train for r in articles[n][0]] or [0], dtype=float)
        b, w = fit(x, y)
        for n in test:
            rows = articles[n][0]
            scores[n] = predict(b, w, np.array([r[0] for r in rows], dtype=float)) if rows else np.array([])
    return scores


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", type=Path, nargs="+")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--include-held-out", action="store_true")
    args = ap.parse_args(argv)
    articles = load(args.corpora, args.include_held_out)
    n_cand = sum(len(r) for r, _ in articles.values())
    print(f"{len(articles)} articles, {n_cand} candidates")
    accept_all = {n: np.ones(len(r)) for n, (r, _) in articles.items()}
    print(
        "accept every creatable candidate  P/R/F1 = {:.3f} / {:.3f} / {:.3f}".format(
            *event_prf(articles, accept_all, 0.5)
        )
    )
    cv = cross_validate(articles, args.folds, args.threshold)
    for t in (0.2, 0.3, 0.4, 0.5, 0.6):
        mark = "  <- shipped threshold" if t == args.threshold else ""
        print(
            f"logistic model, {args.folds}-fold CV by article, threshold {t:.1f}  P/R/F1 = "
            + " / ".join(f"{v:.3f}" for v in event_prf(articles, cv, t))
            + mark
        )
    x = np.array([r[0] for rows, _ in articles.values() for r in rows], dtype=float)
    y = np.array([r[1] for rows, _ in articles.values() for r in rows], dtype=float)
    b, w = fit(x, y)
    model = {
        "note": "fitted by tools/train_decision.py (make train) on "
        + ", ".join(str(c) for c in args.corpora)
        + f" ({len(articles)} articles, {n_cand} candidates; held-back dev2 files excluded)",
        "bias": round(float(b), 4),
        "threshold": args.threshold,
        "weights": {f: round(float(v), 4) for f, v in zip(FEATURES, w, strict=True)},
    }
    print(json.dumps(model["weights"], indent=1))
    if args.write:
        WEIGHTS.write_text(json.dumps(model, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
