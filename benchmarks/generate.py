"""Build a realistic landing folder for benchmarks from the seed and dev articles.

    python -m benchmarks.generate --n 2000 --out benchmarks/out/corpus-2000/landing [--seed 7]

Every file is a real page (the five seeds in include/sample/landing and, when the shared
eval corpus sits beside the checkout, the 20 dev articles) with its entities varied:

- Korean city/county/district names swapped for others of the same level from
  korean_governments.csv (full name for full name, stem for stem; provinces are kept);
- foreign cities swapped for other cities of the same country from foreign_governments.csv
  (a Chinese 시 for a Chinese 시, etc.);
- three-syllable person names next to a title or a byline swapped for generated names
  (and "조 시장" surname references with them);
- dates shifted by one offset per file: full dates, "M월 D일" and bare "D일".

The pages keep their own boilerplate (menus, headline lists, comment forms, English copies),
so the boilerplate share is that of the sources. Mixed in, at fixed shares: exact or
whitespace-variant duplicates of earlier files (~5%), non-diplomacy pages (~15%: the dev
negatives, and dev/seed pages with every diplomacy sentence removed), a few CP949-encoded
pages (~2%), and a few files the pipeline must reject (empty, binary).

Files are written one at a time; only a small reservoir of recent texts (for duplicates)
and the content keys are held in memory. The output is a function of (n, seed, sources).
A manifest with the counts is written beside the folder as ``<out>.manifest.json``, and the
kind of every file as ``<out>.files.tsv`` (never inside it: the pipeline would stage them).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "include" / "sample" / "landing"
DEV_DOCS = ROOT.parent / "shared" / "eval" / "dev" / "docs"
DATA = ROOT / "include" / "diplomacy" / "data"

DUPLICATE_SHARE = 0.05
NEGATIVE_SHARE = 0.15
CP949_SHARE = 0.02
REJECT_SHARE = 0.005
MIN_REJECTS = 2  # at least one empty and one binary file whenever n allows

KINDS = ("diplomacy", "negative", "duplicate", "rejected")

# --------------------------------------------------------------------------- people

_SURNAMES = "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허남심노하곽성차주우구민진나엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은"
_COMMON_SURNAMES = "김김김김이이이이박박박최최정정강조윤장임한오서신권황안송류전홍"
_GIVEN = "민서지현준우영수진하은도윤성재호경태혜주연동상정희석승미선아유빈원철규형종기용광훈"
_TITLE_WORDS = sorted(
    {
        *(r["title"] for r in csv.DictReader((DATA / "titles.csv").read_text(encoding="utf-8").splitlines())),
        "기자",
        "군수",
        "의원",
        "위원장",
        "총영사",
        "회장",
        "사장",
        "교수",
        "대표",
        "이사장",
        "방장",
        "단장",
        "국장",
        "소장",
    },
    key=len,
    reverse=True,
)
_TITLE_ALT = "|".join(re.escape(t).replace(r"\ ", r"\s?") for t in _TITLE_WORDS)
# A three-syllable name right before a title, optionally with one word between ("임병택 시흥시장",
# "김진석 충주시 부시장", "이현준기자", "장림국시장").
_NAME_BEFORE_TITLE = re.compile(
    rf"(?<![가-힣])(?P<name>[가-힣]{{3}})(?:\s(?:[가-힣]{{1,8}}\s)?[가-힣]{{0,6}}?)?(?:{_TITLE_ALT})(?![가-힣]{{2}})"
)
_NOT_NAMES = {
    "지난해",
    "이번에",
    "대표단",
    "관계자",
    "부시장",
    "정책실",
    "시의회",
    "군의회",
    "도의회",
    "이날은",
    "정부의",
    "신임은",
    "이어서",
    "한편은",
    "주선양",
    "성당위",
    "최연소",
}
# Particles and verb endings: "방문해", "명소와", "도시가" are words, not names.
_NOT_NAME_ENDINGS = set("해와한가는은을를의에로고며서도나며")

# --------------------------------------------------------------------------- dates

_DATE_RE = re.compile(
    r"(?P<full>(?<!\d)(?P<y>(?:19|20)\d{2})(?P<s1>\s*[-./년]\s*)(?P<m>\d{1,2})(?P<s2>\s*[-./월]\s*)(?P<d>\d{1,2})(?!\d))"
    r"|(?P<md>(?<![\d.])(?P<mm>\d{1,2})월(?P<s3>\s?)(?P<md_d>\d{1,2})일)"
    r"|(?P<bare>(?<![\d.~])(?<!박\s)(?<!박)(?P<bd>[1-9]|[12]\d|3[01])일(?!\s?(?:간|째|동안|차|분|장)))"
)

# --------------------------------------------------------------------------- non-diplomacy

# A sentence naming a foreign partner is part of the diplomacy story and goes in a negative page
# (with a foreign government found by the gazetteer); what is left is domestic news and boilerplate.
_DIPLOMACY_WORDS = re.compile(
    r"중국|중한|한중|한·중|일본|한일|베트남|러시아|몽골|미국|해외|외국|총영사|순방|[中日越美]\s|"
    r"자매|우호|결연|의향서|양해각서|MOU|MOC|"
    r"translat|English|[A-Z][a-z]+ City|Mayor|China|Japan|Vietnam"
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?。])\s+|(?<=다\.)|(?<=[”\"]\s)")


@dataclass
class _Span:
    start: int
    end: int
    kind: str  # korean | foreign | person | surname | date
    key: str
    form: str = ""  # full | stem
    value: str = ""


@dataclass
class Template:
    name: str
    text: str
    negative: bool
    published: date | None
    spans: list[_Span] = field(default_factory=list)


@dataclass
class Gov:
    name: str
    stem: str
    level: str
    country: str = "KR"


def _korean_stem(name: str) -> str:
    return re.sub(r"(특별자치도|특별자치시|통합특별시|특별시|광역시|특례시|도|시|군|구)$", "", name) or name


def _foreign_stem(name: str, aliases: str) -> str:
    if len(name) > 2 and name.endswith(("시", "현", "정", "구")):
        return name[:-1]
    first = next((a for a in aliases.split("|") if a.strip()), "")
    return first or name


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Pools:
    """Replacement candidates: Korean governments by level, foreign cities by country and level."""

    def __init__(self) -> None:
        korean_rows = _read_csv("korean_governments.csv")
        korean_words: set[str] = set()
        for r in korean_rows:
            korean_words.add(r["name"])
            korean_words.add(_korean_stem(r["name"]))
            korean_words.update(a for a in r["aliases"].split("|") if a)
        self.korean: dict[str, list[Gov]] = {}
        self.korean_by_code: dict[str, Gov] = {}
        for r in korean_rows:
            gov = Gov(r["name"], _korean_stem(r["name"]), r["level"])
            self.korean_by_code[r["code"]] = gov
            if not r["valid_to"] and len(gov.stem) >= 2:
                self.korean.setdefault(r["level"], []).append(gov)
        self.foreign: dict[tuple[str, str], list[Gov]] = {}
        for r in _read_csv("foreign_governments.csv"):
            stem = _foreign_stem(r["name"], r["aliases"])
            if len(stem) < 2 or r["name"] in korean_words or stem in korean_words:
                continue
            if not re.fullmatch(r"[가-힣]+", r["name"]):
                continue
            gov = Gov(r["name"], stem, r["level"], r["country"])
            self.foreign.setdefault((r["country"], r["level"]), []).append(gov)


_POOLS: Pools | None = None


def pools() -> Pools:
    global _POOLS
    if _POOLS is None:
        _POOLS = Pools()
    return _POOLS


# --------------------------------------------------------------------------- templates


def source_files(seed_dir: Path = SEED_DIR, dev_docs: Path | None = DEV_DOCS) -> list[Path]:
    """Seed pages, then dev pages, without content duplicates (the dev set repeats the seeds)."""
    paths = sorted(p for p in seed_dir.rglob("*.txt") if p.is_file())
    if dev_docs is not None and dev_docs.is_dir():
        paths += sorted(p for p in dev_docs.glob("*.txt") if p.is_file())
    seen: set[str] = set()
    out = []
    for p in paths:
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            out.append(p)
    return out


def _published(text: str) -> date | None:
    from diplomacy.clean import clean_page

    return clean_page(text).published_date


def _find_spans(text: str, published: date | None) -> list[_Span]:
    from diplomacy.gazetteer.foreign import foreign_gazetteer
    from diplomacy.gazetteer.korean import korean_gazetteer

    p = pools()
    spans: list[_Span] = []
    for m in korean_gazetteer().find(text, on=published):
        gov = m.candidates[0]
        if gov.level == "province" or gov.code not in p.korean_by_code:
            continue
        row = p.korean_by_code[gov.code]
        form = "full" if m.surface == row.name else "stem" if m.surface == row.stem else "full"
        spans.append(_Span(m.start, m.end, "korean", f"k:{gov.code}", form, gov.level))
    for m in foreign_gazetteer().find(text):
        gov = m.candidates[0]
        if gov.level not in ("city", "town") or len(p.foreign.get((gov.country, gov.level), ())) < 5:
            continue
        form = "full" if m.surface == gov.name else "stem"
        spans.append(_Span(m.start, m.end, "foreign", f"f:{gov.country}:{gov.name}", form, gov.level))
    names: set[str] = set()
    for w in re.finditer(r"(?<![가-힣])[가-힣]{3}", text):
        m = _NAME_BEFORE_TITLE.match(text, w.start())
        if m is None:
            continue
        name = m["name"]
        if (
            name[0] in _SURNAMES
            and name not in _NOT_NAMES
            and name[-1] not in _NOT_NAME_ENDINGS
            and not korean_gazetteer().candidates(name)
            and not foreign_gazetteer().candidates(name)
        ):
            names.add(name)
    covered = sorted((s.start, s.end) for s in spans)

    def free(a: int, b: int) -> bool:
        return not any(s < b and a < e for s, e in covered)

    for name in sorted(names):
        for m in re.finditer(rf"(?<![가-힣]){name}", text):
            if free(m.start(), m.end()):
                spans.append(_Span(m.start(), m.end(), "person", f"p:{name}"))
        # "조 시장", "조 시장은": the surname alone, later in the article
        for m in re.finditer(rf"(?<![가-힣]){name[0]}(?=\s(?:{_TITLE_ALT}))", text):
            if free(m.start(), m.end()):
                spans.append(_Span(m.start(), m.end(), "surname", f"p:{name}"))
    for m in _DATE_RE.finditer(text):
        if free(m.start(), m.end()):
            spans.append(_Span(m.start(), m.end(), "date", "date", value=m.group()))
    spans.sort(key=lambda s: (s.start, -s.end))
    out: list[_Span] = []
    end = -1
    for s in spans:  # non-overlapping, first wins
        if s.start >= end:
            out.append(s)
            end = s.end
    return out


def load_templates(paths: list[Path]) -> list[Template]:
    out = []
    for p in paths:
        text = p.read_text(encoding="utf-8")
        published = _published(text)
        out.append(Template(p.name, text, "negative" in p.stem, published, _find_spans(text, published)))
    return out


# --------------------------------------------------------------------------- variation


def _person_name(rng: random.Random) -> str:
    return rng.choice(_COMMON_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN)


def _shift_date(m: re.Match, published: date | None, delta: timedelta) -> str:
    text = m.group()
    try:
        if m["full"]:
            d = date(int(m["y"]), int(m["m"]), int(m["d"])) + delta
            wide = len(m["m"]) == 2
            mm = f"{d.month:02d}" if wide else str(d.month)
            dd = f"{d.day:02d}" if len(m["d"]) == 2 else str(d.day)
            return f"{d.year}{m['s1']}{mm}{m['s2']}{dd}"
        base = published or date(2024, 11, 8)
        if m["md"]:
            d = date(base.year, int(m["mm"]), int(m["md_d"])) + delta
            return f"{d.month}월{m['s3']}{d.day}일"
        day = int(m["bd"])
        d = base.replace(day=day)
        if (d - base).days > 10:  # "지난 28일" in an article of the 2nd: last month
            d = (base.replace(day=1) - timedelta(days=1)).replace(day=day)
        return f"{(d + delta).day}일"
    except ValueError:
        return text


def render(template: Template, rng: random.Random) -> str:
    """The template with a fresh set of entities and a date offset."""
    p = pools()
    delta = timedelta(days=rng.choice([d for d in range(-200, 201) if d]))
    chosen: dict[str, object] = {}
    used: set[str] = set()
    parts: list[str] = []
    pos = 0
    text = template.text
    for s in template.spans:
        parts.append(text[pos : s.start])
        pos = s.end
        if s.kind == "date":
            parts.append(_shift_date(_DATE_RE.match(text, s.start), template.published, delta))
            continue
        if s.key not in chosen:
            if s.kind == "korean":
                pool = p.korean.get(s.value) or p.korean["city"]
                gov = rng.choice(pool)
                while gov.name in used:
                    gov = rng.choice(pool)
                used.add(gov.name)
                chosen[s.key] = gov
            elif s.kind == "foreign":
                country = s.key.split(":")[1]
                pool = p.foreign[(country, s.value)]
                gov = rng.choice(pool)
                while gov.name in used:
                    gov = rng.choice(pool)
                used.add(gov.name)
                chosen[s.key] = gov
            else:
                name = _person_name(rng)
                while name in used:
                    name = _person_name(rng)
                used.add(name)
                chosen[s.key] = name
        value = chosen[s.key]
        if isinstance(value, Gov):
            parts.append(value.name if s.form == "full" else value.stem)
        elif s.kind == "surname":
            parts.append(value[0])
        else:
            parts.append(value)
    parts.append(text[pos:])
    return "".join(parts)


def strip_diplomacy(text: str) -> str:
    """The page with every sentence about the diplomacy story removed (lines left empty go)."""
    from diplomacy.gazetteer.foreign import foreign_gazetteer

    fg = foreign_gazetteer()
    out = []
    for line in text.split("\n"):
        if not line.strip():
            out.append(line)
            continue
        kept = []
        for sent in _SENTENCE_SPLIT.split(line):
            if not sent or not sent.strip():
                continue
            if _DIPLOMACY_WORDS.search(sent) or fg.find(sent):
                continue
            kept.append(sent)
        if kept:
            out.append(" ".join(k.strip() for k in kept) if len(kept) > 1 else kept[0])
    return "\n".join(out)


_WS_VARIANTS = ("crlf", "trailing", "blank_lines", "indent", "tabs")


def whitespace_variant(text: str, rng: random.Random) -> tuple[str, str]:
    """The same words in other whitespace: the stage's content key makes them one article."""
    kind = rng.choice(_WS_VARIANTS)
    if kind == "crlf":
        return text.replace("\n", "\r\n"), kind
    if kind == "trailing":
        return "\n".join(ln + " " * rng.randint(1, 3) for ln in text.split("\n")) + "\n\n", kind
    if kind == "blank_lines":
        return text.replace("\n", "\n\n"), kind
    if kind == "indent":
        return "\n".join(("  " + ln) if ln.strip() else ln for ln in text.split("\n")), kind
    return text.replace(" ", "\t", 3), kind


def _binary_payload(rng: random.Random) -> bytes:
    magic = rng.choice([b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"PK\x03\x04", b"%PDF-1.7\n"])
    return magic + rng.randbytes(rng.randint(2_000, 40_000))


def _cp949(text: str) -> bytes:
    try:
        return text.encode("cp949")
    except UnicodeEncodeError:
        safe = []
        for ch in text:
            try:
                ch.encode("cp949")
                safe.append(ch)
            except UnicodeEncodeError:
                continue
        return "".join(safe).encode("cp949")


# --------------------------------------------------------------------------- schedule


def schedule(n: int, rng: random.Random) -> list[str]:
    """The kind of every file, in order; duplicates never come before their first original."""
    rejects = min(n, max(MIN_REJECTS if n >= 20 else 0, round(n * REJECT_SHARE)))
    dups = round(n * DUPLICATE_SHARE)
    negs = round(n * NEGATIVE_SHARE)
    dips = max(0, n - rejects - dups - negs)
    kinds = ["diplomacy"] * dips + ["negative"] * negs + ["duplicate"] * dups + ["rejected"] * rejects
    kinds = kinds[:n]
    rng.shuffle(kinds)
    first = next((i for i, k in enumerate(kinds) if k in ("diplomacy", "negative")), None)
    if first is not None:  # move originals ahead of any leading duplicate
        head = [i for i in range(first) if kinds[i] == "duplicate"]
        if head:
            kinds[head[0]], kinds[first] = kinds[first], kinds[head[0]]
    return kinds


@dataclass
class Generated:
    name: str
    payload: bytes
    kind: str  # diplomacy | negative | duplicate | rejected
    detail: str = ""


def generate(
    n: int,
    seed: int = 0,
    *,
    seed_dir: Path = SEED_DIR,
    dev_docs: Path | None = DEV_DOCS,
) -> Iterator[Generated]:
    """Yield the n files of the corpus in order; deterministic for (n, seed, sources)."""
    from diplomacy.stage import content_key

    templates = load_templates(source_files(seed_dir, dev_docs))
    if not templates:
        raise SystemExit(f"no source articles under {seed_dir}")
    positives = [t for t in templates if not t.negative]
    negatives = [t for t in templates if t.negative]
    stripped = [
        Template(t.name, s, True, t.published, _find_spans(s, t.published))
        for t in positives
        if (s := strip_diplomacy(t.text)).strip()
    ]
    rng = random.Random(seed)
    kinds = schedule(n, rng)
    keys: set[str] = set()
    reservoir: list[str] = []  # recent originals, for duplicates
    rejected_made = 0
    width = max(6, len(str(n)))
    for i, kind in enumerate(kinds):
        detail = ""
        if kind == "rejected":
            if rejected_made % 2 == 0:
                payload, detail = b"", "empty"
            else:
                payload, detail = _binary_payload(rng), "binary"
            rejected_made += 1
        elif kind == "duplicate":
            original = rng.choice(reservoir)
            if rng.random() < 0.5:
                text, detail = original, "exact"
            else:
                text, detail = whitespace_variant(original, rng)
            payload = text.encode("utf-8")
        else:
            if kind == "negative":
                pool = negatives if negatives and rng.random() < 0.4 else stripped or negatives
            else:
                pool = positives or templates
            template = rng.choice(pool)
            legacy = rng.random() < CP949_SHARE  # a site still serving CP949
            for _attempt in range(8):
                text = render(template, rng)
                if legacy:  # what CP949 cannot hold (bullets, NBSP) is lost, as on such sites
                    text = _cp949(text).decode("cp949")
                key = content_key(text)
                if key not in keys:
                    break
            else:  # a page with nothing left to vary: give it its own view counter
                text = text.replace("\n", f"\n조회 {rng.randint(10, 99999)}\n", 1)
                key = content_key(text)
            keys.add(key)
            if len(reservoir) < 64:
                reservoir.append(text)
            else:
                reservoir[rng.randrange(64)] = text
            detail = f"{template.name} cp949" if legacy else template.name
            payload = text.encode("cp949" if legacy else "utf-8")
        digest = hashlib.sha256(payload).hexdigest()[:16]
        suffix = ".jpg" if detail == "binary" and rng.random() < 0.5 else ".txt"
        yield Generated(f"{i:0{width}d}_{digest}{suffix}", payload, kind, detail)


def write_corpus(
    n: int, out: Path, seed: int = 0, *, seed_dir: Path = SEED_DIR, dev_docs: Path | None = DEV_DOCS
) -> dict:
    """Write the corpus into `out` (which must be empty or absent) and its manifest beside it."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty")
    out.mkdir(parents=True, exist_ok=True)
    counts = dict.fromkeys(KINDS, 0)
    details: dict[str, int] = {}
    size = 0
    listing = files_path(out).open("w", encoding="utf-8")
    listing.write("file\tkind\tdetail\n")
    for g in generate(n, seed, seed_dir=seed_dir, dev_docs=dev_docs):
        (out / g.name).write_bytes(g.payload)
        listing.write(f"{g.name}\t{g.kind}\t{g.detail}\n")
        counts[g.kind] += 1
        size += len(g.payload)
        tag = g.detail.split(" ")[-1] if g.kind in ("rejected", "duplicate") or "cp949" in g.detail else ""
        if tag:
            details[tag] = details.get(tag, 0) + 1
    listing.close()
    sources = [p.name for p in source_files(seed_dir, dev_docs)]
    manifest = {
        "n": n,
        "seed": seed,
        "out": str(out),
        "bytes": size,
        "kinds": counts,
        "variants": details,
        "sources": sources,
    }
    manifest_path(out).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def files_path(out: Path) -> Path:
    """One line per generated file (name, kind, source page or variant), beside the folder."""
    out = Path(out)
    return out.parent / f"{out.name}.files.tsv"


def manifest_path(out: Path) -> Path:
    out = Path(out)
    return out.parent / f"{out.name}.manifest.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="benchmarks.generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of landing files")
    ap.add_argument("--out", required=True, help="landing folder to create (must be empty)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-dev", action="store_true", help="only the seed pages, even if dev docs exist")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("--n must be positive")
    m = write_corpus(args.n, Path(args.out), args.seed, dev_docs=None if args.no_dev else DEV_DOCS)
    print(
        json.dumps({k: m[k] for k in ("n", "seed", "out", "bytes", "kinds", "variants")}, ensure_ascii=False)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
