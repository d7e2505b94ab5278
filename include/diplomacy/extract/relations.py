"""Standing relationships between a pair, stated anywhere in an article.

A relation word ("자매결연", "우호협력도시") speaks of the governments written just before it
(Korean puts the partner first: "광주와 자매도시 관계"), with the list they stand in; a
planned relation creates none yet, and hopes in quotes are no standing relation.
"""

from __future__ import annotations

from diplomacy.extract import rules
from diplomacy.extract.clauses import Mention
from diplomacy.extract.dates import DateMention
from diplomacy.extract.events import Relationship
from diplomacy.extract.roles import OTHER, SUBJECT

__all__ = ["Relations", "attached"]


def attached(mentions: list[Mention], pos: int, text: str) -> list[Mention]:
    """The mention a relation word at `pos` speaks of, with the list it stands in."""
    before = [m for m in mentions if m.end <= pos and pos - m.end < 60]
    after = [m for m in mentions if m.start >= pos and m.start - pos < 40 and _describes(text[pos : m.start])]
    if not before and not after:
        return []
    pick = before[-1] if before else after[0]
    ordered = sorted(mentions, key=lambda m: m.start)
    i = ordered.index(pick)
    lo = hi = i
    gap = rules.rx("list_gap")
    while lo > 0 and gap.fullmatch(text[ordered[lo - 1].end : ordered[lo].start]):
        lo -= 1
    while hi + 1 < len(ordered) and gap.fullmatch(text[ordered[hi].end : ordered[hi + 1].start]):
        hi += 1
    return ordered[lo : hi + 1]


def _describes(gap: str) -> bool:
    """A relation word describes a name after it when nothing but its attribute stands between."""
    return bool(rules.rx("relation_after_gap").match(gap)) and not rules.rx("pair_anaphor").search(gap)


def _party(m: Mention, text: str) -> bool:
    """A mention can be a party to a relation unless it only locates an act ("X 청사에서")."""
    return m.start < 0 or not rules.rx("relation_venue").match(text[m.end : m.end + 30])


def _with_previous_end(matches):
    """Each relation word with the end of the one before it in the sentence (0 for the first)."""
    lo = 0
    for m in matches:
        yield m, lo
        lo = m.end()


def established(
    text: str, m, lo: int, dates: list[DateMention], mentions: list[Mention], published
) -> int | None:
    """The year a relation word dates its relation by: "N주년" counts back from the year it is told
    of; else the latest date since the previous relation word (a year written out may also follow
    closely: "자매결연을 2005년에"). A relation word that names a partner ("자매도시인 X시",
    "자매도시 X시를 찾아") dates nothing: the date is of another act."""
    after = text[m.end() : m.end() + 12]
    if rules.rx("relation_attributive").match(after) or any(0 <= x.start - m.end() <= 2 for x in mentions):
        return None
    years = [
        d.value.year
        for d in dates
        if d.value
        and d.role != "report"
        and lo <= d.start < m.end() + 15
        and (d.explicit_year or d.end <= m.start())
        and d.value.year <= published.year
    ]
    anniversary = rules.rx("anniversary").match(after)
    if anniversary:
        return (years[-1] if years else published.year) - int(anniversary.group(1))
    return years[-1] if years else None


class Relations:
    def __init__(self) -> None:
        self._by_key: dict[tuple, Relationship] = {}

    def all(self) -> list[Relationship]:
        return list(self._by_key.values())

    def add(self, korean, foreign, rtype: str, year: int | None, evidence: str) -> None:
        key = (korean.name, foreign.name, rtype)
        old = self._by_key.get(key)
        if old is None:
            self._by_key[key] = Relationship(korean, foreign, rtype, year, evidence)
        elif year and (old.established_year is None or year < old.established_year):
            old.established_year = year

    def _sides(self, text, pos, ks, fs, ctx):
        from diplomacy.extract.candidates import drop_contained_provinces

        near_k = attached([k for k in ks if _party(k, text)], pos, text)
        if not near_k:  # far from the relation word, the sentence's topic ("송파구는 …") speaks of it
            near_k = [k for k in ks if k.role == SUBJECT and k.end <= pos][:1]
        near_f = attached([f for f in drop_contained_provinces(fs) if _party(f, text)], pos, text)
        pair = rules.rx("pair_anaphor").search(text)
        # "두 지역은" with no name at all: the partner the article is speaking of
        partner = ctx.main_foreign if near_k else (ctx.cur_foreign or ctx.main_foreign)
        if not near_f and (near_k or not ks) and partner and pair:
            near_f = [Mention(-1, -1, partner, OTHER)]
        if not near_k and near_f and ctx.main_korean and (pair or not ks):
            near_k = [Mention(-1, -1, ctx.main_korean, OTHER)]
        return near_k, near_f

    @staticmethod
    def _told_in_quote(text: str, m, quoted: list[tuple[int, int]]) -> bool:
        """A quote states a standing relation when it pledges nothing, or names the partner by it."""
        a, b = next((a, b) for a, b in quoted if a <= m.start() < b)
        return not rules.rx("pledge").search(text[a:b]) or bool(
            rules.rx("relation_attributive").match(text[m.end() : m.end() + 6])
        )

    def read(self, text: str, ks: list[Mention], fs: list[Mention], dates: list[DateMention], ctx) -> None:
        quoted = [(m.start(), m.end()) for m in rules.rx("quote").finditer(text)]
        # lo: where the previous relation word ended (a date belongs to the nearest word after it)
        for m, lo in _with_previous_end(rules.rx("relation").finditer(text)):
            if rules.rx("relation_planned").search(text[m.end() : m.end() + 30]):
                continue  # a planned agreement creates no relationship yet
            if any(a <= m.start() < b for a, b in quoted) and not self._told_in_quote(text, m, quoted):
                continue
            if rules.rx("relation_either").search(text[max(0, m.start() - 4) : m.end() + 4]):
                continue  # "자매·우호도시": a class of partners, no single relation
            near_k, near_f = self._sides(text, m.start(), ks, fs, ctx)
            if not near_k or not near_f:
                continue
            year = established(text, m, lo, dates, ks + fs, ctx.published)
            rtype = "sister_city" if "자매" in m.group(1) else "friendship_city"
            for k in near_k:
                for f in near_f:
                    self.add(k.gov, f.gov, rtype, year, text.strip())
