"""Review on a real warehouse: the sample day run, corrected through the services, reprocessed.

A rerun never undoes a correction: the edited event keeps its event_id and its edits, the
rejected one stays out of `events` while the log keeps it, the added one comes back with its id.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SAMPLE_DAY, SAMPLE_LANDING

from diplomacy import faults, review
from diplomacy.cli import main
from diplomacy.marts import mart_path
from diplomacy.review import InvalidCorrection, Store, UnknownEvent, WriteThroughPending
from diplomacy.warehouse import partition_path, read_table

from .sample import DAY, INJECTION, NEW_EVENT, correct, duck_states, events, pick, run


def test_corrections_show_at_once_and_survive_a_reprocess(wh):
    before = events(wh)
    counts = {a["article_id"]: a["event_count"] for a in read_table(wh, "articles").to_pylist()}
    store, visit, conf, rej, edited, confirmed, added, flipped = correct(wh)
    assert edited["event_id"] == visit["event_id"] and edited["direction"] == flipped
    assert edited["review_state"] == "corrected" and edited["fields"] == ["sports"]
    assert confirmed["review_state"] == "confirmed"
    assert added["review_state"] == "added" and added["event_date"] == "2021-10-01"
    assert added["partner_country"] == "CN" and added["confidence"] == 1.0

    def check(wh):
        now = events(wh)
        assert set(now) == set(before) - {rej["event_id"]} | {added["event_id"]}
        assert now[visit["event_id"]]["direction"] == flipped and now[visit["event_id"]]["fields"] == [
            "sports"
        ]
        states = {eid: e["review_state"] for eid, e in now.items()}
        assert states[visit["event_id"]] == "corrected" and states[conf["event_id"]] == "confirmed"
        assert states[added["event_id"]] == "added"
        assert {
            s
            for eid, s in states.items()
            if eid not in (visit["event_id"], conf["event_id"], added["event_id"])
        } == {"unreviewed"}
        assert duck_states(wh) == states  # what a BI reader sees
        articles = {a["article_id"]: a for a in read_table(wh, "articles").to_pylist()}
        assert articles[rej["article_id"]]["event_count"] == counts[rej["article_id"]]  # one out, one in
        assert articles[visit["article_id"]]["event_count"] == counts[visit["article_id"]]

    check(wh)
    summary = run(wh)  # REPROCESS the day: the engine's events again, the corrections again
    assert summary.corrections_applied == 5  # two field edits, confirm, reject, add
    check(wh)
    (rejection,) = store.log(event_id=rej["event_id"])
    assert rejection.action == "reject" and rejection.note == INJECTION
    assert rejection.before["event_id"] == rej["event_id"]  # the log keeps the rejected row whole


def test_marts_follow_the_corrections(wh):
    _, visit, _, rej, *_, added, _ = correct(wh)
    review.refresh_marts(wh)
    merged = pq.read_table(mart_path(wh, "events_merged")).to_pylist()
    mentions = {m: r["review_state"] for r in merged for m in r["mention_ids"]}
    assert rej["event_id"] not in mentions
    assert mentions[added["event_id"]] == "added" and mentions[visit["event_id"]] in ("corrected", "added")


def test_a_correction_recorded_during_the_load_is_applied_by_that_load(wh, monkeypatch):
    store = Store(review.store_url(wh))
    _, conf, _ = pick(wh)
    real = faults.point
    done = []

    def point(name):  # an analyst confirms while the load is between its commit and its end
        if name == "after_journal" and not done:
            done.append(store.record([{"event_id": conf["event_id"], "article_id": conf["article_id"],
                                       "ingest_date": DAY, "action": "confirm", "user": "kim"}]))  # fmt: skip
        real(name)

    monkeypatch.setattr(faults, "point", point)
    run(wh)
    assert done and events(wh)[conf["event_id"]]["review_state"] == "confirmed"


def test_a_load_fails_when_the_store_is_unreachable(wh, monkeypatch, capsys):
    correct(wh)
    states = duck_states(wh)
    monkeypatch.setenv("DIPLOMACY_REVIEW_DB", "postgresql+psycopg2://postgres:pw@127.0.0.1:1/review")
    argv = ["run", "--input", str(SAMPLE_LANDING / SAMPLE_DAY), "--warehouse", str(wh), "--date", SAMPLE_DAY]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "corrections store" in err and "unreachable" in err and "pw@" not in err
    assert duck_states(wh) == states  # the corrected version stays


def test_a_write_through_waits_for_a_running_load_and_the_correction_is_kept(wh):
    store = Store(review.store_url(wh))
    _, conf, _ = pick(wh)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from datetime import date; from diplomacy.commit import day_lock\n"
         f"with day_lock({str(wh)!r}, date.fromisoformat({SAMPLE_DAY!r})):\n print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "include")},
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(WriteThroughPending):
            review.confirm(wh, store, conf["event_id"], user="kim", lock_timeout=0.2)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert [c.action for c in store.log(event_id=conf["event_id"])] == ["confirm"]
    assert events(wh)[conf["event_id"]]["review_state"] == "unreviewed"
    review.write_through(wh, store, DAY)
    assert events(wh)[conf["event_id"]]["review_state"] == "confirmed"


def test_services_refuse_what_they_cannot_do(wh):
    store = Store(review.store_url(wh))
    visit, conf, _ = pick(wh)
    with pytest.raises(UnknownEvent):
        review.confirm(wh, store, "no-such-event", user="kim")
    with pytest.raises(UnknownEvent):
        review.add(wh, store, "no-such-article", NEW_EVENT, user="kim")
    with pytest.raises(InvalidCorrection, match="user name"):
        review.confirm(wh, store, conf["event_id"], user="  ")
    with pytest.raises(InvalidCorrection, match="partner_country"):
        review.edit(wh, store, visit["event_id"], {"partner_country": "Korea"}, user="kim")
    twin = {k: visit[k] for k in ("event_type", "direction", "status", "date_precision", "korean_city",
                                  "korean_province", "partner_city", "partner_country")}  # fmt: skip
    with pytest.raises(InvalidCorrection, match="already has this event"):
        review.add(
            wh,
            store,
            visit["article_id"],
            {**twin, "event_date": visit["event_date"].isoformat()},
            user="kim",
        )
    assert (
        review.edit(wh, store, visit["event_id"], {"status": visit["status"]}, user="kim")["review_state"]
        == "unreviewed"
    )
    assert store.log() == []  # nothing refused or unchanged was recorded


def test_partitions_written_before_review_state_read_as_unreviewed(wh):
    """A day loaded by the previous release (no review_state) beside a day loaded now."""
    import pyarrow.compute as pc

    old_day = date(2024, 11, 7)
    t = pq.read_table(partition_path(wh, "events", DAY)).drop_columns(["review_state"])
    t = t.set_column(0, "event_id", pc.binary_join_element_wise(t["event_id"], "-old", ""))
    for name, table in (("events", t), ("articles", pq.read_table(partition_path(wh, "articles", DAY)))):
        partition_path(wh, name, old_day).parent.mkdir(parents=True)
        pq.write_table(table, partition_path(wh, name, old_day))
    old_ids = set(t["event_id"].to_pylist())
    assert {e["review_state"] for e in events(wh).values()} == {"unreviewed"}
    assert {duck_states(wh)[i] for i in old_ids} == {None}  # DuckDB: null, as the data dictionary says
    assert review.refresh_marts(wh)
    eid = sorted(old_ids)[0]
    assert review.confirm(wh, Store(review.store_url(wh)), eid, user="kim")["review_state"] == "confirmed"
    assert "review_state" in pq.read_schema(partition_path(wh, "events", old_day)).names
    assert duck_states(wh)[eid] == "confirmed"


def test_run_records(wh, tmp_path):
    run_id = "manual__2024-11-08T00:00:00+00:00"
    summary = run(wh, run_id=run_id)
    assert summary.run_id == run_id
    record = review.run_record(wh, run_id)
    assert record["run_id"] == run_id and record["day"] == SAMPLE_DAY and record["events"] == summary.events
    assert record["validation"]["success"] is True and isinstance(record["quarantine_counts"], dict)
    assert (wh / "_runs" / "_by_run" / "manual__2024-11-08T00_00_00_00_00.json").is_file()
    assert review.run_record(wh, "no-such-run") is None
    (tmp_path / "secret.json").write_text("{}")
    assert review.run_record(wh, "../../secret") is None


@pytest.mark.parametrize(
    ("fault", "applied"), [("after_stage:events=kill", False), ("after_journal=kill", True)]
)
def test_a_write_through_killed_mid_commit_leaves_one_version(wh, fault, applied):
    from diplomacy.commit import recover

    before = events(wh)
    _, conf, _ = pick(wh)
    code = (
        "from pathlib import Path\nfrom diplomacy import review\n"
        f"wh = Path({str(wh)!r})\n"
        f"review.confirm(wh, review.Store(review.store_url(wh)), {conf['event_id']!r}, user='kim')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "include"), "DIPLOMACY_FAULT": fault}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert proc.returncode == -9, proc.stderr
    recover(wh)  # what the next run of any day does first
    after = events(wh)
    assert set(after) == set(before)
    assert after[conf["event_id"]]["review_state"] == ("confirmed" if applied else "unreviewed")
    store = Store(review.store_url(wh))
    assert [c.action for c in store.log(event_id=conf["event_id"])] == [
        "confirm"
    ]  # recorded before the commit
    review.write_through(wh, store, DAY)
    assert events(wh)[conf["event_id"]]["review_state"] == "confirmed"
