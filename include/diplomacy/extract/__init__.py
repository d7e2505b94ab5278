"""Extraction: from cleaned articles to events and relationships (see `engine`)."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["extract_articles"]


def extract_articles(articles: Iterable[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """Events, relationships and per-article flags of a batch of cleaned article rows.

    The batch is analysed by Kiwi in one call (its worker threads share the batch); the
    rules then run per article. Rows without a body or a publication date are kept as
    non-diplomacy: a date-less article cannot anchor relative dates, so it yields nothing.
    """
    from diplomacy.extract.engine import event_rows, extract_article, relationship_rows
    from diplomacy.extract.nlp import analyse

    articles = list(articles)
    events: list[dict] = []
    rels: list[dict] = []
    flags: list[dict] = []
    bodies = [a.get("body") or "" for a in articles]
    for a, sentences in zip(articles, analyse(bodies), strict=True):
        ex = extract_article(a["article_id"], a.get("title"), sentences, a.get("published_date"))
        ev = event_rows(a["article_id"], a.get("published_date"), ex)
        events += ev
        rels += relationship_rows(a["article_id"], ex)
        flags.append({"article_id": a["article_id"], "is_diplomacy": bool(ev), "event_count": len(ev)})
    return events, rels, flags
