"""The rule data of extraction, loaded once from CSV files under `diplomacy/data`.

Triggers, cooperation fields and official titles are vocabulary, not logic: analysts can
read and extend them without touching code, and a new phrasing costs a row, not a release.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from diplomacy.extract import rules


def _rows(name: str) -> list[dict]:
    with resources.files("diplomacy.data").joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@dataclass(frozen=True)
class Trigger:
    event_type: str
    pattern: re.Pattern


@cache
def triggers() -> tuple[Trigger, ...]:
    return tuple(Trigger(r["event_type"], re.compile(r["pattern"])) for r in _rows("triggers.csv"))


@cache
def field_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((r["field"], re.compile(r["pattern"])) for r in _rows("fields.csv"))


def fields_in(text: str) -> list[str]:
    """Cooperation fields named in `text`, in the contract's vocabulary, in order of mention; a
    field word inside the name of an office, a title or a body (행정지원국장) names no field."""
    found = []
    for name, rx in field_patterns():
        m = next((m for m in rx.finditer(text) if not _in_name(text, m.end())), None)
        if m:
            found.append((m.start(), name))
    return [name for _, name in sorted(found)]


def _in_name(text: str, end: int) -> bool:
    tail = re.match(r"[가-힣]*", text[end:]).group()
    return bool(tail) and rules.rx("field_word_in_name").search(tail) is not None


def agreement_type(text: str) -> str:
    """Contract rules: 자매 beats the document kind; a letter of intent beats friendship words;
    an MOU-kind document between partners is `mou`; friendship words make `friendship_city`."""
    if re.search(r"자매\s?결연|자매\s?도시|자매\s?관계", text):
        return "sister_city"
    if re.search(r"의향서|사전\s?합의서", text):
        return "letter_of_intent"
    if re.search(
        r"양해각서|업무\s?협약|MOU|MOC|협력\s?각서|협의서|서약|공동\s?선언|공동\s?성명|협력\s?강화|교류\s?협력\s?강화",
        text,
        re.I,
    ):
        return "mou"
    if re.search(r"우호|친선", text):
        return "friendship_city"
    return "other"
