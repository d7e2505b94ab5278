import os

from diplomacy.stage import content_key, stage_files

ARTICLE = "가나시는 13일 일본 다마시 대표단을 맞아 교류 협약을 체결했다고 밝혔다.\n두 도시는 청소년 교류를 늘린다.\n"


def stage(folder, **kw):
    return {
        f.source_file: f for f in stage_files(folder, max_file_bytes=kw.pop("max_file_bytes", 10_000), **kw)
    }


def test_every_file_is_accounted_for(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b copy.txt").write_text(ARTICLE, encoding="utf-8")  # identical: duplicate
    (tmp_path / "c.txt").write_text(ARTICLE.replace("\n", "\r\n  "), encoding="utf-8")  # whitespace only
    (tmp_path / "기사 d.txt").write_bytes(ARTICLE.encode("cp949"))  # another encoding, same text
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_bytes(b"x" * 20_000)
    outside = tmp_path.parent / "secret.txt"
    outside.write_text(ARTICLE + "비밀", encoding="utf-8")
    os.symlink(outside, tmp_path / "link.txt")
    got = stage(tmp_path)
    assert len(got) == 7
    first = got["a.txt"]
    assert first.status == "accepted" and first.article_id == content_key(ARTICLE)[:16]
    for dup in ("b copy.txt", "c.txt", "기사 d.txt"):
        assert got[dup].status == "duplicate" and got[dup].duplicate_of == first.article_id, dup
        assert got[dup].article_id != first.article_id
    assert (got["empty.txt"].status, got["empty.txt"].reason) == ("rejected", "empty")
    assert (got["big.txt"].status, got["big.txt"].reason) == ("rejected", "too_large")
    assert (got["link.txt"].status, got["link.txt"].reason) == ("rejected", "symlink_outside_landing")
    assert len({f.article_id for f in got.values()}) == 7


def test_known_articles_from_other_days_are_duplicates(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    got = stage(tmp_path, known={content_key(ARTICLE)[:16]})
    assert got["a.txt"].status == "duplicate"


def test_ids_are_deterministic(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "z.txt").write_bytes(b"\x00\x01\x02" * 100)
    assert stage(tmp_path) == stage(tmp_path)
    assert stage(tmp_path)["z.txt"].reason == "binary"
