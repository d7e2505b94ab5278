"""Stage 4 of extraction: one scoring step decides which candidates become events.

A candidate carries named binary features (is the partner named in its clause, with which
role; where its date came from; is it history; was it quoted; ...). Its confidence is a
logistic function of those features with weights read from `data/decision_weights.json`,
which `make train` fits on the annotated corpus (tools/train_decision.py, evaluated
cross-validated by article). A candidate becomes an event when its confidence reaches the
threshold stored with the weights.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import cache
from importlib import resources

__all__ = ["FEATURES", "confidence", "threshold", "weights"]

FEATURES = (
    "partner_named",
    "partner_comitative",
    "partner_object",
    "partner_subject",
    "partner_other_role",
    "partner_from_context",
    "partner_unlinked",
    "korean_named",
    "korean_from_context",
    "date_in_clause",
    "date_in_sentence",
    "date_by_anaphor",
    "date_by_continuation",
    "recent",
    "history",
    "precision_day",
    "type_agreement",
    "type_visit",
    "type_meeting",
    "type_virtual_meeting",
    "type_exchange",
    "derived",
    "planned",
    "foreign_official_present",
    "korean_official_present",
    "two_parties_in_clause",
)


@cache
def weights() -> dict:
    with resources.files("diplomacy.data").joinpath("decision_weights.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def threshold() -> float:
    return float(weights()["threshold"])


def confidence(features: Mapping[str, bool]) -> float:
    """P(the candidate is a true event) under the shipped logistic model, rounded to 2 places."""
    w = weights()
    z = w["bias"] + sum(w["weights"].get(name, 0.0) for name, on in features.items() if on)
    return round(1.0 / (1.0 + math.exp(-z)), 2)
