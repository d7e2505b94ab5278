"""The extraction bar of the data contract, measured on the dev corpus with its own scorer.

Fails when a change drops any score below the bar the product promises analysts.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SHARED

DEV = SHARED / "eval" / "dev"
SCORER = SHARED / "eval" / "score.py"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SCORER.exists(), reason="shared/eval is not beside this checkout"),
]

BARS = {
    "event_strict_f1": 0.90,
    "event_relaxed_f1": 0.95,
    "classification_f1": 0.95,
    "published_date_accuracy": 1.0,
    "relationship_f1": 0.85,
}
FIELD_BARS = {
    "agreement_type": 0.90,
    "direction": 0.90,
    "status": 0.90,
    "date_precision": 0.90,
    "korean_province": 0.90,
    "partner_region": 0.90,
    "partner_country": 0.90,
    "korean_officials": 0.80,
    "foreign_officials": 0.80,
    "fields": 0.80,
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    wh = tmp_path_factory.mktemp("dev") / "warehouse"
    subprocess.run(
        [sys.executable, "-m", "diplomacy", "run", "--input", str(DEV / "docs"), "--warehouse", str(wh)],
        check=True,
        capture_output=True,
    )
    out = subprocess.run(
        [sys.executable, str(SCORER), str(DEV / "gold"), str(wh), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    s = json.loads(out.stdout)
    return {
        "event_strict_f1": s["event_strict_prf"][2],
        "event_relaxed_f1": s["event_relaxed_prf"][2],
        "classification_f1": s["classification_prf"][2],
        "published_date_accuracy": s["published_date_accuracy"],
        "relationship_f1": s["relationship_prf"][2],
        "articles_missing": s["articles_missing"],
        "fields": s["field_accuracy"],
    }


def test_every_article_is_present(scores):
    assert scores["articles_missing"] == 0


@pytest.mark.parametrize("metric", sorted(BARS))
def test_score_bar(scores, metric):
    assert scores[metric] >= BARS[metric], f"{metric} {scores[metric]} < {BARS[metric]}"


@pytest.mark.parametrize("field", sorted(FIELD_BARS))
def test_field_accuracy_bar(scores, field):
    assert scores["fields"][field] >= FIELD_BARS[field], f"{field} {scores['fields'][field]}"
