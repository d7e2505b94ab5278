"""Extraction of one article, in one pass: mentions → clauses → candidates → decision → merge.

The article is read sentence by sentence with a small discourse state (`Context`): the Korean
government it is about, the foreign government of the current trip stop, the current date
(for "이날" and clauses that continue the previous one), a conference venue, and the members
of the travelling delegation. Each clause's candidates are scored by `decide`; those that
pass become events (or enrich the same event found earlier). `merge` then applies the
article-level conventions (one visit per stop, visit + agreement, shared people and fields).
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import partial

from diplomacy.extract import clauses, decide, lexicon, merge, morph, relations, rules
from diplomacy.extract.candidates import RECENT, Candidate, Context, candidates, located_in, national_seat
from diplomacy.extract.dates import DateMention, find_dates, stated_span
from diplomacy.extract.events import Event, Extraction, add_people, date_key
from diplomacy.extract.mentions import Resolver
from diplomacy.extract.nlp import Sentence
from diplomacy.extract.officials import Official, find_officials, has_title
from diplomacy.extract.roles import COMITATIVE, LOCATIVE, OBJECT, OTHER

__all__ = ["read_article", "worth_reading"]

HISTORY_DAYS = 400
# the government, or its head, as the subject or topic ("가나시가", "가나도지사는", "가나시장이")
_SUBJECT = re.compile(r"(?:지사|도지사|시장|군수|구청장|청장)?\s?[은는이가](?![가-힣])")


def _offsets(title: str, sentences: Sequence[Sentence]) -> dict[str, int]:
    """Where each sentence stands in the article's text (title, newline, sentences joined by spaces)."""
    out: dict[str, int] = {}
    at = len(title) + 1
    for s in sentences:
        out.setdefault(s.text, at)
        at += len(s.text) + 1
    return out


_RANK = {"province": 0, "prefecture": 1, "city": 1}  # anything else (district, county, town) is 2


def _main_foreign(fs: Sequence[tuple[int, int, object]]) -> object | None:
    """The foreign government a lead is about: its first, unless a smaller unit follows it at
    once ("베를린의 슈판다우구와": the borough, not the city around it)."""
    if not fs:
        return None
    for (_, end, g), nxt in zip(fs, [*fs[1:], None], strict=True):
        if nxt is None or nxt[0] - end > 3 or _RANK.get(nxt[2].level, 2) <= _RANK.get(g.level, 2):
            return g
    return fs[0][2]


_RANGE_END = re.compile(r"[~∼\-]\s*(\d{1,2})\s*일")


def _spans(text: str, dates: list[DateMention], day: date) -> bool:
    """A span the sentence states ("1∼9일", "3일부터 9일까지") holds `day` strictly after its start."""
    spans = []
    for d in dates:
        m = _RANGE_END.search(text, d.start, d.end) if d.value and d.precision == "day" else None
        if m and int(m.group(1)) <= monthrange(d.value.year, d.value.month)[1]:
            spans.append((d.value, d.value.replace(day=int(m.group(1)))))
    starts = [d.value for d in dates if d.role == "range_start" and d.value]
    spans += [(a, d.value) for a in starts for d in dates if d.role == "range_end" and d.value]
    return any(a < day <= b for a, b in spans)


class _Reader:
    def __init__(self, title: str | None, sentences: Sequence[Sentence], published: date, undated: bool):
        self.sentences = sentences
        self.title = title or ""
        body = " ".join(s.text for s in sentences)
        text = (title or "") + "\n" + body
        pieces = _offsets(title or "", sentences)
        # the title and the first two sentences: the article's opening, a prefix of its text
        lead = text[: len(title or "") + sum(len(s.text) + 1 for s in sentences[:2])]
        pieces.setdefault(lead, 0)
        self.res = Resolver(text, published, pieces)
        # "미시간주 소재 OO고등학교", "총통부(타이베이)": places, not the sides
        ks = [k for k in self.res.korean(lead) if not located_in(lead, k[1])]
        fs = [
            f
            for f in self.res.foreign(lead)
            if not located_in(lead, f[1]) and not national_seat(lead, *f[:2])
        ]
        # a lead of subtitles and bylines names no Korean side: the first sentence after it whose
        # subject or topic is one ("가나시가 …", not "서울과 난징 사이에")
        for s in sentences[2:6] if not ks else ():
            ks = [k for k in self.res.korean(s.text) if _SUBJECT.match(s.text, k[1])]
            if ks:
                break
        self.ctx = Context(
            published=published,
            undated=undated,
            main_korean=ks[0][2] if ks else None,
            main_foreign=_main_foreign(fs),
        )
        self.events: dict[tuple, Event] = {}
        self.rel = relations.Relations()
        self.people: dict[str, Official] = {}
        self.last_year: int | None = None
        self.span: tuple[date, date] | None = None  # the stay the previous sentence stated
        self.trip: tuple[date, date] | None = None  # the latest stay the article stated ("둘째 날")
        self.delegation: list[Official] = []  # Korean officials travelling
        self.guests: list[Official] = []  # foreign officials visiting Korea
        self.last_events: list[Event] = []  # what the latest trigger clause was about
        self.last_made: list[Event] = []  # the same, history included (a document's content follows it)
        self.attached: list[Event] = []  # the events the previous sentence's fields went to
        self.trace: list[Candidate] = []  # every candidate with its decision (for training)
        self.moves_day = False  # whether the sentence tells a trip's stop or a done act (set by _decide)
        self.partnerless: clauses.Clause | None = None  # a visit told without who came (`_members`)
        self._ahead: dict[int, tuple[date, str] | None] = {}  # _date_ahead's answers, by sentence

    # ---------------------------------------------------------------------------- reading
    def run(self) -> Extraction:
        texts = [s.text for s in self.sentences]
        wanted = [i for i, t in enumerate(texts) if self._worth_analysing(t)]
        unread = [i for i in wanted if self.sentences[i].tokens is None]  # Kiwi has not seen them
        analysed = dict(zip(unread, morph.tokenize([texts[i] for i in unread]), strict=True))
        for i in wanted:
            s = self.sentences[i]
            if s.tokens is not None:
                analysed[i] = morph.from_kiwi(s.tokens, s.shift)
        for i, s in enumerate(self.sentences):
            self.ctx.ahead = partial(self._date_ahead, i)
            self._sentence(s.text, analysed.get(i))
        self._headline_fields()
        events = merge.article_level(
            list(self.events.values()), self.delegation, self.guests, self.ctx.published
        )
        for e in events:
            if (
                e.event_type == "agreement"
                and e.status == "occurred"
                and e.agreement_type
                in (
                    "sister_city",
                    "friendship_city",
                )
            ):
                self.rel.add(e.korean, e.foreign, e.agreement_type, e.event_date.year, e.evidence)
        return Extraction(events=events, relationships=self.rel.all())

    def _date_ahead(self, i: int) -> tuple[date, str] | None:
        """The day (or month) of a recent past act the two sentences after sentence `i` give: the
        date of a lead that tells the act first and its day after it (read once per sentence)."""
        if i not in self._ahead:
            self._ahead[i] = self._find_ahead(i)
        return self._ahead[i]

    def _find_ahead(self, i: int) -> tuple[date, str] | None:
        for s in self.sentences[i + 1 : i + 3]:
            for d in find_dates(s.text, self.ctx.published, last_year=self.last_year):
                if d.value is None or d.role != "event" or d.future or d.precision not in ("day", "month"):
                    continue
                if d.value <= self.ctx.published and self.ctx.published - d.value <= RECENT:
                    return d.value, d.precision
        return None

    def _worth_analysing(self, text: str) -> bool:
        """Kiwi reads only sentences that can yield a candidate with a named side (a trigger and a
        government mention) or whose people are read (a title, in a clause with a trigger or about
        the delegation); the rest keep the characters' reading, or yield nothing."""
        trig = bool(clauses.triggers(text))
        if trig and (self.res.foreign(text) or self.res.korean(text)):
            return True
        return (trig or rules.rx("delegation").search(text) is not None) and has_title(text)

    def _span_of(self, text: str) -> tuple[date, date] | None:
        """The days a bare day of `text` may fall in: the stay the sentence before stated, or, in a
        sentence that opens on "then" (당시, 이때), the month of the date the sentence before gave
        ("당시 방문단은 13일부터 15일까지 머물렀다" after "지난달 14일 …": last month's 13th)."""
        last = self.ctx.last_dated
        if last is not None and last[1] in ("day", "month") and rules.rx("history_anaphor").match(text):
            d = last[0]
            return d.replace(day=1), d.replace(day=monthrange(d.year, d.month)[1])
        return self.span

    def _sentence(self, text: str, tokens) -> None:
        self.moves_day = False
        dates = find_dates(
            text, self.ctx.published, last_year=self.last_year, span=self._span_of(text), trip=self.trip
        )
        self.span = stated_span(dates)
        self.trip = self.span or self.trip
        for d in dates:
            if d.value and d.explicit_year:
                self.last_year = d.value.year
        ks = clauses.mentions(text, self.res.korean(text), tokens)
        fs = clauses.mentions(text, self.res.foreign(text), tokens)
        trig = clauses.triggers(text)
        travelling = rules.rx("delegation").search(text) is not None
        present = not trig and rules.rx("participation").search(rules.rx("quote").sub("", text)) is not None
        # people matter to a clause with a trigger, to the delegation or to the occasion just told
        # ("협약식에는 … 참석했다"); elsewhere they are not read
        officials = (
            find_officials(text, self.res, self.people, tokens) if trig or travelling or present else []
        )
        self._note_venue(text, fs)
        if travelling:
            self._note_delegation(officials)
        self.rel.read(text, ks, fs, dates, self.ctx)
        named, made = False, False
        waiting, self.partnerless = self.partnerless, None  # _decide sets it again for this sentence
        if self._members(text, fs, waiting):
            named = made = True
        elif trig:
            named, made = self._clauses(text, tokens, trig, ks, fs, dates, officials)
        if self.partnerless is None and not (named or ks or fs):
            self.partnerless = waiting  # a sentence naming no government keeps the visit waiting
        if not made:  # a trigger that makes nothing leaves the sentence a continuation
            self._attach_fields(text, dates)
        if not trig:
            if present:
                self._attach_present(dates, officials)
            self._stay_start(text, dates)
        self._carry(text, dates, fs, named)

    def _clauses(self, text, tokens, trig, ks, fs, dates, officials) -> tuple[bool, bool]:
        spans = clauses.clause_spans(text)
        named, made = False, False
        for i, (cs, ce) in enumerate(spans):
            ctrig = [t for t in trig if cs <= t.start < ce]
            if not ctrig:
                continue
            fe = ce  # fields may be named in the following clauses that have no trigger
            for ns, ne in spans[i + 1 :]:
                if any(ns <= t.start < ne for t in trig):
                    break
                fe = ne
            c = clauses.Clause(
                text=text,
                start=cs,
                end=ce,
                triggers=ctrig,
                korean=[k for k in ks if cs <= k.start < ce],
                foreign=[f for f in fs if cs <= f.start < ce],
                dates=[d for d in dates if cs <= d.start < ce],
                sentence_dates=dates,
                officials=officials,
                tokens=tokens,
            )
            n, m = self._decide(c, text[cs:fe])
            named, made = named or n, made or m
        return named, made

    def _members(self, text: str, fs: list[clauses.Mention], c: clauses.Clause | None) -> list[Event]:
        """The governments the delegation of `c` (a visit told without who came) is made of: each
        takes part in that visit (`delegation_members`); none when the sentence is no such list."""
        govs = list({f.gov.name: f.gov for f in fs}.values())
        if c is None or len(govs) < 2 or not rules.rx("delegation_members").search(text):
            return []
        made = []
        for gov in govs:
            for cand in candidates(self.ctx, replace(c, foreign=[clauses.Mention(-1, -1, gov, OTHER)])):
                self.trace.append(cand)
                e = self._accept(replace(cand, may_create=True), text)
                made += [e] if e is not None else []
        return made

    # ---------------------------------------------------------------------------- decision
    def _decide(self, c: clauses.Clause, field_text: str) -> tuple[bool, bool]:
        made = []
        if any(t.event_type == "visit" for t in c.triggers):  # "A시와 B시를 방문한다": the trip's stops
            self.ctx.destinations.update(f.gov.name for f in c.foreign if f.role in (OBJECT, COMITATIVE))
        cands = candidates(self.ctx, c)
        if not cands and rules.rx("national").search(c.body):
            self.last_events = []  # what follows is about the national visit
        if not c.foreign and c.korean and any(t.event_type == "visit" for t in c.triggers):
            self.partnerless = c  # who came may be told next
        for cand in cands:
            self.trace.append(cand)
            e = self._accept(cand, c.text)
            if e is not None:
                made.append((e, cand))
        recent = [e for e, _ in made if abs(e.event_date - self.ctx.published) <= RECENT]
        self.last_events = recent or self.last_events
        if not _quoted(c):  # a recollection in a quote is not what the narrative goes on with
            self.last_made = [e for e, _ in made] or self.last_made
        self.attached = []
        for e, cand in made:
            history = (
                cand.event.precision == "year"
                or abs(cand.event.event_date - self.ctx.published).days > HISTORY_DAYS
            )
            # the people who took part are named for an event of any age; the fields of history
            # are background ("1994년 자매결연 이래 문화·관광 교류"), except the content of the
            # document it signed
            if not history:
                self._enrich(e, "" if _elsewhere(field_text, [e]) else field_text, c.officials)
            else:
                self._enrich(e, "", c.officials)
                doc = rules.rx("document_topic").search(field_text)
                self._add_fields([e], field_text[doc.start() :] if doc else "")
        if cands:
            first = cands[0].event
            cur, pub = self.ctx.cur_date, self.ctx.published
            in_passing = cur is not None and cur[0] <= pub < first.event_date  # a plan told in passing
            if (
                first.precision == "day"
                and cands[0].may_create
                and abs(first.event_date - pub) <= RECENT
                and not in_passing
            ):
                self.ctx.cur_date = (first.event_date, first.precision)
                self.ctx.trip_start = any(
                    d.role == "range_start" and d.value == first.event_date for d in c.sentence_dates
                )
        named = [cand for cand in cands if cand.partner_named]
        stops = [cand for cand in named if cand.event.event_type in ("visit", "meeting")]
        if stops:  # the current stop of a trip: an agreement told alone (signed by mail) is no stop
            self.ctx.cur_foreign = stops[-1].event.foreign
        # a plan that is no stop of a trip (a troupe to be sent) leaves the narrative's day alone
        self.moves_day = self.moves_day or bool(stops) or any(c.event.status == "occurred" for c in named)
        return bool(named), bool(made)

    def _accept(self, cand: Candidate, evidence: str) -> Event | None:
        """The event a candidate becomes: a new one, or the same event found before."""
        e = cand.event
        k = e.key()
        if e.event_type == "meeting" and e.location is None and ("visit", *k[1:]) in self.events:
            return self.events[("visit", *k[1:])]  # talks during a visit are part of the visit
        conf = decide.confidence(cand.features)
        old = self.events.get(k)
        if old is not None:
            told_again = cand.may_create  # a continuation from context tells no tense of its own
            return merge.absorb(old, e if told_again else replace(e, status=old.status), conf)
        if not cand.may_create and conf >= decide.threshold():
            return self._refine(e)
        if conf < decide.threshold():
            return None
        e.evidence = evidence.strip()
        e.confidence = conf
        self.events[k] = e
        return e

    def _refine(self, e: Event) -> Event | None:
        """A day told for a stop the article dated only by its month ("마지막 날에는 B시에서 …"
        after "10일부터 12일까지 A시와 B시를 방문"): that stop, now with its day."""
        if e.precision != "day":
            return None
        k = e.key()
        old = self.events.get((k[0], k[1], k[2], date_key(e.event_date, "month")))
        if old is None or old.precision != "month" or old.direction != e.direction:
            return None
        del self.events[old.key()]
        old.event_date, old.precision = e.event_date, "day"
        self.events[old.key()] = old
        return old

    def _enrich(self, e: Event, text: str, officials: list[Official]) -> None:
        self._add_fields([e], text)
        add_people(e.korean_officials, [o for o in officials if o.side == "korean"])
        add_people(e.foreign_officials, [o for o in officials if o.side == "foreign"])

    # ------------------------------------------------------------------------------ context
    def _note_venue(self, text: str, fs: list[clauses.Mention]) -> None:
        """A conference abroad ("곤명시에서 열린 … 대회") is a venue, not a partner."""
        if not (rules.rx("conference").search(text) and rules.rx("venue_sentence").search(text)):
            return
        for f in fs:
            if f.role == LOCATIVE:
                self.ctx.venue = f.gov
                return

    def _note_delegation(self, officials: list[Official]) -> None:
        for o in officials:
            add_people(self.delegation if o.side == "korean" else self.guests, [o])

    def _carry(self, text: str, dates: list[DateMention], fs: list[clauses.Mention], named: bool) -> None:
        pub = self.ctx.published
        told = [d for d in dates if d.value is not None and d.usable]
        self.ctx.prev_dated = (told[-1].value, told[-1].precision) if told else None
        if told:
            self.ctx.last_dated = self.ctx.prev_dated
        concrete = [
            d for d in dates if d.value and d.precision == "day" and d.usable and abs(d.value - pub) <= RECENT
        ]
        if concrete and not fs and rules.rx("country_visit").search(text):
            concrete = []  # a tour's frame ("3일부터 일본과 중국을 방문") dates none of its stops
        cur = self.ctx.cur_date
        if concrete and not self.moves_day and cur and cur[0] <= pub < concrete[0].value:
            concrete = []  # a plan told in passing ("다음 달 6일 공연단을 보낸다") leaves the day of the visit
        if concrete and not named and cur and _spans(text, dates, cur[0]):
            concrete = []  # a span around the current day ("1∼9일 홍보관이 운영된다") does not move it
        if concrete:  # history ("1994년 3월 15일") never becomes the current day
            self.ctx.cur_date = (concrete[0].value, "day")
            self.ctx.trip_start = concrete[0].role == "range_start"
            for noun in rules.rx("signing_event_noun").findall(text):
                self.ctx.noun_dates.setdefault(noun, self.ctx.cur_date)  # the first dated mention defines it
        if named:
            return  # the sentence's events already set the current partner
        visited = [  # "칭다오시는 산둥성에 위치한 도시로": a description, no trip
            f
            for f in fs
            if f.role in (OBJECT, LOCATIVE) and f.gov != self.ctx.venue and not located_in(text, f.end)
        ]
        if visited:
            self.ctx.cur_foreign = visited[-1].gov

    def _stay_start(self, text: str, dates: list[DateMention]) -> None:
        """ "N일부터 … 일정으로 현지에 머물고 있다" dates the visit just told (by its signing day)
        by the first day of the stay: one visit, its first day."""
        starts = [d for d in dates if d.role == "range_start" and d.value and d.precision == "day"]
        if not starts or not rules.rx("stay_under_way").search(text):
            return
        first = starts[0].value
        for e in self.last_events:
            if e.event_type == "visit" and e.precision == "day" and 0 < (e.event_date - first).days <= 6:
                self.events.pop(e.key(), None)
                e.event_date = first
                self.events.setdefault(e.key(), e)

    def _attach_present(self, dates: list[DateMention], officials: list[Official]) -> None:
        """The people a sentence without a trigger says were present ("협약식에는 … 참석했다")
        take part in the events of the current day and partner, unless it dates another day."""
        cur, partner = self.ctx.cur_date, self.ctx.cur_foreign
        told = [d for d in dates if d.usable and d.value and d.precision == "day"]
        if not officials or cur is None or any(d.value != cur[0] for d in told):
            return
        for e in self.events.values():
            if (e.event_date, e.precision) == cur and (partner is None or e.foreign == partner):
                add_people(e.korean_officials, [o for o in officials if o.side == "korean"])
                add_people(e.foreign_officials, [o for o in officials if o.side == "foreign"])

    def _headline_fields(self) -> None:
        """The fields the headline and its sub-headlines name belong to the article's own recent
        events with its main partner; a part of a headline that names another partner, or that
        follows a past date ("지난해 9월 ……"), tells of something else."""
        main, home = self.ctx.main_foreign, self.ctx.main_korean
        own = [
            e
            for e in self.events.values()
            if main is not None
            and e.foreign.name == main.name
            and (home is None or e.korean.name == home.name)
            and abs(e.event_date - self.ctx.published) <= RECENT
        ]
        lines = [self.title]
        for s in self.sentences[:4]:
            if rules.rx("sentence_end").search(s.text):
                break
            lines.append(s.text)
        for line in lines:
            for part in rules.rx("headline_break").split(line):
                if rules.rx("past_mark").search(part):
                    break
                others = [g for *_, g in self.res.foreign(part) if g.name != main.name] if main else []
                if not others and not _elsewhere(part, own) and not rules.rx("habitual").search(part):
                    self._add_fields(own, part)

    @staticmethod
    def _add_fields(events: list[Event], text: str) -> None:
        fields = lexicon.fields_in(text)
        for e in events:
            e.fields += [f for f in fields if f not in e.fields]

    def _attach_fields(self, text: str, dates: list[DateMention]) -> None:
        """A sentence that continues the latest event adds its fields: the content of a document
        goes to the agreement just told (even a past one), one more field to where the sentence
        before went, anything else that continues to the current day's events."""
        head = text.strip()
        targets = self._continued(text, dates)
        if rules.rx("document_topic").match(head):
            targets = [e for e in self.last_made if e.event_type == "agreement"] or targets
        elif rules.rx("field_topic").match(head) and self.attached:
            targets = self.attached
        if rules.rx("habitual").search(text):
            targets = []
        self.attached = targets
        self._add_fields(targets, text)

    def _continued(self, text: str, dates: list[DateMention]) -> list[Event]:
        """The current day's events when the sentence continues them, else none."""
        cur = self.ctx.cur_date
        current = [
            e
            for e in self.last_events
            if cur and (e.event_date, e.precision) == cur and abs(e.event_date - self.ctx.published) <= RECENT
        ]
        if not current:
            return []
        people = {o.name for e in current for o in e.korean_officials + e.foreign_officials}
        dated = any(d.usable and d.value for d in dates)
        head = text.strip()
        if _elsewhere(text, current):
            return []
        continues = (
            any(d.precision == "ref" for d in dates)
            or rules.rx("continues").match(head)
            or rules.rx("this_occasion_cue").search(text)
            or (
                not dated
                and (rules.rx("delegation").search(text[:30]) or any(p in text[:40] for p in people))
            )
        )
        return current if continues else []


def _elsewhere(text: str, events: list[Event]) -> bool:
    """The text names, in Hangul, another country than the events' partners (the next leg of a
    tour); a one-letter Hanja short form (蒙 in a company's name) is no country here."""
    partners = {e.foreign.country for e in events} | {"KR"}
    table = rules.countries()
    names = (text[s:e] for s, e in rules.country_spans(text))
    return any(re.fullmatch("[가-힣]{2,}", n) and table[n] not in partners for n in names)


def _quoted(c: clauses.Clause) -> bool:
    return any(m.start() <= c.triggers[0].start < m.end() for m in rules.rx("quote").finditer(c.text))


def worth_reading(line: str) -> bool:
    """Whether Kiwi should read a one-sentence line as it streams by: the line may be one
    `_Reader` analyses (a trigger, or a title in a sentence about the delegation). The
    government-mention test waits for the article's resolver; a line it turns down costs only
    its reading."""
    if clauses.triggers(line):
        return True
    return rules.rx("delegation").search(line) is not None and has_title(line)


def read_article(
    title: str | None, sentences: Sequence[Sentence], published: date, undated: bool = False
) -> tuple[Extraction, list]:
    """The extraction of one article and the trace of its scored candidates; `undated` when
    `published` is an anchor assumed for a page that gives no date (`engine.undated_reading`)."""
    r = _Reader(title, sentences, published, undated)
    return r.run(), r.trace
