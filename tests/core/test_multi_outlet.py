"""One story told by six reports over four days (tests/data/multi_outlet): the warehouse keeps
every mention, the merged table one row per real-world event, whatever order the days load in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from diplomacy.config import DEFAULT_MAX_FILE_BYTES
from diplomacy.marts import build_marts, mart_path
from diplomacy.pipeline import run_all
from diplomacy.warehouse import read_table

FOLDER = Path(__file__).resolve().parents[1] / "data" / "multi_outlet"
DAYS = sorted(p.name for p in FOLDER.iterdir() if p.is_dir())


def _load(warehouse: Path, days) -> dict[tuple, dict]:
    for d in days:
        run_all(FOLDER / d, warehouse, date.fromisoformat(d), max_file_bytes=DEFAULT_MAX_FILE_BYTES)
    build_marts(warehouse)
    rows = pq.read_table(mart_path(warehouse, "events_merged")).to_pylist()
    return {(r["korean_city"], r["partner_city"], r["event_type"]): r for r in rows}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    wh = tmp_path_factory.mktemp("wh")
    return wh, _load(wh, DAYS)


def test_every_report_stays_a_mention(loaded):
    wh, _ = loaded
    files = {r["article_id"]: Path(r["source_file"]).name for r in read_table(wh, "articles").to_pylist()}
    agreements = {
        files[e["article_id"]] for e in read_table(wh, "events").to_pylist() if e["event_type"] == "agreement"
    }
    assert {"hanbit_plan.txt", "hanbit_wire.txt", "seohae_copy.txt", "joseon_china.txt"} <= agreements


def test_one_story_is_one_merged_event_with_its_counts(loaded):
    _, merged = loaded
    signing = merged[("군산시", "둥잉시", "agreement")]  # 둥잉시 and 동영시 are one government
    assert signing["event_date"] == date(2024, 11, 6) and signing["date_precision"] == "day"
    assert signing["status"] == "occurred"  # the plan of the 4th joined what happened on the 6th
    assert signing["mention_count"] == 6 and signing["article_count"] == 6
    # 한빛통신 (the plan, the wire and its syndicated copy), the outlet in China, the local paper,
    # the roundup
    assert signing["source_count"] == 4
    assert (signing["first_reported"], signing["last_reported"]) == (date(2024, 11, 4), date(2024, 11, 9))
    assert merged[("안동시", "하기시", "visit")]["mention_count"] == 1  # the other story stays apart
    assert len([k for k in merged if k[:2] == ("군산시", "둥잉시")]) == 2  # the signing and the visit


def test_the_syndicated_copy_is_marked_and_kept(loaded):
    wh, merged = loaded
    arts = {Path(r["source_file"]).name: r for r in read_table(wh, "articles").to_pylist()}
    copy, wire = arts["seohae_copy.txt"], arts["hanbit_wire.txt"]
    assert copy["near_duplicate_of"] == wire["article_id"] and copy["near_duplicate_similarity"] >= 0.5
    assert copy["article_id"] in merged[("군산시", "둥잉시", "agreement")]["article_ids"]  # still a mention
    assert arts["jeonbuk_local.txt"]["near_duplicate_of"] is None
    assert len(read_table(wh, "article_signatures")) == sum(a["status"] == "accepted" for a in arts.values())


def test_marts_count_merged_events_not_reports(loaded):
    wh, _ = loaded
    pairs = {
        (r["korean_city"], r["partner_city"]): r
        for r in pq.read_table(mart_path(wh, "city_pairs")).to_pylist()
    }
    assert pairs[("군산시", "둥잉시")]["agreement_count"] == 1


def test_days_loaded_in_any_order_or_twice_give_the_same_merged_table(loaded, tmp_path):
    _, merged = loaded
    again = _load(tmp_path / "wh", [*reversed(DAYS), DAYS[1]])
    assert again == merged
