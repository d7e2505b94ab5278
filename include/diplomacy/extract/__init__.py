"""Extraction: from cleaned articles to events and relationships (see `engine`)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

__all__ = ["extract_stream"]


def extract_stream(articles: Iterable[dict]) -> Iterator[tuple[list[dict], list[dict], dict]]:
    """(event rows, relationship rows, flags) of each cleaned article row, in input order.

    Bodies stream through Kiwi (its worker threads analyse ahead while the rules run on
    the articles already analysed). Rows without a body are kept as non-diplomacy; an article without a publication date
    yields only the acts its own text dates (`engine.undated_reading`).
    """
    from diplomacy.extract.article import worth_reading
    from diplomacy.extract.engine import event_rows, extract_article, relationship_rows
    from diplomacy.extract.nlp import analyse

    window: deque[dict] = deque()  # the articles Kiwi has been handed but not yet returned

    def bodies() -> Iterator[str]:
        for a in articles:
            window.append(a)
            yield a.get("body") or ""

    for sentences in analyse(bodies(), wants=worth_reading):
        a = window.popleft()
        ex = extract_article(a["article_id"], a.get("title"), sentences, a.get("published_date"))
        ev = event_rows(a["article_id"], a.get("published_date"), ex)
        flag = {"article_id": a["article_id"], "is_diplomacy": ex.is_diplomacy, "event_count": len(ev)}
        yield ev, relationship_rows(a["article_id"], ex), flag
