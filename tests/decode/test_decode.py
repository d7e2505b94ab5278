"""Tests for diplomacy.decode: one article, every way a scraper can save it.

The invented article below keeps the suite independent of /work/shared; the
seed articles, when present, add real-world text (bullets, NBSP, long lines).
"""

from __future__ import annotations

import codecs
import gzip
import html
import logging
import os
import random
import re
import struct
import unicodedata
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from diplomacy import decode as decode_module
from diplomacy.decode import REJECTION_REASONS, Decoded, decode_bytes

ARTICLE = """수원시, 베트남 빈증성과 우호교류 30주년 기념 협약 체결
  · 김하늘 기자
  · 등록 2024-05-14 09:30:00

수원시는 베트남 빈증성 대표단이 시청을 방문해 ‘경제·문화 교류 확대를 위한 업무협약’을 체결했다고 14일 밝혔다.

이번 협약은 두 도시가 1994년 자매결연을 맺은 지 30년을 맞아 마련됐다. 양측은 청소년 교환학습, 중소기업 수출 상담회, 공무원 파견 연수 등 5개 분야에서 협력하기로 했다.

이재준 수원시장은 “빈증성은 수원 기업 40여 곳이 진출해 있는 핵심 협력 도시”라며 “앞으로 교류의 폭을 시민 생활까지 넓히겠다”고 말했다.

응우옌 반 록(Nguyen Van Loc) 빈증성 인민위원회 부위원장은 “한국의 스마트시티 정책을 배우고 싶다”고 답했다.

시는 오는 10월 ‘수원 국제자매도시 축제’에 빈증성 전통 공연단을 초청할 계획이다.
"""

# the five real pages the project began from: ../shared/seeds, or beside DIPLOMACY_SHARED_EVAL (.ci/run)
SEEDS_DIR = (
    Path(os.environ["DIPLOMACY_SHARED_EVAL"]).parent / "seeds"
    if os.environ.get("DIPLOMACY_SHARED_EVAL")
    else Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
)


def _articles() -> list[tuple[str, str]]:
    articles = [("invented", ARTICLE)]
    if SEEDS_DIR.is_dir():
        articles += [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(SEEDS_DIR.glob("*.txt"))]
    return articles


ARTICLES = _articles()


def cp949_safe(text: str) -> str:
    """The article as a CP949 site could have published it (no U+2022, U+00A0...)."""

    def ok(ch: str) -> bool:
        try:
            ch.encode("cp949")
        except UnicodeEncodeError:
            return False
        return True

    return "".join(ch for ch in text if ok(ch))


def sloppy_cp1252(data: bytes) -> str:
    """What a Windows/browser tool shows for UTF-8 bytes it believes are windows-1252."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


# name -> (bytes builder, needs a CP949-representable text, expected encoding)
VARIANTS: dict[str, tuple[Callable[[str], bytes], bool, str]] = {
    "utf-8": (lambda t: t.encode("utf-8"), False, "utf-8"),
    "utf-8-sig": (lambda t: t.encode("utf-8-sig"), False, "utf-8-sig"),
    "utf-16-le-bom": (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), False, "utf-16"),
    "utf-16-be-bom": (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), False, "utf-16"),
    "utf-16-le-no-bom": (lambda t: t.encode("utf-16-le"), False, "utf-16-le"),
    "utf-16-be-no-bom": (lambda t: t.encode("utf-16-be"), False, "utf-16-be"),
    "utf-32-bom": (lambda t: t.encode("utf-32"), False, "utf-32"),
    "cp949": (lambda t: t.encode("cp949"), True, "cp949"),
    "crlf-utf-8": (lambda t: crlf(t).encode("utf-8"), False, "utf-8"),
    "cr-utf-8": (lambda t: t.replace("\n", "\r").encode("utf-8"), False, "utf-8"),
    "crlf-cp949": (lambda t: crlf(t).encode("cp949"), True, "cp949"),
    "crlf-utf-16-bom": (lambda t: crlf(t).encode("utf-16"), False, "utf-16"),
    "nfd-utf-8": (lambda t: nfd(t).encode("utf-8"), False, "utf-8"),
    "nfd-utf-16-bom": (lambda t: nfd(t).encode("utf-16"), False, "utf-16"),
    "nfd-crlf-utf-8-sig": (lambda t: crlf(nfd(t)).encode("utf-8-sig"), False, "utf-8-sig"),
}


def assert_accepted(result: Decoded, text: str, encoding: str, *, replaced: int = 0, was_html: bool = False):
    assert result == Decoded(
        text=text, status="accepted", reason=None, encoding=encoding, replaced=replaced, was_html=was_html
    )


def assert_rejected(result: Decoded, reason: str):
    assert result.status == "rejected"
    assert result.reason == reason
    assert result.text is None


# ---------------------------------------------------------------------------
# The same article, however it was saved


def test_invented_article_is_usable_for_every_variant():
    # Guards the fixture itself: it must survive CP949 unchanged and be NFC.
    assert cp949_safe(ARTICLE) == ARTICLE
    assert unicodedata.is_normalized("NFC", ARTICLE)
    assert nfd(ARTICLE) != ARTICLE


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize(("name", "article"), ARTICLES, ids=[name for name, _ in ARTICLES])
def test_same_text_across_encodings(name, article, variant):
    build, needs_cp949, encoding = VARIANTS[variant]
    text = cp949_safe(article) if needs_cp949 else article
    assert_accepted(decode_bytes(build(text)), text, encoding)


@pytest.mark.parametrize(("name", "article"), ARTICLES, ids=[name for name, _ in ARTICLES])
def test_all_variants_agree_with_each_other(name, article):
    text = cp949_safe(article)
    texts = {variant: decode_bytes(build(text)).text for variant, (build, _, _) in VARIANTS.items()}
    assert set(texts.values()) == {text}


# ---------------------------------------------------------------------------
# HTML


def expected_lines(text: str) -> list[str]:
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def html_page(text: str, *, charset: str = "utf-8") -> str:
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n"))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="ko"><head><meta charset="{charset}"><title>경기일보 &amp; 뉴스</title>\n'
        "<style>p { margin: 0 } .ad::after { content: '광고' }</style>\n"
        "<script>var tpl = '<p>스크립트 문단</p>';</script></head>\n"
        f'<body><article class="news">\n{body}</article>\n'
        "<noscript>자바스크립트를 켜 주세요</noscript><script>track('읽음');</script></body></html>"
    )


@pytest.mark.parametrize(("name", "article"), ARTICLES, ids=[name for name, _ in ARTICLES])
@pytest.mark.parametrize(
    ("codec", "encoding"), [("utf-8", "utf-8"), ("cp949", "cp949"), ("utf-16", "utf-16")]
)
def test_html_wrapped_article_keeps_paragraphs_as_lines(name, article, codec, encoding):
    text = cp949_safe(article) if codec == "cp949" else article
    page = html_page(text, charset="euc-kr" if codec == "cp949" else codec)
    expected = "\n".join(["경기일보 & 뉴스", *expected_lines(text)])
    assert_accepted(decode_bytes(page.encode(codec), filename="x.html"), expected, encoding, was_html=True)
    # Detection by content alone (scrapers also save pages as .txt).
    assert_accepted(decode_bytes(page.encode(codec), filename="x.txt"), expected, encoding, was_html=True)


def test_html_detected_from_filename_even_with_few_tags():
    result = decode_bytes("<p>수원시 &lt;국제교류&gt; 소식</p>".encode(), filename="page.HTM")
    assert_accepted(result, "수원시 <국제교류> 소식", "utf-8", was_html=True)


def test_html_fragment_with_many_tags_is_detected():
    fragment = "<div><p>수원시는</p><p>베트남</p><br><p>빈증성과 협약을 맺었다.</p></div>"
    assert_accepted(
        decode_bytes(fragment.encode()), "수원시는\n베트남\n빈증성과 협약을 맺었다.", "utf-8", was_html=True
    )


def test_plain_text_mentioning_a_tag_is_not_html():
    text = "수원시 홈페이지의 <b> 태그 오류가 고쳐졌다고 시는 밝혔다."
    assert_accepted(decode_bytes(text.encode()), text, "utf-8")


def test_html_with_only_scripts_is_empty():
    result = decode_bytes(b"<html><head><script>var a = 1;</script></head><body></body></html>")
    assert result == Decoded(None, "rejected", "empty", "utf-8", 0, True)


def test_english_html_page_is_not_korean():
    page = "<!doctype html><html><body><p>Suwon signs a friendship pact.</p></body></html>"
    assert decode_bytes(page.encode()) == Decoded(None, "rejected", "not_korean", "utf-8", 0, True)


# ---------------------------------------------------------------------------
# Rejections, one minimal input each


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"", None),
        (b" \t\r\n  \n", None),
        (b"\x00" * 4096, None),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (" \u3000\n".encode("utf-16"), "utf-16"),
    ],
    ids=["zero-bytes", "whitespace", "all-nul", "bom-only", "utf-16-whitespace"],
)
def test_empty(data, encoding):
    assert decode_bytes(data) == Decoded(None, "rejected", "empty", encoding, 0, False)


def _png() -> bytes:
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


@pytest.mark.parametrize(
    "data",
    [
        _png(),
        gzip.compress(ARTICLE.encode()),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        b"PK\x03\x04" + ARTICLE.encode(),
        random.Random(7).randbytes(4096),
        # Many NUL bytes at both parities: not UTF-16, not a few stray ones.
        b"".join(ARTICLE.encode()[i : i + 7] + b"\x00" for i in range(0, len(ARTICLE.encode()), 7)),
        # Control bytes without any NUL (e.g. a raw deflate stream or a dump).
        bytes(range(1, 9)) * 100 + ARTICLE.encode(),
    ],
    ids=["png", "gzip", "pdf", "zip", "random", "interleaved-nul", "control-bytes"],
)
def test_binary(data):
    assert decode_bytes(data, filename="article.txt") == Decoded(None, "rejected", "binary", None, 0, False)


def test_undecodable_when_too_many_invalid_bytes():
    # One invalid byte after every 20th character: 5 % > 1 %.
    data = "".join(ch + ("\udcff" if i % 20 == 19 else "") for i, ch in enumerate(ARTICLE)).encode(
        "utf-8", "surrogateescape"
    )
    assert decode_bytes(data) == Decoded(None, "rejected", "undecodable", None, len(ARTICLE) // 20, False)


def test_undecodable_utf16_with_bom():
    data = codecs.BOM_UTF16_LE + b"\x00\xd8" * 50  # lone high surrogates
    assert decode_bytes(data) == Decoded(None, "rejected", "undecodable", "utf-16", 50, False)


@pytest.mark.parametrize(
    ("text", "codec", "encoding"),
    [
        ("Suwon signed a friendship agreement with Binh Duong province on Tuesday.", "utf-8", "utf-8"),
        (
            "中国吉林省珲春市与安山市签署国际友好城市交流意向书，双方将在经济、贸易、文化等领域开展合作。",
            "utf-8",
            "utf-8",
        ),
        (
            "中国吉林省珲春市与安山市签署国际友好城市交流意向书，双方将在经济、贸易、文化等领域开展合作。",
            "gb2312",
            "gb18030",
        ),
        ("東京都と大阪府は国際交流の協定を締結しました。", "utf-8", "utf-8"),
        ("2024-05-14 09:30 / 1,234 (+5.6%)", "utf-8", "utf-8"),
    ],
    ids=["english", "chinese-utf8", "chinese-gb2312", "japanese", "no-letters"],
)
def test_not_korean(text, codec, encoding):
    assert decode_bytes(text.encode(codec)) == Decoded(None, "rejected", "not_korean", encoding, 0, False)


def test_gb2312_that_is_also_valid_cp949_is_not_taken_for_korean():
    chinese = (
        "中国吉林省延边朝鲜族自治州珲春市与安山市签署国际友好城市交流意向书，双方将在经济、贸易、文化等领域开展合作。"
        "今天上午，市长会见了来访的代表团，并就进一步加强两市之间的友好往来交换了意见。"
    )

    def cp949_valid(ch: str) -> bool:
        try:
            ch.encode("gb2312").decode("cp949")
        except UnicodeDecodeError:
            return False
        return True

    data = "".join(ch for ch in chinese if cp949_valid(ch)).encode("gb2312")
    as_cp949 = data.decode("cp949")  # decodes without error, into random syllables
    assert sum("\uac00" <= ch <= "\ud7a3" for ch in as_cp949) == 49
    assert decode_bytes(data) == Decoded(None, "rejected", "not_korean", "gb18030", 0, False)


def test_not_korean_respects_min_hangul_ratio():
    # 8 Hangul letters out of 8 + 28 Latin letters: 22 %.
    text = "수원시 빈증성 협약 Suwon Binh Duong friendship pact!"
    letters = [ch for ch in text if ch.isalpha()]
    assert len(letters) == 36
    assert decode_bytes(text.encode(), min_hangul_ratio=0.2).status == "accepted"
    assert decode_bytes(text.encode(), min_hangul_ratio=0.25).reason == "not_korean"


def test_korean_with_some_hanja_and_english_is_accepted():
    text = "안산시는 中國 琿春市와 교류의향서(MOU)를 체결했다."
    assert_accepted(decode_bytes(text.encode()), text, "utf-8")


def test_unrepairable_mojibake_is_rejected():
    # Upper-casing destroyed the byte values, so no decoder can bring Hangul back.
    garbled = sloppy_cp1252(ARTICLE.encode()).upper()
    assert decode_bytes(garbled.encode()) == Decoded(None, "rejected", "mojibake", "utf-8", 0, False)


def test_lossy_mojibake_is_rejected_and_counts_the_losses():
    # Python's strict cp1252 turns 0x81/0x8D/0x8F/0x90/0x9D into U+FFFD: bytes lost.
    garbled = ARTICLE.encode().decode("cp1252", errors="replace")
    result = decode_bytes(garbled.encode())
    assert (result.status, result.reason, result.encoding, result.text) == (
        "rejected",
        "mojibake",
        "utf-8",
        None,
    )
    assert result.replaced == 63


def test_rejection_reasons_are_the_documented_ones():
    assert REJECTION_REASONS == ("empty", "binary", "undecodable", "not_korean", "mojibake", "line_too_long")


# ---------------------------------------------------------------------------
# Replacement counting


def _with_invalid_bytes(text: str, positions: list[int], codec: str = "utf-8") -> bytes:
    pieces, start = [], 0
    for pos in positions:
        pieces.append(text[start:pos].encode(codec) + b"\xff")
        start = pos
    pieces.append(text[start:].encode(codec))
    return b"".join(pieces)


def _with_fffd(text: str, positions: list[int]) -> str:
    out, start = [], 0
    for pos in positions:
        out.append(text[start:pos] + "\ufffd")
        start = pos
    out.append(text[start:])
    return "".join(out)


def test_few_invalid_utf8_bytes_are_replaced_and_counted():
    positions = [10, 150, 300]
    result = decode_bytes(_with_invalid_bytes(ARTICLE, positions))
    assert_accepted(result, _with_fffd(ARTICLE, positions), "utf-8", replaced=3)


def test_invalid_ratio_threshold_is_inclusive_and_configurable():
    positions = [10, 150, 300]
    data = _with_invalid_bytes(ARTICLE, positions)
    ratio = 3 / (len(ARTICLE) + 3)  # replacements per decoded character
    assert decode_bytes(data, max_invalid_ratio=ratio * 1.0001).status == "accepted"
    assert decode_bytes(data, max_invalid_ratio=ratio * 0.9999) == Decoded(
        None, "rejected", "undecodable", None, 3, False
    )
    assert decode_bytes(data, max_invalid_ratio=0.0).reason == "undecodable"


def test_genuine_replacement_characters_are_not_counted():
    text = "수원시 보도자료 원문에 이미 \ufffd 문자가 있었다."
    assert_accepted(decode_bytes(text.encode()), text, "utf-8", replaced=0)
    data = text.encode() + b"\xff"  # 1 invalid byte in 31 characters
    assert_accepted(decode_bytes(data, max_invalid_ratio=0.05), text + "\ufffd", "utf-8", replaced=1)


def test_invalid_byte_in_cp949_file():
    pos = ARTICLE.index("수원시는")
    result = decode_bytes(_with_invalid_bytes(ARTICLE, [pos], codec="cp949"))
    assert_accepted(result, _with_fffd(ARTICLE, [pos]), "cp949", replaced=1)


def test_truncated_cp949_file():
    text = ARTICLE.rstrip(".\n")  # ends with a Hangul syllable: two bytes in CP949
    data = text.encode("cp949")[:-1]
    assert_accepted(decode_bytes(data), text[:-1] + "\ufffd", "cp949", replaced=1)


def test_truncated_utf16_file():
    data = ARTICLE.encode("utf-16")[:-1]
    assert_accepted(decode_bytes(data), ARTICLE[:-1] + "\ufffd", "utf-16", replaced=1)


# ---------------------------------------------------------------------------
# NUL bytes


def test_stray_nul_bytes_are_removed():
    raw = ARTICLE.encode()
    # Between characters, and in the middle of a three-byte Hangul sequence.
    middle = len(ARTICLE[:20].encode()) + 1
    data = raw[:5] + b"\x00" + raw[5:middle] + b"\x00" + raw[middle:-1] + b"\x00" + raw[-1:]
    assert data.count(0) == 3
    assert_accepted(decode_bytes(data), ARTICLE, "utf-8")


def test_stray_nul_characters_in_utf16_are_removed():
    text = ARTICLE[:50] + "\x00\x00" + ARTICLE[50:] + "\x00"
    assert_accepted(decode_bytes(text.encode("utf-16")), ARTICLE, "utf-16")


def test_trailing_nul_padding_is_ignored():
    assert_accepted(decode_bytes(ARTICLE.encode() + b"\x00" * 4096), ARTICLE, "utf-8")


def test_a_few_control_bytes_are_dropped():
    data = b"\x1a" + ARTICLE.encode() + b"\x1b\x07"
    assert_accepted(decode_bytes(data), ARTICLE, "utf-8")


# ---------------------------------------------------------------------------
# Mojibake repair


def test_utf8_read_as_cp1252_is_repaired():
    garbled = sloppy_cp1252(ARTICLE.encode())
    assert garbled.startswith("ìˆ˜ì›\x90ì‹œ")  # the "ìˆ˜ì›ì‹œ" of the bug reports
    assert_accepted(decode_bytes(garbled.encode()), ARTICLE, "utf-8")


def test_utf8_read_as_latin1_is_repaired():
    garbled = ARTICLE.encode().decode("latin-1")
    assert_accepted(decode_bytes(garbled.encode()), ARTICLE, "utf-8")


def test_cp949_read_as_latin1_is_repaired():
    garbled = ARTICLE.encode("cp949").decode("latin-1")
    assert garbled.startswith("¼ö¿ø½Ã")
    assert_accepted(decode_bytes(garbled.encode()), ARTICLE, "utf-8")


def test_mojibake_repair_does_not_touch_the_rest_of_the_text():
    # ftfy's other fixes (curly quotes, full-width forms) must stay off.
    tail = "안양시도 ＡＩ 행사에 참석했다."
    garbled = ARTICLE + sloppy_cp1252(tail.encode())
    assert_accepted(decode_bytes(garbled.encode()), ARTICLE + tail, "utf-8")


def test_mojibake_inside_html_is_repaired():
    page = html_page(ARTICLE)
    garbled = sloppy_cp1252(page.encode())
    expected = "\n".join(["경기일보 & 뉴스", *expected_lines(ARTICLE)])
    assert_accepted(decode_bytes(garbled.encode(), filename="a.html"), expected, "utf-8", was_html=True)


# ---------------------------------------------------------------------------
# Normalisation details


def test_nfd_becomes_nfc_and_line_endings_become_lf():
    text = "수원시\r\n빈증성\r마지막\u2028줄"
    result = decode_bytes(nfd(text).encode())
    assert_accepted(result, "수원시\n빈증성\n마지막\n줄", "utf-8")


def test_interior_bom_from_concatenated_files_is_removed():
    data = ARTICLE.encode("utf-8-sig") + ARTICLE.encode("utf-8-sig")
    assert_accepted(decode_bytes(data), ARTICLE + ARTICLE, "utf-8-sig")


def test_iso2022_kr():
    assert_accepted(decode_bytes(ARTICLE.encode("iso2022_kr")), ARTICLE, "iso2022_kr")


# ---------------------------------------------------------------------------
# Never raises


def _fuzz_inputs(seed: int = 20240514, count: int = 1500) -> list[bytes]:
    rng = random.Random(seed)
    encodings = [ARTICLE.encode(c) for c in ("utf-8", "cp949", "utf-16", "utf-16-be", "utf-8-sig")]
    prefixes = [
        b"",
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_BE,
        codecs.BOM_UTF32_LE,
        b"<html>",
    ]
    inputs = []
    for i in range(count):
        kind = i % 4
        if kind == 0:  # uniform random bytes
            data = rng.randbytes(rng.randrange(0, 600))
        elif kind == 1:  # text-like: ASCII plus high bytes, tags and NULs
            alphabet = b"<>/p &;#\r\n\x00\x80\xa1\xb0\xc8\xea\xec\xed\xef\xff" + bytes(range(0x20, 0x7F))
            data = bytes(rng.choice(alphabet) for _ in range(rng.randrange(0, 400)))
        else:  # mutated real article
            data = bytearray(rng.choice(encodings))
            for _ in range(rng.randrange(0, 40)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            data = bytes(data[: rng.randrange(0, len(data) + 1)])
        inputs.append(rng.choice(prefixes) + data)
    return inputs


def test_never_raises_on_random_bytes(caplog):
    caplog.set_level(logging.ERROR, logger="diplomacy.decode")
    for data in _fuzz_inputs():
        result = decode_bytes(data, filename="fuzz.txt")
        assert result.status in ("accepted", "rejected")
        if result.status == "accepted":
            assert result.reason is None
            assert isinstance(result.text, str)
            assert result.text.strip()
            assert unicodedata.is_normalized("NFC", result.text)
            assert "\r" not in result.text
            assert "\x00" not in result.text
        else:
            assert result.text is None
            assert result.reason in REJECTION_REASONS
        assert result.replaced >= 0
    # The safety net must not have been what kept it from raising.
    assert not [r for r in caplog.records if r.name == "diplomacy.decode"]


def test_deep_html_and_huge_tag_soup_do_not_raise():
    data = ("<div>" * 20000 + "수원시는 협약을 맺었다" + "</div>" * 20000).encode()
    assert_accepted(decode_bytes(data), "수원시는 협약을 맺었다", "utf-8", was_html=True)


def test_unexpected_error_is_reported_not_raised(monkeypatch, caplog):
    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(decode_module, "_decode_8bit", boom)
    with caplog.at_level(logging.ERROR, logger="diplomacy.decode"):
        result = decode_bytes(ARTICLE.encode(), filename="a.txt")
    assert result == Decoded(None, "rejected", "undecodable", None, 0, False)
    assert "a.txt" in caplog.text


def test_non_bytes_input_is_a_programming_error():
    with pytest.raises(TypeError):
        decode_bytes(ARTICLE)  # type: ignore[arg-type]
    assert_accepted(decode_bytes(bytearray(ARTICLE.encode())), ARTICLE, "utf-8")
    assert_accepted(decode_bytes(memoryview(ARTICLE.encode())), ARTICLE, "utf-8")
