"""Kiwi's morphological analysis of the sentences that can matter, read as grammar.

Only sentences holding a trigger are analysed (the rest cannot yield an event), as one list
so Kiwi's worker threads share the work. From the tokens the extractor reads:

- the **role** of a government mention in its clause, from the case particle Kiwi tagged after
  it (JKO object, JKB 에/로/에서, JC/JKB 와/과 comitative, JKS/JX subject, JKG genitive) and the
  predicate that governs it (a travel verb makes 를/에/로 a destination);
- the **tense and modality** of a clause: EP 었/았/였 (past), ETM ㄹ + 예정/계획/방침/것 and
  EC 기로 (planned or decided), EP 겠 (a pledge), a reporting verb's own tense left aside.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from diplomacy.extract import rules
from diplomacy.extract.roles import COMITATIVE, GENITIVE, LOCATIVE, OBJECT, OTHER, SUBJECT

__all__ = ["Tense", "Tok", "from_kiwi", "particle_role", "tense", "tokenize"]


class Tok(NamedTuple):
    form: str
    tag: str
    start: int
    end: int
    lemma: str
    oov: bool = False  # a word Kiwi's dictionary does not hold


_OOV_ID = 64  # Kiwi gives an unknown word the id of its tag's placeholder, all below this


class Tense(NamedTuple):
    past: bool
    future: bool
    pledge: bool


def tokenize(texts: Sequence[str]) -> list[list[Tok]]:
    """Kiwi tokens of each text (one call, so Kiwi's worker threads share the list)."""
    if not texts:
        return []
    from diplomacy.extract.nlp import kiwi

    return [from_kiwi(toks) for toks in kiwi().tokenize(list(texts))]


def from_kiwi(tokens: Sequence, shift: int = 0) -> list[Tok]:
    """Kiwi's tokens as Tok, their offsets moved back by `shift` (the sentence's offset in the
    text Kiwi read)."""
    return [Tok(t.form, t.tag, t.start - shift, t.end - shift, t.lemma, t.id < _OOV_ID) for t in tokens]


_SUBJECT_FORMS = {"은", "는", "이", "가", "도", "께서", "에서는"}
_COMITATIVE_FORMS = {"와", "과", "하고", "와의", "과의"}
_DESTINATION_FORMS = {"에", "로", "으로", "에게"}


def _governing_predicate(toks: Sequence[Tok], i: int) -> str:
    """The first predicate after token i: a verb lemma or a noun made a verb by 하다."""
    for j in range(i + 1, min(len(toks), i + 8)):
        t = toks[j]
        if t.tag in ("VV", "VA"):
            return t.lemma
        if t.tag == "NNG" and j + 1 < len(toks) and toks[j + 1].tag in ("XSV", "XSA"):
            return t.form
        if t.tag.startswith("S") and t.form in ",.":
            break
    return ""


def _particle_at(toks: Sequence[Tok], end: int) -> int | None:
    """Index of the particle of a mention ending at `end`, skipping the words that stand for it."""
    body = rules.rx("body_word")
    for i, t in enumerate(toks):
        if t.end <= end:
            continue
        if t.tag.startswith("J"):
            return i
        if t.start < end or (
            t.tag in ("NNG", "NNP", "XSN", "SH", "SS", "SN", "NNB") and body.fullmatch(t.form)
        ):
            continue
        return None
    return None


def particle_role(toks: Sequence[Tok], end: int) -> str | None:
    """The role a mention ending at `end` plays, from its particle; None when Kiwi shows none."""
    i = _particle_at(toks, end)
    if i is None:
        return None
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    form = t.form + (nxt.form if nxt is not None and nxt.tag in ("JKG", "JX") and t.tag == "JKB" else "")
    if form in _COMITATIVE_FORMS or t.tag == "JC":
        return COMITATIVE
    if form == "에서는":
        return SUBJECT
    if t.form == "에서":
        return LOCATIVE
    if t.tag == "JKG":
        return GENITIVE
    predicate = _governing_predicate(toks, i)
    if t.tag == "JKO" or t.form in _DESTINATION_FORMS:
        if rules.rx("movement_predicate").search(predicate):
            return OBJECT
        return COMITATIVE if t.tag == "JKO" and rules.rx("meeting_predicate").search(predicate) else OTHER
    if t.tag in ("JKS", "JX") and t.form in _SUBJECT_FORMS:
        return SUBJECT
    return OTHER


def tense(toks: Sequence[Tok], start: int, end: int) -> Tense:
    """Tense and modality of the clause between character offsets start and end."""
    span = [t for t in toks if start <= t.start < end]
    reporting = rules.rx("reporting_lemma")
    past = future = pledge = False
    for i, t in enumerate(span):
        if t.tag == "EP" and t.form in ("었", "았", "였", "ᆻ"):
            head = next((p for p in reversed(span[:i]) if p.tag in ("VV", "XSV", "VX", "VA", "VCP")), None)
            if head is None or not reporting.fullmatch(head.lemma.rstrip("다")):
                past = True
        elif t.tag == "EP" and t.form == "겠":
            pledge = True
        elif t.tag == "ETM" and t.form in ("ᆯ", "을") and i + 1 < len(span):
            future |= span[i + 1].form in ("예정", "계획", "방침", "것", "전망")
        elif (t.tag == "EC" and t.form == "기로") or (
            t.tag == "ETN" and t.form == "기" and i + 1 < len(span) and span[i + 1].form == "로"
        ):
            future = True  # -기로 하다: a decision to act
    return Tense(past, future, pledge)
