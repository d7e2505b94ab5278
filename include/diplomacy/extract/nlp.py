"""Sentences of article bodies, read by Kiwi once, only where a rule will read them.

A Kiwi costs seconds and hundreds of MB to load, so it is built once per process (`kiwi()`)
and reused by every batch. Bodies are cut at line breaks first (a line is a paragraph or a
sub-headline, never half a sentence). Kiwi's analysis is by far the most expensive step of
the pipeline, so each line gets the least that serves the rules (`lines`, with the caller's
`wants(line)`: does a rule read this line's tokens?):

- a wanted line with an inner sentence end: Kiwi splits it (`tokenize(split_sents=True)`),
  and the tokens of every sentence are kept, so no sentence is analysed twice;
- a wanted one-sentence line: Kiwi reads it in the same stream;
- an unwanted line with an inner sentence end: cut at its sentence-final marks, no Kiwi;
- any other line: one sentence, as it is.

The lines are streamed to Kiwi's worker threads while the caller consumes earlier results,
so the rules of extraction run while Kiwi analyses ahead. Without `wants`, every line that
may hold several sentences is split by Kiwi and no other is read.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from typing import NamedTuple

__all__ = ["Sentence", "analyse", "kiwi", "lines", "needs_split", "worker_count"]


class Sentence(NamedTuple):
    text: str
    start: int  # offset in the body
    tokens: Sequence | None = None  # Kiwi's tokens when Kiwi read the sentence (offsets in its line)
    shift: int = 0  # the sentence's offset in its line: token.start - shift is an offset in `text`


# A sentence-final mark with more text after it on the same line (closing quotes and
# brackets belong to the sentence they close).
_INNER_END = re.compile(r"[.?!。？！…](?=[\s\"'”’)\]」』>]*[^\s\"'”’)\]」』>])")


def needs_split(line: str) -> bool:
    """True when `line` may hold more than one sentence, i.e. Kiwi must decide where."""
    return _INNER_END.search(line) is not None


def worker_count() -> int:
    """Kiwi's analysis threads: DIPLOMACY_KIWI_WORKERS, else one per CPU."""
    return int(os.environ.get("DIPLOMACY_KIWI_WORKERS", "0")) or (os.cpu_count() or 1)


@cache
def kiwi():
    """The process's analyser, with its model fully loaded.

    Without the multi-word dictionary (multi-word proper nouns): it triples the load time
    (~3.2 s -> ~1.1 s here) and changes no sentence boundary (checked on the 2,000-article
    benchmark corpus: the same split for all 5,741 lines Kiwi is given). Kiwi finishes
    loading lazily, so the first analysis is done here, not in the first batch's time.
    """
    from kiwipiepy import Kiwi

    k = Kiwi(num_workers=worker_count(), load_multi_dict=False)
    k.split_into_sents("안산시는 훈춘시와 교류의향서를 체결했다. 이날 협약식이 열렸다.")
    return k


def lines(body: str, wants: Callable[[str], bool] | None) -> list[tuple[int, str, int]]:
    """(offset in body, line, what is done with it) for the non-blank lines of a body: SPLIT (it
    may hold several sentences: Kiwi splits it and its tokens are kept), READ (one sentence whose
    tokens are wanted), CUT (several sentences nobody reads closely: cut at sentence-final
    marks, without Kiwi) or SKIP (one sentence, as it is)."""
    out = []
    offset = 0
    for line in body.split("\n"):
        if line.strip():
            wanted = wants is None or wants(line)
            todo = (SPLIT if wanted else CUT) if needs_split(line) else READ if wanted and wants else SKIP
            out.append((offset, line, todo))
        offset += len(line) + 1
    return out


SKIP, CUT, READ, SPLIT = 0, 1, 2, 3  # what Kiwi reads: READ, SPLIT


def analyse(bodies: Iterable[str], wants: Callable[[str], bool] | None = None) -> Iterator[list[Sentence]]:
    """The sentences of each body, streamed in input order, with Kiwi's tokens where Kiwi read them.

    One pass of Kiwi over the lines that need it: a line that may hold several sentences is split
    (and its tokens kept, at no extra cost), a one-sentence line is read when `wants(line)` says
    its tokens will be used; every other line is one sentence that Kiwi never sees.
    Lazy on both ends: bodies are read as Kiwi's workers ask for more lines, and a body's
    sentences are yielded as soon as its lines are analysed, so memory holds a window of
    the stream, not the batch.
    """
    pending: deque[list[tuple[int, str, int]]] = deque()

    def feed() -> Iterator[str]:
        for body in bodies:
            found = lines(body or "", wants)
            pending.append(found)
            sent = [line for _, line, todo in found if todo >= READ]
            # every body sends at least one item, so each result can be matched to its body
            yield from sent or ("",)

    stream = kiwi().tokenize(feed(), split_sents=True)
    for first in stream:
        found = pending.popleft()
        wanted = sum(1 for *_, todo in found if todo >= READ)
        results = iter([first, *(next(stream) for _ in range(wanted - 1))] if wanted else [])
        out: list[Sentence] = []
        for offset, line, todo in found:
            if todo == SPLIT:
                out += _split(line, offset, next(results))
                continue
            if todo == CUT:
                out += _cut(line, offset)
                continue
            lead = len(line) - len(line.lstrip())  # the line without its surrounding blanks
            tokens = [t for sent in next(results) for t in sent] if todo == READ else None
            out.append(Sentence(line.strip(), offset + lead, tokens, lead))
        yield out


# A sentence end a line nobody reads closely is cut at: a final mark after a word, with blanks or
# the next sentence's Hangul after it ("…했다.이번"); closing quotes and brackets stay with it.
_END = re.compile(r"(?<=[가-힣A-Za-z0-9)\]”’\"'」』%])[.?!。？！]+[\"'”’)\]」』]*(?=\s*[가-힣]|\s+\S)")


def _cut(line: str, offset: int) -> list[Sentence]:
    """The sentences of a line by its marks alone (no quotation is left open at a cut)."""
    out, start = [], 0
    for m in _END.finditer(line):
        piece = line[start : m.end()]
        if piece.count('"') % 2 or sum(map(piece.count, "“「『")) > sum(map(piece.count, "”」』")):
            continue
        out.append(piece)
        start = m.end()
    out.append(line[start:])
    sentences, pos = [], 0
    for piece in out:
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            sentences.append(Sentence(piece.strip(), offset + pos + lead))
        pos += len(piece)
    return sentences


def _split(line: str, offset: int, sents: list) -> list[Sentence]:
    out = []
    for toks in sents:
        if not toks:
            continue
        s, e = toks[0].start, toks[-1].end
        text = line[s:e]
        if text.strip():
            out.append(Sentence(text, offset + s, toks, s))
    return out
