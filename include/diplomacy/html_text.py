"""Faithful plain text from an HTML page, before any boilerplate removal.

Scrapers sometimes land the page itself instead of extracted text. Later stages
(boilerplate removal, sentence splitting, event extraction) only understand
lines of text, so this module turns markup into the text a reader would see,
one block per line, and deliberately keeps menus, footers and the like: deciding
what is boilerplate needs context this layer does not have.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["html_to_text"]

# Never rendered as article text: code, styling, fallbacks for disabled scripts,
# inert templates, embedded documents and drawings (whose <title>/<text> would
# otherwise leak labels). <head> is dropped as a whole; its <title> is emitted
# separately because it is usually the headline.
_DROPPED = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "head"})

# Elements that start a new line in a browser's rendering. Missing one of these
# would glue two paragraphs into a single line and change sentence boundaries.
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    }
)

# Table cells sit side by side: keep them on the row's line but never glue
# their words together.
_CELL = frozenset({"td", "th"})

# HTML's own whitespace (it does not include U+3000 or other Unicode spaces,
# which authors type on purpose). U+00A0 is added because Korean CMS editors
# emit &nbsp; for layout, not meaning, and downstream tokenisers treat it as a
# word character otherwise.
_SPACE_RUN = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_LINE_SPACE_RUN = re.compile(r"[ \t\r\f\v\u00a0]+")
# A blank line inside one text node: a text document pasted into a page as it was (one
# <p> around the whole article). A browser would run it into one paragraph, but its line
# breaks are the only structure it has, so they are kept; hard-wrapped HTML source does
# not leave blank lines inside a paragraph.
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")


def html_to_text(html: str) -> str:
    """Return the visible text of *html*, title first, one block per line.

    Empty lines are not kept: blank paragraphs (``<p>&nbsp;</p>``) and
    ``<br><br>`` are layout, and the line break itself already separates
    paragraphs. The walk is iterative so hostile nesting depth cannot hit
    Python's recursion limit.
    """
    if not html or not html.strip():
        return ""
    tree = LexborHTMLParser(html)

    lines: list[str] = []
    title_node = tree.css_first("head > title")
    if title_node is not None:
        title = _SPACE_RUN.sub(" ", title_node.text(deep=True) or "").strip()
        if title:
            lines.append(title)

    root = tree.root
    if root is not None:
        body_text = _render(root)
        for raw_line in body_text.split("\n"):
            line = _LINE_SPACE_RUN.sub(" ", raw_line).strip()
            if line:
                lines.append(line)
    return "\n".join(lines)


def _render(root: LexborNode) -> str:
    """Serialise the tree to text with ``\\n`` at block boundaries.

    An explicit stack of (node, entering) pairs replaces recursion; ``pre``
    depth is tracked so that preformatted text keeps its line breaks.
    """
    pieces: list[str] = []
    pre_depth = 0
    stack: list[tuple[LexborNode, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag or ""
        if not entering:
            if tag == "pre":
                pre_depth -= 1
            if tag in _BLOCK:
                pieces.append("\n")
            elif tag in _CELL:
                pieces.append(" ")
            continue
        if tag == "-text":
            text = node.text_content or ""
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            if pre_depth:
                pieces.append(text)
            elif _BLANK_LINE.search(text):
                pieces.append("\n".join(_SPACE_RUN.sub(" ", line) for line in text.split("\n")))
            else:
                pieces.append(_SPACE_RUN.sub(" ", text))
            continue
        # Comments, doctype and processing instructions start with "-" or "!".
        if not tag or tag[0] in "-!#" or tag in _DROPPED:
            continue
        if tag == "br":
            pieces.append("\n")
            continue
        if tag in _BLOCK:
            pieces.append("\n")
        elif tag in _CELL:
            pieces.append(" ")
        if tag == "pre":
            pre_depth += 1
        stack.append((node, False))
        children: list[LexborNode] = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, True) for c in reversed(children))
    return "".join(pieces)
