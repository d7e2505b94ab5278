"""A hostile landing day: every file accounted for, encodings equal, reruns idempotent."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from diplomacy.pipeline import run_all
from diplomacy.warehouse import read_table

from .factory import as_html, build, cp949_safe, seed_text

pytestmark = pytest.mark.slow
DAY = date(2024, 11, 8)
LIMIT = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    landing = base / "landing"
    folder = landing / DAY.isoformat()
    expected = build(folder)
    wh = base / "warehouse"
    summary = run_all(folder, wh, DAY, landing_root=landing, max_file_bytes=LIMIT)
    return expected, summary, wh, folder, landing


def test_every_file_is_one_row_with_the_expected_status(hostile_run):
    expected, summary, wh, _, _ = hostile_run
    rows = {r["source_file"]: r for r in read_table(wh, "articles").to_pylist()}
    assert set(rows) == set(expected)
    groups: dict[str, list[str]] = {}
    for name, (status, reason) in expected.items():
        if status.startswith("same:"):
            groups.setdefault(status, []).append(name)
            continue
        assert rows[name]["status"] == status, (name, rows[name]["status"], rows[name]["reason"])
        if reason:
            assert rows[name]["reason"] == reason, name
        if status == "rejected":
            assert rows[name]["reason"], f"{name} rejected without a reason"
    for names in groups.values():
        first = min(names)  # files are staged in name order
        assert rows[first]["status"] == "accepted", (first, rows[first]["reason"])
        for n in names:
            if n != first:
                assert (rows[n]["status"], rows[n]["duplicate_of"]) == (
                    "duplicate",
                    rows[first]["article_id"],
                ), n
    assert summary.received == len(expected) == summary.accepted + summary.duplicate + summary.rejected


def test_duplicates_are_not_extracted_twice(hostile_run):
    _, _, wh, _, _ = hostile_run
    arts = {r["source_file"]: r["article_id"] for r in read_table(wh, "articles").to_pylist()}
    ev_articles = set(read_table(wh, "events")["article_id"].to_pylist())
    assert arts["bom.txt"] in ev_articles
    for dup in ("crlf.txt", "euckr.txt", "utf16.txt", "utf8.txt", "nfd.txt"):
        assert arts[dup] not in ev_articles


def test_validation_checked_the_accounting(hostile_run):
    _, _, wh, _, _ = hostile_run
    v = read_table(wh, "validation_results").to_pylist()
    acc = [r for r in v if r["table_name"] == "accounting"]
    assert acc and all(r["success"] for r in acc)


def _event_keys(wh: Path) -> set:
    return {
        (
            e["event_type"],
            e["korean_city"],
            e["partner_city"],
            e["event_date"],
            e["status"],
            e["agreement_type"],
        )
        for e in read_table(wh, "events").to_pylist()
    }


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("cp949", lambda t: cp949_safe(t).encode("cp949")),
        ("utf16", lambda t: cp949_safe(t).encode("utf-16")),
        ("bom-crlf", lambda t: b"\xef\xbb\xbf" + cp949_safe(t).replace("\n", "\r\n").encode("utf-8")),
        ("html", lambda t: as_html(cp949_safe(t)).encode("utf-8")),
    ],
)
def test_an_article_in_any_encoding_yields_the_same_events(tmp_path, name, encode):
    text = seed_text(0)
    ref = tmp_path / "ref"
    ref.mkdir()
    (ref / "a.txt").write_bytes(cp949_safe(text).encode("utf-8"))
    var = tmp_path / "var"
    var.mkdir()
    (var / ("a.html" if name == "html" else "a.txt")).write_bytes(encode(text))
    run_all(ref, tmp_path / "wh-ref", DAY, max_file_bytes=LIMIT)
    run_all(var, tmp_path / "wh-var", DAY, max_file_bytes=LIMIT)
    keys = _event_keys(tmp_path / "wh-ref")
    assert keys, "the reference article must yield events"
    assert _event_keys(tmp_path / "wh-var") == keys


def test_rerun_of_a_day_is_identical(hostile_run):
    _, _, wh, folder, landing = hostile_run
    before = {n: read_table(wh, n) for n in ("articles", "events", "relationships", "quarantine")}
    run_all(folder, wh, DAY, landing_root=landing, max_file_bytes=LIMIT)
    for n, t in before.items():
        assert read_table(wh, n).equals(t), n


def test_backfill_and_cross_day_duplicates(tmp_path):
    wh = tmp_path / "wh"
    d1, d2 = tmp_path / "2024-11-01", tmp_path / "2024-11-02"
    d1.mkdir()
    d2.mkdir()
    (d1 / "a.txt").write_text(seed_text(0), encoding="utf-8")
    (d2 / "same-again.txt").write_text(seed_text(0) + "\n\n", encoding="utf-8")
    (d2 / "b.txt").write_text(seed_text(1), encoding="utf-8")
    run_all(d1, wh, date(2024, 11, 1), max_file_bytes=LIMIT)
    run_all(d2, wh, date(2024, 11, 2), max_file_bytes=LIMIT)
    run_all(d1, wh, date(2024, 11, 1), max_file_bytes=LIMIT)  # backfill an earlier day again
    arts = read_table(wh, "articles").to_pylist()
    assert len(arts) == 3  # one row per file, never appended twice
    again = next(a for a in arts if a["source_file"] == "same-again.txt")
    first = next(a for a in arts if a["source_file"] == "a.txt")
    assert again["status"] == "duplicate" and again["duplicate_of"] == first["article_id"]
    days = {(e["article_id"], e["ingest_date"]) for e in read_table(wh, "events").to_pylist()}
    assert {d for _, d in days} == {date(2024, 11, 1), date(2024, 11, 2)}


def test_a_long_single_line_file_is_rejected_in_bounded_time(tmp_path):
    """2 MB of an article on one line: Kiwi's cost grows faster than a line's length, so the
    file is rejected as `line_too_long` before any stage reads it. The timeout is what makes
    "bounded time" a claim the test checks: a hang fails it instead of stalling the suite."""
    folder = tmp_path / "day"
    folder.mkdir()
    line = (seed_text(0).replace("\n", " ") + " ") * 400
    (folder / "one-line.txt").write_text(line[:700_000], encoding="utf-8")  # ~2 MB of UTF-8
    (folder / "article.txt").write_text(seed_text(1), encoding="utf-8")
    wh = tmp_path / "wh"
    cmd = [sys.executable, "-m", "diplomacy", "run", "--input", str(folder), "--warehouse", str(wh)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    rows = {r["source_file"]: (r["status"], r["reason"]) for r in read_table(wh, "articles").to_pylist()}
    assert rows == {"one-line.txt": ("rejected", "line_too_long"), "article.txt": ("accepted", None)}


@pytest.mark.parametrize(
    "args",
    [
        ["--date", "2024-13-40"],
        ["--date", "../../etc"],
        ["--max-file-bytes", "0"],
    ],
)
def test_cli_refuses_bad_parameters(tmp_path, args):
    folder = tmp_path / "in"
    folder.mkdir()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "diplomacy",
            "run",
            "--input",
            str(folder),
            "--warehouse",
            str(tmp_path / "wh"),
            *args,
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error:")
    assert not (tmp_path / "wh").exists()
