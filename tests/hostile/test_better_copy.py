"""Issue 15 item 3: same id, better copy. A plain HTML page cleans to its text, and of two
files of a day with one article id the kept one is chosen by content, not by name order."""

from __future__ import annotations

from datetime import date

import pytest

from diplomacy import pipeline
from diplomacy.clean import clean_page
from diplomacy.decode import decode_bytes
from diplomacy.pipeline import run_all
from diplomacy.warehouse import read_table

from .factory import SEEDS, badinputs, seed_text

DAY = date(2024, 11, 8)
LIMIT = 2 * 1024 * 1024


@pytest.mark.parametrize("i", range(len(SEEDS)))
def test_a_text_article_in_one_html_block_cleans_like_the_text(i):
    text = seed_text(i)
    page = badinputs.html_in_one_block(text).encode("utf-8")
    decoded = decode_bytes(page, filename="copy.html")
    assert decoded.status == "accepted"
    got, ref = clean_page(decoded.text), clean_page(text)
    assert ref.title and ref.body
    assert (got.title, got.body, got.published_date) == (ref.title, ref.body, ref.published_date)


def _cleaned(folder, tmp_path):
    staged = pipeline.stage(folder, tmp_path / "wh", DAY, landing_root=None, max_file_bytes=LIMIT)
    import pyarrow.parquet as pq

    return {r["source_file"]: r for r in pq.read_table(pipeline.clean(staged)).to_pylist()}


def test_the_copy_with_a_body_is_kept_whatever_its_name(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "0-one-line.txt").write_text(badinputs.one_line(seed_text(2)), encoding="utf-8")
    (folder / "b.txt").write_text(seed_text(2), encoding="utf-8")
    assert not clean_page(badinputs.one_line(seed_text(2))).body  # the first by name has no body
    rows = _cleaned(folder, tmp_path)
    kept, other = rows["b.txt"], rows["0-one-line.txt"]
    assert kept["status"] == "accepted" and kept["title"] and kept["body"]
    assert (other["status"], other["duplicate_of"]) == ("duplicate", kept["article_id"])
    assert other["article_id"] != kept["article_id"]
    assert other["body"] is None and other["title"] is None and other["minhash"] is None
    assert rows == _cleaned(folder, tmp_path)  # a rerun decides the same


def test_equal_copies_keep_the_first_by_name(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("b.txt", "a.txt", "c.txt"):
        (folder / name).write_text(seed_text(0), encoding="utf-8")
    rows = _cleaned(folder, tmp_path)
    assert [rows[n]["status"] for n in ("a.txt", "b.txt", "c.txt")] == ["accepted", "duplicate", "duplicate"]


def _events(wh):
    return sorted(
        (e["event_type"], e["korean_city"], e["partner_city"], e["event_date"], e["evidence"])
        for e in read_table(wh, "events").to_pylist()
    )


def test_an_html_copy_in_one_block_loses_no_events(tmp_path):
    """The issue's case: the HTML copy sorts first and used to win with an empty title and
    body, and the text's events were dropped with its "duplicate"."""
    text = seed_text(2)
    ref, day = tmp_path / "ref", tmp_path / "day"
    ref.mkdir()
    day.mkdir()
    (ref / "a.txt").write_text(text, encoding="utf-8")
    (day / "a.txt").write_text(text, encoding="utf-8")
    (day / "a.html").write_text(badinputs.html_in_one_block(text), encoding="utf-8")
    run_all(ref, tmp_path / "wh-ref", DAY, max_file_bytes=LIMIT)
    summary = run_all(day, tmp_path / "wh", DAY, max_file_bytes=LIMIT)
    assert (summary.accepted, summary.duplicate) == (1, 1)
    kept = next(a for a in read_table(tmp_path / "wh", "articles").to_pylist() if a["status"] == "accepted")
    assert kept["title"] and kept["body"]
    expected = _events(tmp_path / "wh-ref")
    assert expected, "the reference article must yield events"
    assert _events(tmp_path / "wh") == expected
