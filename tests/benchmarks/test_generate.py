"""The benchmark corpus generator: right size, deterministic, realistic mix, entities varied."""

from __future__ import annotations

import csv
import hashlib
import importlib
import json
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `pytest` run without `python -m`: the repo root is not on the path
    sys.path.insert(0, str(ROOT))

gen = importlib.import_module("benchmarks.generate")

N = 120


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _kinds(folder: Path) -> list[dict[str, str]]:
    with gen.files_path(folder).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "landing"
    gen.write_corpus(N, out, seed=3)
    return out


def test_file_count_and_manifest(corpus: Path):
    files = list(corpus.iterdir())
    assert len(files) == N
    assert all(f.is_file() for f in files)
    manifest = json.loads(gen.manifest_path(corpus).read_text(encoding="utf-8"))
    assert manifest["n"] == N and sum(manifest["kinds"].values()) == N
    # bookkeeping lives beside the landing folder, never in it (the pipeline would stage it)
    assert not any(f.suffix in (".json", ".tsv") for f in files)


def test_deterministic_for_a_seed(corpus: Path, tmp_path: Path):
    again = tmp_path / "again"
    gen.write_corpus(N, again, seed=3)
    assert _digest(again) == _digest(corpus)
    other = tmp_path / "other"
    gen.write_corpus(N, other, seed=4)
    assert _digest(other) != _digest(corpus)


def test_mix_of_kinds(corpus: Path):
    rows = _kinds(corpus)
    counts = {k: sum(1 for r in rows if r["kind"] == k) for k in gen.KINDS}
    assert counts["duplicate"] == round(N * gen.DUPLICATE_SHARE)
    assert counts["negative"] == round(N * gen.NEGATIVE_SHARE)
    assert counts["rejected"] >= 2
    assert {r["detail"] for r in rows if r["kind"] == "rejected"} == {"empty", "binary"}


def test_duplicates_collapse_and_originals_do_not(corpus: Path):
    """The stage's own content key decides: duplicates hit an earlier file, nothing else collides."""
    from diplomacy.decode import decode_bytes
    from diplomacy.stage import content_key

    seen: set[str] = set()
    dup_hits = dup_total = 0
    for row in _kinds(corpus):
        decoded = decode_bytes((corpus / row["file"]).read_bytes(), filename=row["file"])
        if row["kind"] == "rejected":
            assert decoded.status == "rejected"
            continue
        assert decoded.status == "accepted", row
        key = content_key(decoded.text)
        if row["kind"] == "duplicate":
            dup_total += 1
            dup_hits += key in seen
        else:
            assert key not in seen, f"{row['file']} accidentally repeats an earlier article"
        seen.add(key)
    assert dup_total and dup_hits == dup_total
    assert 0.03 <= dup_total / N <= 0.08


def test_names_dates_and_people_are_substituted():
    templates = gen.load_templates(gen.source_files(dev_docs=None))
    seed = next(t for t in templates if t.name.startswith("000_"))  # 안산시 / 훈춘시 / 민창기 기자
    rendered = [gen.render(seed, random.Random(i)) for i in range(5)]
    for text in rendered:
        assert "안산시" not in text and "훈춘시" not in text
        assert "민창기" not in text and "이기용" not in text
        assert "2023-10-11" not in text
    assert len(set(rendered)) == 5
    # what is varied keeps its shape: a full Korean city name stays one ("…시", "…군", "…구")
    kinds = {s.kind for s in seed.spans}
    assert {"korean", "foreign", "person", "date"} <= kinds


def test_foreign_cities_come_from_the_same_country():
    p = gen.pools()
    templates = gen.load_templates(gen.source_files(dev_docs=None))
    for t in templates:
        for s in t.spans:
            if s.kind == "foreign":
                country = s.key.split(":")[1]
                assert all(g.country == country for g in p.foreign[(country, s.value)])


def test_negative_pages_lose_their_diplomacy_sentences():
    templates = gen.load_templates(gen.source_files(dev_docs=None))
    stripped = gen.strip_diplomacy(templates[0].text)
    assert "훈춘" not in stripped and "중국" not in stripped
    assert "많이 본 뉴스" in stripped  # the page's own boilerplate stays
