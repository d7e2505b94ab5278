"""`corrections export DIR`: the reviewed articles as gold files in the contract's format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import SHARED

from diplomacy.clean import clean_page
from diplomacy.cli import main
from diplomacy.warehouse import partition_path, read_table

from .sample import DAY, correct, events

CHECK_GOLD = Path(os.environ.get("DIPLOMACY_SHARED_EVAL") or SHARED / "eval") / "check_gold.py"


def export(wh, out, capsys) -> tuple[int, str, str]:
    rc = main(["corrections", "export", str(out), "--warehouse", str(wh)])
    cap = capsys.readouterr()
    return rc, cap.out, cap.err


def test_export_writes_the_corrected_articles(wh, tmp_path, capsys):
    _, visit, conf, rej, edited, *_ = correct(wh)
    rc, out, err = export(wh, tmp_path / "gold_set", capsys)
    assert rc == 0, err
    reviewed = {visit["article_id"], conf["article_id"], rej["article_id"]}
    assert f"{len(reviewed)} reviewed articles" in out
    articles = {a["article_id"]: a for a in read_table(wh, "articles").to_pylist()}
    now = events(wh)
    for aid in reviewed:
        a = articles[aid]
        stem = a["source_file"].rsplit(".", 1)[0]
        gold = json.loads((tmp_path / "gold_set" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        mine = sorted((e for e in now.values() if e["article_id"] == aid), key=lambda e: e["event_id"])
        assert gold["file"] == f"{stem}.txt" and gold["published_date"] == a["published_date"].isoformat()
        assert gold["is_diplomacy"] is bool(mine)
        assert [g["event_type"] for g in gold["events"]] == [e["event_type"] for e in mine]
        assert [g["event_date"] for g in gold["events"]] == [e["event_date"].isoformat() for e in mine]
        assert all(set(g) == set(gold["events"][0]) for g in gold["events"])
        # the document reads back as the article the engine read
        doc = clean_page((tmp_path / "gold_set" / "docs" / f"{stem}.txt").read_text(encoding="utf-8"))
        assert (doc.title, doc.published_date, doc.body) == (a["title"], a["published_date"], a["body"])
    rej_gold = json.loads(
        (
            tmp_path / "gold_set" / "gold" / f"{articles[rej['article_id']]['source_file'][:-4]}.json"
        ).read_text()
    )
    assert {"exchange", "2021-10-01"} <= {
        x for g in rej_gold["events"] for x in (g["event_type"], g["event_date"])
    }
    visit_gold = json.loads(
        (
            tmp_path / "gold_set" / "gold" / f"{articles[visit['article_id']]['source_file'][:-4]}.json"
        ).read_text()
    )
    assert {"direction": edited["direction"], "fields": ["sports"]}.items() <= next(
        g
        for g in visit_gold["events"]
        if g["event_type"] == "visit" and g["direction"] == edited["direction"]
    ).items()


def test_an_article_that_breaks_the_contract_is_skipped_and_named(wh, tmp_path, capsys):
    _, visit, conf, rej, *_ = correct(wh)
    others = {conf["article_id"], rej["article_id"]} - {visit["article_id"]}
    path = partition_path(wh, "events", DAY)
    t = pq.read_table(path).to_pylist()
    for e in t:
        if e["article_id"] == visit["article_id"]:
            e["korean_province"] = None  # an engine event the contract would not take
    pq.write_table(pa.Table.from_pylist(t, schema=pq.read_schema(path)), path)
    rc, out, err = export(wh, tmp_path / "g", capsys)
    assert rc == 1 and f"skipped {visit['article_id']}" in err and "needs korean_province" in err
    source = next(a for a in read_table(wh, "articles").to_pylist() if a["article_id"] == visit["article_id"])
    assert not (tmp_path / "g" / "gold" / source["source_file"].replace(".txt", ".json")).exists()
    assert f"{len(others)} reviewed articles" in out
    assert len(list((tmp_path / "g" / "gold").glob("*.json"))) == len(others)


def test_the_gold_checker_of_the_contract_passes_on_the_export(wh, tmp_path, capsys):
    if not CHECK_GOLD.exists():
        pytest.skip(f"GOLD FORMAT NOT CHECKED: no {CHECK_GOLD} (../shared/eval beside this checkout)")
    _, visit, conf, rej, *_ = correct(wh)
    reviewed = {visit["article_id"], conf["article_id"], rej["article_id"]}
    assert export(wh, tmp_path / "g", capsys)[0] == 0
    proc = subprocess.run(
        [sys.executable, str(CHECK_GOLD), str(tmp_path / "g" / "gold"), str(tmp_path / "g" / "docs")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{len(reviewed)} gold files, 0 problems" in proc.stdout


def test_corrections_list(wh, capsys):
    assert main(["corrections", "list", "--warehouse", str(wh)]) == 0
    assert "no corrections" in capsys.readouterr().out
    _, visit, *_ = correct(wh)
    assert main(["corrections", "list", "--warehouse", str(wh), "--date", DAY.isoformat()]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 5 and "reject" in out[3] and "DROP TABLE corrections" in out[3]
    assert f"edit {visit['event_id']}" in out[0] and 'fields: [] -> ["sports"]' in "\n".join(out)
    assert main(["corrections", "list", "--warehouse", str(wh), "--date", "2024-11-31"]) == 2
    assert main(["corrections", "list", "--warehouse", "", "--date", DAY.isoformat()]) == 2
    assert main(["corrections", "export", str(wh.parent / "x"), "--warehouse", str(wh / "nope")]) == 2
