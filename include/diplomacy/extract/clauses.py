"""Stage 2 of extraction: a sentence read as clauses, each with its trigger, sides and dates.

A clause is a predicate with its arguments. Coordinated clauses with their own subject
("A는 …맺었고, C와 D는 …") are cut apart; each mention's role comes from the particle Kiwi
tagged after it (`morph.particle_role`), or, for sentences Kiwi did not analyse, from the
characters after it (`roles.role_after`). Tense and modality come from Kiwi's endings too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from diplomacy.extract import lexicon, morph, rules
from diplomacy.extract.dates import DateMention
from diplomacy.extract.mentions import dueum
from diplomacy.extract.officials import Official
from diplomacy.extract.roles import OTHER, PRIOR, role_after

__all__ = ["Clause", "Mention", "Trigger", "clause_spans", "mentions", "triggers"]


class Mention(NamedTuple):
    """A resolved government mention: span, government, role in its clause (start -1: from context)."""

    start: int
    end: int
    gov: object
    role: str


class Trigger(NamedTuple):
    start: int
    end: int
    event_type: str


@dataclass
class Clause:
    text: str  # the whole sentence
    start: int
    end: int
    triggers: list[Trigger]
    korean: list[Mention]  # mentions inside the clause
    foreign: list[Mention]
    dates: list[DateMention]  # dates inside the clause
    sentence_dates: list[DateMention]
    officials: list[Official]
    tokens: Sequence[morph.Tok] | None = None
    sentence_foreign: list[Mention] = field(default_factory=list)

    @property
    def body(self) -> str:
        return self.text[self.start : self.end]

    def fragment(self) -> bool:
        """A headline or sub-headline: no sentence-final ending, so no act is asserted (it may
        only enrich events the body reports)."""
        return self.tokens is not None and not any(t.tag == "EF" for t in self.tokens)

    def tense(self) -> morph.Tense:
        """Past/future/pledge from Kiwi's endings, else from the clause's characters."""
        body = self.body
        rx_future = bool(rules.rx("future").search(body)) or any(d.future for d in self.dates)
        rx_past = bool(rules.rx("past").search(rules.rx("reporting").sub("", body)))
        if self.tokens is None:
            return morph.Tense(rx_past, rx_future, False)
        t = morph.tense(self.tokens, self.start, self.end)
        return morph.Tense(t.past or rx_past, t.future or rx_future, t.pledge)


def triggers(text: str) -> list[Trigger]:
    """Every trigger of the lexicon in `text`, in order."""
    return list(_triggers(text))


@lru_cache(maxsize=1024)
def _triggers(text: str) -> tuple[Trigger, ...]:  # a sentence is asked about more than once
    """Also in the orthography of Korean outlets in China, read with the initial-sound rule at word
    starts (량해각서 is 양해각서; `dueum` keeps every position)."""
    found = {
        Trigger(m.start(), m.end(), t.event_type)
        for source in dict.fromkeys((text, dueum(text)))
        for t in lexicon.triggers()
        for m in t.pattern.finditer(source)
    }
    # a meeting inside a video meeting ("화상회담") is that video meeting
    video = [t for t in found if t.event_type == "virtual_meeting"]
    return tuple(
        sorted(
            t
            for t in found
            if t.event_type != "meeting" or not any(v.start <= t.start and t.end <= v.end for v in video)
        )
    )


def role_of(text: str, end: int, tokens: Sequence[morph.Tok] | None) -> str:
    """A mention's role: a prior stop by its shape, else Kiwi's particle, else the characters."""
    if rules.rx("prior_stop").match(text[end : end + 40]):
        return PRIOR
    if tokens is not None:
        role = morph.particle_role(tokens, end)
        if role is not None:
            return role
    return role_after(text, end)


_LISTED = re.compile(r"\s?[·ㆍ]\s?(?:[가-힣]{2,8}\s)?")  # "A시·B시", "일본 A시·중국 B시"


def mentions(text: str, found: Sequence[tuple], tokens: Sequence[morph.Tok] | None) -> list[Mention]:
    """Each mention with its role; the items of a list ("A시·B시·C시 대표단이") take the role of
    the last, which carries the particle."""
    out = [Mention(s, e, g, role_of(text, e, tokens)) for s, e, g in found]
    for i in range(len(out) - 2, -1, -1):
        m, nxt = out[i], out[i + 1]
        if m.role == OTHER and _LISTED.fullmatch(text[m.end : nxt.start]):
            out[i] = m._replace(role=nxt.role)
    return out


def clause_spans(text: str) -> list[tuple[int, int]]:
    """Coordinated clauses with their own subject hold separate events."""
    spans, start = [], 0
    for m in rules.rx("clause_split").finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return spans
