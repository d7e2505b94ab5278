"""Turn the raw bytes of a scraper landing file into Korean text, or say why not.

Landing files come from many scrapers and many Korean sites, some of which still
serve EUC-KR/CP949, some save UTF-16 from Windows tools, some save the HTML page
instead of the article, and some hand us images, archives or text that was
already garbled upstream. Everything downstream assumes clean NFC Korean text
with ``\\n`` line endings, so this module is the single place where that promise
is made, and where anything that cannot keep it is rejected with a reason an
operator can act on. It is pure (bytes in, value out) so it can be tested
exhaustively and reused outside Airflow.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass

import ftfy
from charset_normalizer import from_bytes

from diplomacy.html_text import html_to_text
from diplomacy.letters import letter_count

__all__ = ["ACCEPTED", "REJECTED", "REJECTION_REASONS", "Decoded", "decode_bytes"]

log = logging.getLogger(__name__)

ACCEPTED = "accepted"
REJECTED = "rejected"
REJECTION_REASONS = ("empty", "binary", "undecodable", "not_korean", "mojibake", "line_too_long")


@dataclass(frozen=True)
class Decoded:
    """Outcome of decoding one landing file.

    Rejections still carry ``encoding``, ``replaced`` and ``was_html`` when they
    are known, because those are what an operator needs to find the broken
    scraper.
    """

    text: str | None
    status: str
    reason: str | None
    encoding: str | None
    replaced: int
    was_html: bool


# --------------------------------------------------------------------------
# Tunables. They are module constants rather than parameters because they
# describe file formats, not editorial policy.

# Leading bytes of formats a scraper can mistakenly save under a text name:
# images, archives, office/HWP documents, PDFs, executables, databases.
_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"\x1f\x8b\x08",  # gzip (deflate)
    b"PK\x03\x04",  # zip, docx, hwpx, xlsx
    b"PK\x05\x06",  # empty zip
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE2: HWP 5, doc, xls
    b"%PDF-",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"\x28\xb5\x2f\xfd",  # zstd
    b"\x7fELF",
    b"SQLite format 3\x00",
    b"OggS",
    b"wOFF",
    b"wOF2",
)
_BZIP2 = re.compile(rb"\ABZh[1-9]1AY&SY")
_RIFF = re.compile(rb"\ARIFF.{4}(?:WEBP|WAVE|AVI )", re.S)
_ID3 = re.compile(rb"\AID3[\x02-\x04]")
_FTYP = re.compile(rb"\A.{4}ftyp", re.S)  # MP4, MOV, HEIC

# Control bytes that never occur in text encoded as UTF-8 or any legacy Korean
# code page (their multibyte sequences only use bytes >= 0x41).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_DELETE_CONTROL_CHARS = dict.fromkeys(_CONTROL_BYTES)
# At most this many stray NUL/control bytes are always tolerated ("a few"),
# whatever the file size.
_FEW = 3
_MAX_NUL_RATIO = 0.02
_MAX_CONTROL_RATIO = 0.05

# Korean-plausibility check for legacy decodes: GB2312 Chinese and other
# double-byte encodings often decode "successfully" as CP949 into random Hangul
# syllables. Real Korean concentrates on a small set of very frequent
# syllables; these cover ~65 % of syllables in news text but only ~4 % of a
# uniform draw from the 2,350 KS X 1001 syllables.
_COMMON_SYLLABLES = frozenset(
    "이다의는에하고을를한가지로서기사시대도정인으있일자국주수해적어과와들부상년보제장전리비여나위원라생"
    "동성화오경중만면게아요되였것등무문했었개신연공방회구관조학업거내소행계간월우마세물유발교미치그실진선식결"
)
_PLAUSIBLE_MIN_SYLLABLES = 30
_PLAUSIBLE_MIN_COMMON_SHARE = 0.10


def _cp1252_sloppy(byte: int) -> str:
    """How a browser/Windows shows *byte* when it assumes windows-1252."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


# UTF-8 read as windows-1252/Latin-1: a lead byte shown as one of U+00C2-U+00F4
# followed by continuation bytes shown as cp1252 punctuation or Latin-1
# symbols. "수" (EC 88 98) becomes "ìˆ˜". One continuation may be missing
# because tools often drop the invisible C1 characters.
_CONT = re.escape("".join(_cp1252_sloppy(b) for b in range(0x80, 0xC0)))
_UTF8_MOJIBAKE = re.compile(
    rf"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{1,2}}|[\u00f0-\u00f4][{_CONT}]{{2,3}}"
)
# CP949 read as Latin-1/cp1252: "수원시" becomes "¼ö¿ø½Ã", pairs of high chars.
_HIGH = re.escape("".join(_cp1252_sloppy(b) for b in range(0x81, 0xFF)))
_CP949_MOJIBAKE = re.compile(rf"[{_HIGH}][{_HIGH}A-Za-z]")
# Both readings map back: Latin-1 tools keep C1 controls, cp1252 tools show
# punctuation for the same bytes.
_SLOPPY_1252_REVERSE = {chr(b): b for b in range(0x80, 0x100)} | {
    _cp1252_sloppy(b): b for b in range(0x80, 0x100)
}
_MOJIBAKE_MIN_MATCHES = 3
_MOJIBAKE_MIN_SHARE = 0.3

# Only the encoding repair of ftfy: its other fixes (quotes, full-width forms,
# ligatures, HTML entities) would make a repaired file differ from the same
# article saved correctly.
_FTFY_ENCODING_ONLY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
)

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S
)
_KNOWN_TAG = re.compile(
    r"</?(?:html|head|body|title|meta|link|script|style|div|span|p|br|a|img|ul|ol|li|table|tr|td|th"
    r"|h[1-6]|strong|b|em|i|font|section|article|header|footer|nav|iframe)\b[^<>]*>",
    re.I,
)
_MANY_TAGS = 5
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029]")

# The longest line and the longest run without a sentence end that a page may have. Kiwi's
# cost grows faster than a line's length, and extraction pairs the mentions of a sentence,
# so without these a 2 MB line (one sentence repeated, or a city name 80,000 times) takes
# minutes. The longest line of the annotated articles is under 1,000 characters.
MAX_LINE_CHARS = 20_000
MAX_SENTENCE_CHARS = 5_000
_SENTENCE_END = re.compile(r"[.!?。\n]")

FFFD = "\ufffd"


@dataclass(frozen=True)
class _Text:
    text: str
    encoding: str
    replaced: int


@dataclass(frozen=True)
class _Reject:
    reason: str
    encoding: str | None = None
    replaced: int = 0


def decode_bytes(
    data: bytes,
    *,
    filename: str = "",
    max_invalid_ratio: float = 0.01,
    min_hangul_ratio: float = 0.2,
) -> Decoded:
    """Decode one landing file's bytes into NFC Korean text or a rejection.

    Never raises for bytes-like input: one bad file must not fail a whole DAG
    run. An unexpected internal error is logged and reported as
    ``"undecodable"`` so the file is quarantined rather than lost.
    ``max_invalid_ratio`` bounds replacement characters per decoded character;
    ``min_hangul_ratio`` is the share of Hangul among letters below which the
    text is not a Korean article.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"decode_bytes expects bytes, got {type(data).__name__}")
    try:
        return _decode(bytes(data), filename, max_invalid_ratio, min_hangul_ratio)
    except Exception:
        log.exception("decode_bytes failed unexpectedly on %r (%d bytes)", filename, len(data))
        return Decoded(None, REJECTED, "undecodable", None, 0, False)


def _reject(reason: str, encoding: str | None = None, replaced: int = 0, was_html: bool = False) -> Decoded:
    return Decoded(None, REJECTED, reason, encoding, replaced, was_html)


def _decode(data: bytes, filename: str, max_invalid_ratio: float, min_hangul_ratio: float) -> Decoded:
    # A zero-filled file is an aborted write, not an upload of a binary format.
    if not data.strip(b" \t\r\n\f\v\x00"):
        return _reject("empty")
    if _has_binary_magic(data):
        return _reject("binary")

    # Encodings that are recognisable before the control-byte test, which
    # their NUL or shift bytes would otherwise fail.
    decoded = (
        _decode_with_bom(data, max_invalid_ratio) or _decode_bomless_utf16(data) or _decode_iso2022_kr(data)
    )
    if decoded is None:
        # Preallocated files that were never fully written end in NUL padding.
        data = data.rstrip(b"\x00")
        if _looks_binary(data):
            return _reject("binary")
        # NUL never occurs inside a UTF-8 or CP949 sequence, so dropping it at
        # byte level also heals a NUL injected in the middle of a character.
        decoded = _decode_8bit(data.replace(b"\x00", b""), max_invalid_ratio, min_hangul_ratio)
    elif isinstance(decoded, _Text) and _looks_binary_text(decoded.text):
        return _reject("binary", decoded.encoding, decoded.replaced)
    if isinstance(decoded, _Reject):
        return _reject(decoded.reason, decoded.encoding, decoded.replaced)

    encoding, replaced = decoded.encoding, decoded.replaced
    # The few stray NUL/control characters that passed the binary test are
    # debris, never content, and would break downstream tools and PostgreSQL.
    text = decoded.text.translate(_DELETE_CONTROL_CHARS)

    repaired = _repair_mojibake(text, min_hangul_ratio)
    if repaired is not None:
        text = repaired
        # Every U+FFFD left in a repaired text marks a byte the garbling step
        # lost, so they all count as replacements.
        replaced = text.count(FFFD)
        if replaced > max_invalid_ratio * len(text):
            return _reject("mojibake", encoding, replaced)

    text = _normalise(text)
    was_html = filename.lower().endswith(_HTML_SUFFIXES) or _looks_like_html(text)
    if was_html:
        text = _normalise(html_to_text(text))

    if not text.strip():
        return _reject("empty", encoding, replaced, was_html)
    if _hangul_ratio(text) < min_hangul_ratio:
        reason = "mojibake" if _looks_like_mojibake(text) else "not_korean"
        return _reject(reason, encoding, replaced, was_html)
    if _overlong(text):
        return _reject("line_too_long", encoding, replaced, was_html)
    return Decoded(text, ACCEPTED, None, encoding, replaced, was_html)


def _overlong(text: str) -> bool:
    """A line or a sentence too long to read in time proportional to its length."""
    longest_line = max(map(len, text.split("\n")))
    return longest_line > MAX_LINE_CHARS or max(map(len, _SENTENCE_END.split(text))) > MAX_SENTENCE_CHARS


# --------------------------------------------------------------------------
# Byte-level classification


def _has_binary_magic(data: bytes) -> bool:
    head = data[:64]
    return head.startswith(_MAGIC) or bool(
        _BZIP2.match(head) or _RIFF.match(head) or _ID3.match(head) or _FTYP.match(head)
    )


def _too_many(count: int, total: int, ratio: float) -> bool:
    return count > _FEW and count > ratio * total


def _looks_binary(data: bytes) -> bool:
    """Binary when NUL or other control bytes are more than a few stray ones."""
    n = len(data)
    nul = data.count(0)
    control = n - len(data.translate(None, _CONTROL_BYTES))
    return _too_many(nul, n, _MAX_NUL_RATIO) or _too_many(control, n, _MAX_CONTROL_RATIO)


def _looks_binary_text(text: str) -> bool:
    """Same test after decoding, for paths (BOMs, UTF-16) where bytes say nothing."""
    n = len(text)
    nul = text.count("\x00")
    control = n - len(text.translate(_DELETE_CONTROL_CHARS))
    return _too_many(nul, n, _MAX_NUL_RATIO) or _too_many(control, n, _MAX_CONTROL_RATIO)


# --------------------------------------------------------------------------
# Decoding


def _lenient(data: bytes, codec: str, encoding: str) -> _Text:
    """Decode with U+FFFD for invalid sequences and count only those.

    U+FFFD characters that were genuinely encoded in the file survive
    ``errors="ignore"`` too, so the difference counts the decoder's own.
    """
    text = data.decode(codec, errors="replace")
    genuine = data.decode(codec, errors="ignore").count(FFFD)
    return _Text(text, encoding, text.count(FFFD) - genuine)


def _within(decoded: _Text, max_invalid_ratio: float) -> bool:
    return decoded.replaced <= max_invalid_ratio * max(1, len(decoded.text))


def _strict_or_lenient(data: bytes, codec: str, encoding: str, max_invalid_ratio: float) -> _Text | _Reject:
    try:
        return _Text(data.decode(codec), encoding, 0)
    except UnicodeDecodeError:
        pass
    decoded = _lenient(data, codec, encoding)
    if _within(decoded, max_invalid_ratio):
        return decoded
    return _Reject("undecodable", encoding, decoded.replaced)


def _decode_with_bom(data: bytes, max_invalid_ratio: float) -> _Text | _Reject | None:
    """Trust a byte-order mark: it is written by the encoder, never by accident."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        try:
            return _Text(data.decode("utf-32"), "utf-32", 0)
        except UnicodeDecodeError:
            pass  # FF FE 00 00 may also be UTF-16 LE starting with U+0000.
    if data.startswith(codecs.BOM_UTF8):
        if _looks_binary(data.rstrip(b"\x00")):
            return _Reject("binary")
        return _strict_or_lenient(data.replace(b"\x00", b""), "utf-8-sig", "utf-8-sig", max_invalid_ratio)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict_or_lenient(data, "utf-16", "utf-16", max_invalid_ratio)
    return None


def _decode_bomless_utf16(data: bytes) -> _Text | None:
    """Recognise UTF-16 without BOM by its NUL bytes all on one side.

    ASCII characters (spaces, digits, punctuation) in UTF-16 put a NUL in every
    other byte; binary data has NULs at both parities.
    """
    n = len(data)
    if n < 8 or n % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if even + odd < max(_FEW + 1, n // 20) or min(even, odd) > 0.1 * (even + odd):
        return None
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    # Binary read as UTF-16 lands in private-use and unassigned code points.
    odd_chars = sum(1 for ch in text if unicodedata.category(ch) in ("Co", "Cn"))
    if _looks_binary_text(text) or odd_chars > _FEW:
        return None
    return _Text(text, codec, 0)


def _decode_iso2022_kr(data: bytes) -> _Text | None:
    """ISO-2022-KR (old Korean e-mail/news feeds) announces itself with ESC $ ) C."""
    if b"\x1b$)C" not in data[:1024]:
        return None
    try:
        return _Text(data.decode("iso2022_kr"), "iso2022_kr", 0)
    except UnicodeDecodeError:
        return None


def _decode_8bit(data: bytes, max_invalid_ratio: float, min_hangul_ratio: float) -> _Text | _Reject:
    """UTF-8, then CP949, then charset-normalizer, then lenient UTF-8/CP949.

    Strict UTF-8 first because valid UTF-8 is almost never an accident for
    non-ASCII text. CP949 is the Windows superset of EUC-KR, the legacy Korean
    web encoding. charset-normalizer covers the rest (GB18030, Big5, Shift-JIS,
    Latin pages). Lenient decoding comes last and absorbs truncated or lightly
    corrupted files in either Korean-web encoding, whichever needs fewer
    replacements.
    """
    try:
        return _Text(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_korean(text):
            return _Text(text, "cp949", 0)

    guess = _charset_normalizer_guess(data)
    if guess is not None and _hangul_ratio(guess.text) >= min_hangul_ratio:
        return guess
    candidates = [_lenient(data, "utf-8", "utf-8")]
    cp949 = _lenient(data, "cp949", "cp949")
    if _plausible_korean(cp949.text):
        candidates.append(cp949)
    best = min(candidates, key=lambda c: c.replaced)  # ties keep UTF-8
    if _within(best, max_invalid_ratio):
        return best
    if guess is not None:
        return guess
    return _Reject("undecodable", None, candidates[0].replaced)


def _charset_normalizer_guess(data: bytes) -> _Text | None:
    try:
        best = from_bytes(data).best()
    except Exception:  # a guesser's failure is a non-guess, not our failure
        log.debug("charset-normalizer failed", exc_info=True)
        return None
    if best is None or not best.encoding:
        return None
    text = str(best)
    if not _plausible_korean(text):
        return None
    try:
        encoding = codecs.lookup(best.encoding).name
    except LookupError:
        encoding = best.encoding
    return _Text(text, encoding, 0)


# --------------------------------------------------------------------------
# Text-level checks and repairs


def _is_hangul(ch: str) -> bool:
    return (
        "\uac00" <= ch <= "\ud7a3"  # syllables
        or "\u1100" <= ch <= "\u11ff"  # conjoining jamo
        or "\u3130" <= ch <= "\u318f"  # compatibility jamo (ㅋㅋ)
        or "\ua960" <= ch <= "\ua97f"
        or "\ud7b0" <= ch <= "\ud7ff"
    )


_NOT_HANGUL = re.compile("[^\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\ud7b0-\ud7ff]+")


def _hangul_ratio(text: str) -> float:
    """Share of Hangul (syllables and jamo) among the letters of `text`."""
    letters = letter_count(text)
    return len(_NOT_HANGUL.sub("", text)) / letters if letters else 0.0


def _plausible_korean(text: str) -> bool:
    """False when Hangul is present but reads like random syllables."""
    syllables = [ch for ch in text if "\uac00" <= ch <= "\ud7a3"]
    if len(syllables) < _PLAUSIBLE_MIN_SYLLABLES:
        return True
    common = sum(ch in _COMMON_SYLLABLES for ch in syllables)
    return common >= _PLAUSIBLE_MIN_COMMON_SHARE * len(syllables)


def _mojibake_share(text: str, pattern: re.Pattern[str]) -> tuple[int, float]:
    matches = pattern.findall(text)
    non_ascii = sum(1 for ch in text if ord(ch) > 0x7F and not ch.isspace())
    covered = sum(len(m) for m in matches)
    return len(matches), (covered / non_ascii if non_ascii else 0.0)


def _looks_like_mojibake(text: str) -> bool:
    for pattern in (_UTF8_MOJIBAKE, _CP949_MOJIBAKE):
        count, share = _mojibake_share(text, pattern)
        if count >= _MOJIBAKE_MIN_MATCHES and share >= _MOJIBAKE_MIN_SHARE:
            return True
    return False


def _hangul_count(text: str) -> int:
    return sum(1 for ch in text if _is_hangul(ch))


def _repair_mojibake(text: str, min_hangul_ratio: float) -> str | None:
    """Return the repaired text, or None when there is nothing to repair.

    A repair is only kept when it brings Hangul back: ftfy also "fixes" things
    that are not Korean mojibake, and an unrepaired text is judged later.
    """
    if _UTF8_MOJIBAKE.search(text):
        fixed = ftfy.fix_text(text, _FTFY_ENCODING_ONLY)
        if fixed != text and _hangul_count(fixed) > _hangul_count(text):
            return fixed
    if _hangul_ratio(text) < min_hangul_ratio and _looks_like_mojibake(text):
        raw = bytearray()
        for ch in text:
            if ord(ch) < 0x80:
                raw.append(ord(ch))
            elif ch in _SLOPPY_1252_REVERSE:
                raw.append(_SLOPPY_1252_REVERSE[ch])
            else:
                return None
        try:
            fixed = bytes(raw).decode("cp949")
        except UnicodeDecodeError:
            return None
        if _hangul_ratio(fixed) >= min_hangul_ratio and _plausible_korean(fixed):
            return fixed
    return None


def _normalise(text: str) -> str:
    """One canonical form so the same article compares equal however it was saved.

    NFC composes NFD Hangul (conjoining jamo from macOS tools); stray U+FEFF
    are byte-order marks from concatenated files, not content.
    """
    text = _LINE_BREAKS.sub("\n", text).replace("\ufeff", "")
    return unicodedata.normalize("NFC", text)


def _looks_like_html(text: str) -> bool:
    if _HTML_START.match(text[:4096]):
        return True
    return any(count >= _MANY_TAGS for count, _ in enumerate(_KNOWN_TAG.finditer(text), start=1))
