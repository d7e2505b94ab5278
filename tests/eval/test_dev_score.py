"""The extraction bars, measured on the annotated corpora with their own scorer.

`dev` (20 articles) is what the first engine was tuned on; `dev2` (51 articles written like it,
China in two orthographies, ten other countries, hard negatives) minus its ten held-back files
(numbers ending in 3 or 8, scored once at the end of a piece of work, never tuned on) is what
the rebuilt engine is tuned on. Fails when a change drops any score below its bar. The dev2
bars are floors just under today's figures (the product's target is higher: see the README).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHARED

EVAL = Path(os.environ.get("DIPLOMACY_SHARED_EVAL") or SHARED / "eval")
SCORER = EVAL / "score.py"
REQUIRE_ENV = "DIPLOMACY_REQUIRE_EVAL"
ABSENT = (
    f"EXTRACTION QUALITY NOT MEASURED: no annotated corpora and scorer at {EVAL} (../shared/eval "
    "beside this checkout, or DIPLOMACY_SHARED_EVAL); every extraction bar below went unchecked. "
    f"{REQUIRE_ENV}=1 makes this a failure."
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def _shared_eval():
    """Skip loudly when the corpora are absent, or fail when the run requires them."""
    if SCORER.exists():
        return
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(ABSENT, pytrace=False)
    pytest.skip(ABSENT)


BARS = {
    "dev": {
        "event_strict_f1": 0.90,
        "event_relaxed_f1": 0.95,
        "classification_f1": 0.95,
        "published_date_accuracy": 1.0,
        "relationship_f1": 0.95,
    },
    "dev2": {
        "event_strict_f1": 0.89,
        "event_relaxed_f1": 0.91,
        "classification_f1": 0.95,
        "published_date_accuracy": 0.97,
        "relationship_f1": 0.95,
    },
}
FIELD_BARS = {
    "dev": {
        "agreement_type": 0.90,
        "direction": 0.90,
        "status": 0.90,
        "date_precision": 0.90,
        "korean_province": 0.90,
        "partner_region": 0.90,
        "partner_country": 0.90,
        "korean_officials": 0.88,
        "foreign_officials": 0.93,
        "fields": 0.84,
    },
    "dev2": {
        "agreement_type": 0.93,
        "direction": 0.92,
        "status": 0.95,
        "date_precision": 0.95,
        "korean_province": 0.95,
        "partner_region": 0.95,
        "partner_country": 0.95,
        "korean_officials": 0.88,
        "foreign_officials": 0.86,
        "fields": 0.82,
    },
}


def held_back(name: str) -> bool:
    return name[:3].isdigit() and name[2] in "38"


def _corpus(tmp, name: str):
    """The corpus folder to score: dev as it is, dev2 without its held-back files."""
    src = EVAL / name
    if name != "dev2":
        return src
    dst = tmp / name
    for sub in ("docs", "gold"):
        (dst / sub).mkdir(parents=True)
        for f in (src / sub).iterdir():
            if not held_back(f.name):
                shutil.copy(f, dst / sub / f.name)
    return dst


@pytest.fixture(scope="module", params=["dev", "dev2"])
def scores(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param)
    corpus = _corpus(tmp, request.param)
    wh = tmp / "warehouse"
    subprocess.run(
        [sys.executable, "-m", "diplomacy", "run", "--input", str(corpus / "docs"), "--warehouse", str(wh)],
        check=True,
        capture_output=True,
    )
    out = subprocess.run(
        [sys.executable, str(SCORER), str(corpus / "gold"), str(wh), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    s = json.loads(out.stdout)
    return request.param, {
        "event_strict_f1": s["event_strict_prf"][2],
        "event_relaxed_f1": s["event_relaxed_prf"][2],
        "classification_f1": s["classification_prf"][2],
        "published_date_accuracy": s["published_date_accuracy"],
        "relationship_f1": s["relationship_prf"][2],
        "articles_missing": s["articles_missing"],
        "fields": s["field_accuracy"],
    }


def test_every_article_is_present(scores):
    _, s = scores
    assert s["articles_missing"] == 0


@pytest.mark.parametrize("metric", sorted(BARS["dev"]))
def test_score_bar(scores, metric):
    corpus, s = scores
    assert s[metric] >= BARS[corpus][metric], f"{corpus} {metric} {s[metric]} < {BARS[corpus][metric]}"


@pytest.mark.parametrize("field", sorted(FIELD_BARS["dev"]))
def test_field_accuracy_bar(scores, field):
    corpus, s = scores
    bar = FIELD_BARS[corpus][field]
    assert s["fields"][field] >= bar, f"{corpus} {field} {s['fields'][field]} < {bar}"


def test_held_back_files_are_never_in_the_tuning_corpus(tmp_path):
    corpus = _corpus(tmp_path, "dev2")
    names = {f.name[:3] for f in (corpus / "docs").iterdir()}
    assert names and not any(n[2] in "38" for n in names)
