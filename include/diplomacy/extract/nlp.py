"""One Kiwi analyser per process, and batched sentence analysis with it.

`Kiwi()` costs about 3 s and 0.5 GB, so it is built lazily on first use and then reused by
every batch the process handles; batches are fed as iterables so Kiwi's worker threads
analyse several texts at once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Morph:
    form: str
    tag: str
    start: int  # offset in the sentence
    end: int


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the body
    morphs: tuple[Morph, ...]

    @property
    def past(self) -> bool:
        """A past-tense ending anywhere in the sentence (었/았/였)."""
        return any(m.tag == "EP" and m.form in ("었", "았", "였", "했") for m in self.morphs)

    def nouns(self) -> set[str]:
        return {m.form for m in self.morphs if m.tag.startswith("NN")}


@cache
def kiwi():
    from kiwipiepy import Kiwi

    workers = int(os.environ.get("DIPLOMACY_KIWI_WORKERS", "0")) or (os.cpu_count() or 1)
    return Kiwi(num_workers=workers)


def analyse(bodies: Iterable[str]) -> Iterator[list[Sentence]]:
    """Split each body into sentences with morphemes, streaming in input order.

    Bodies are cut at line breaks first (a line is a paragraph or a sub-headline, never
    half a sentence), and all lines of the batch go to Kiwi in one call.
    """
    bodies = list(bodies)
    if not bodies:
        return
    lines: list[tuple[int, int, str]] = []  # (body index, offset in body, text)
    for i, body in enumerate(bodies):
        offset = 0
        for line in body.split("\n"):
            if line.strip():
                lines.append((i, offset, line))
            offset += len(line) + 1
    results = kiwi().split_into_sents([t for _, _, t in lines], return_tokens=True) if lines else []
    out: list[list[Sentence]] = [[] for _ in bodies]
    for (i, offset, line), sents in zip(lines, results, strict=True):
        for s in sents:
            text = line[s.start : s.end]
            if not text.strip():
                continue
            morphs = tuple(Morph(t.form, t.tag, t.start - s.start, t.end - s.start) for t in (s.tokens or ()))
            out[i].append(Sentence(text=text, start=offset + s.start, morphs=morphs))
    yield from out
