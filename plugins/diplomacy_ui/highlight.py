"""The evidence sentence located inside the article body, for the event page to mark."""

from __future__ import annotations

import re
from typing import NamedTuple


class Split(NamedTuple):
    before: str
    evidence: str | None  # None: not found in the body
    after: str


def split_body(body: str | None, evidence: str | None) -> Split:
    """`body` cut around the first occurrence of `evidence`; whitespace may differ between
    the two (the cleaned body keeps line breaks the evidence sentence does not)."""
    body = body or ""
    if not evidence or not evidence.strip():
        return Split(body, None, "")
    at = body.find(evidence)
    if at >= 0:
        return Split(body[:at], evidence, body[at + len(evidence) :])
    tokens = evidence.split()
    pattern = re.compile(r"\s+".join(re.escape(t) for t in tokens))
    m = pattern.search(body)
    if m is None:
        return Split(body, None, "")
    return Split(body[: m.start()], m.group(0), body[m.end() :])
