"""Reviewed articles as gold files: review grows the evaluation corpus.

For every article with at least one correction (any action), `export_gold` writes
`DIR/docs/<stem>.txt` — the article as the engine read it: its title, a publication stamp the
cleaner reads back (`입력 YYYY-MM-DD`) and its cleaned body — and `DIR/gold/<stem>.json` in the
contract's gold format (shared/spec/events.md; `shared/eval/check_gold.py DIR/gold DIR/docs`
passes on it). `<stem>` is the stem of the article's `source_file` (with the article id added
when two reviewed articles share one). Events are the article's events with every correction
applied; relationships are the engine's (review does not cover them). An article whose events
break the contract (e.g. an engine event without a partner country) is skipped and reported,
never written half right.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from diplomacy import schema
from diplomacy.review.apply import apply
from diplomacy.review.rules import EDITABLE_FIELDS, InvalidCorrection, check_event, validate_changes
from diplomacy.review.store import Correction, Store
from diplomacy.warehouse import atomic_path, read_table

_REL_KEYS = ("korean_city", "partner_city", "partner_country", "relationship_type", "established_year")
_UNIQUE = ("event_type", "korean_city", "partner_city", "event_date", "direction")


@dataclass
class ExportResult:
    written: list[str] = field(default_factory=list)  # stems written
    skipped: dict[str, list[str]] = field(default_factory=dict)  # article_id -> problems


def _stem(source_file: str, article_id: str, taken: set[str]) -> str:
    stem = Path(source_file.replace("\\", "/")).stem
    stem = re.sub(r"[\x00-\x1f/]", "_", stem).strip().lstrip(".") or article_id
    if stem in taken:
        stem = f"{stem}__{article_id[:16]}"
    taken.add(stem)
    return stem


def document(article: dict) -> str:
    """The article's text as the engine read it, with a stamp the cleaner reads back."""
    parts = [article.get("title") or ""]
    if article.get("published_date"):
        parts.append(f"입력 {article['published_date'].isoformat()}")
    parts.append(article.get("body") or "")
    return "\n\n".join(p for p in parts if p) + "\n"


def gold_event(e: dict) -> dict:
    """An event row in the gold format; InvalidCorrection when it breaks the contract."""
    values = validate_changes({k: e.get(k) for k in EDITABLE_FIELDS}, None)
    full = {**dict.fromkeys(EDITABLE_FIELDS), **values, "published_date": e.get("published_date")}
    check_event(full)
    out = {k: full.get(k) for k in EDITABLE_FIELDS}
    out["event_date"] = out["event_date"].isoformat()
    out["korean_officials"] = out["korean_officials"] or []
    out["foreign_officials"] = out["foreign_officials"] or []
    out["fields"] = out["fields"] or []
    return out


def gold_file(file_name: str, article: dict, events: list[dict], relationships: list[dict]) -> dict:
    """The gold record of one article; raises InvalidCorrection naming the events at fault."""
    if article.get("published_date") is None:
        raise InvalidCorrection("the article has no publication date")
    out, problems, seen = [], [], set()
    for e in events:
        try:
            g = gold_event(e)
        except InvalidCorrection as exc:
            problems.append(f"event {e['event_id']}: {exc}")
            continue
        key = tuple(g[k] for k in _UNIQUE)
        if key in seen:
            problems.append(f"event {e['event_id']}: a second event {key}")
        seen.add(key)
        out.append(g)
    if problems:
        raise InvalidCorrection("; ".join(problems))
    rels = [{k: r.get(k) for k in _REL_KEYS} for r in relationships if r.get("relationship_type")]
    return {
        "file": file_name,
        "published_date": article["published_date"].isoformat(),
        "is_diplomacy": bool(out),
        "events": out,
        "relationships": rels,
    }


def _write(path: Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def _day_rows(warehouse: Path, name: str, day: date) -> list[dict]:
    return read_table(warehouse, name, day=day).drop_columns([schema.PARTITION_KEY]).to_pylist()


def export_gold(warehouse: Path, store: Store, out_dir: Path) -> ExportResult:
    """Write docs/ and gold/ under `out_dir` for every corrected article (see the module)."""
    by_day: dict[date, list[Correction]] = defaultdict(list)
    for c in store.log():
        by_day[c.ingest_date].append(c)
    result, taken = ExportResult(), set()
    for day in sorted(by_day):
        _export_day(Path(warehouse), day, by_day[day], Path(out_dir), result, taken)
    return result


def _export_day(warehouse, day, corrections, out_dir, result, taken) -> None:
    articles = {
        a["article_id"]: a for a in _day_rows(warehouse, "articles", day) if a["status"] == "accepted"
    }
    events = apply(_day_rows(warehouse, "events", day), corrections, article_ids=set(articles))
    rels = _day_rows(warehouse, "relationships", day)
    for article_id in sorted({c.article_id for c in corrections}):
        article = articles.get(article_id)
        if article is None:
            result.skipped[article_id] = [f"no accepted article {article_id} on {day.isoformat()}"]
            continue
        stem = _stem(article["source_file"], article_id, taken)
        try:
            gold = gold_file(
                f"{stem}.txt",
                article,
                [e for e in events if e["article_id"] == article_id],
                [r for r in rels if r["article_id"] == article_id],
            )
        except InvalidCorrection as exc:
            result.skipped[article_id] = [str(exc)]
            taken.discard(stem)
            continue
        _write(out_dir / "docs" / f"{stem}.txt", document(article))
        _write(out_dir / "gold" / f"{stem}.json", json.dumps(gold, ensure_ascii=False, indent=2) + "\n")
        result.written.append(stem)
