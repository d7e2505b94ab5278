"""The decision step: confidence is a logistic function of named features, shipped as data."""

from __future__ import annotations

from diplomacy.extract import decide


def test_shipped_weights_name_only_known_features():
    w = decide.weights()
    assert set(w["weights"]) <= set(decide.FEATURES)
    assert 0.0 < decide.threshold() < 1.0


def test_confidence_is_a_probability_that_moves_with_evidence():
    strong = {
        "partner_named": True,
        "two_parties_in_clause": True,
        "date_in_clause": True,
        "precision_day": True,
    }
    weak = {"partner_from_context": True, "date_by_continuation": True}
    cs, cw = decide.confidence(strong), decide.confidence(weak)
    assert 0.0 <= cw < cs <= 1.0


def test_a_continuation_without_its_own_date_cannot_pass_alone():
    assert decide.confidence({"partner_from_context": True, "date_by_continuation": True}) < 0.9
