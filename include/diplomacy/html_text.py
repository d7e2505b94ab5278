"""Faithful plain text from an HTML page, before any boilerplate removal.

Scrapers sometimes land the page itself instead of extracted text. Later stages
(boilerplate removal, sentence splitting, event extraction) only understand
lines of text, so this module turns markup into the text a reader would see,
one block per line, and deliberately keeps menus, footers and the like: deciding
what is boilerplate needs context this layer does not have.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["MAX_NESTING", "html_to_text", "nesting_depth"]

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


# Deeper markup than this is read by tag stripping instead of the parser. An HTML parser
# checks the stack of open elements at every start tag, so its cost grows with the nesting
# depth: 40,000 nested <div>s (440 KB) take 1.5 s, and a 5 MB page of them would hang the
# run. Real pages nest a few dozen levels; `nesting_depth` over-counts sloppy markup, so the
# limit leaves a wide margin, and a page over it still yields its text.
MAX_NESTING = 2_000

# A tag, for the linear scans below: `[^<>]*` stops at the next "<", so a stray "<" costs
# one step, never a scan to the end of the page.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>?")
# Elements that never hold children.
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# A start tag of these closes an open element of the same name instead of nesting in it.
_SIBLINGS = frozenset({"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp"})


def nesting_depth(html: str) -> int:
    """An upper estimate of how deep the elements of *html* nest, in one linear scan.

    Start tags open an element (void ones and a second ``<p>``/``<li>``... do not); an end
    tag closes one of its name if one is open. Markup the parser would repair (an unclosed
    ``<span>``) is counted as open, so the estimate errs on the deep side.
    """
    open_count: Counter[str] = Counter()
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _VOID:
            continue
        if m.group(1):
            if open_count[name]:
                open_count[name] -= 1
                depth -= 1
        elif not (name in _SIBLINGS and open_count[name]):
            open_count[name] += 1
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def html_to_text(html: str) -> str:
    """Return the visible text of *html*, title first, one block per line.

    Empty lines are not kept: blank paragraphs (``<p>&nbsp;</p>``) and
    ``<br><br>`` are layout, and the line break itself already separates
    paragraphs. The walk is iterative so hostile nesting depth cannot hit
    Python's recursion limit; markup nested deeper than `MAX_NESTING` is read
    by `_strip_tags` instead, in time linear in its size.
    """
    if not html or not html.strip():
        return ""
    if nesting_depth(html) > MAX_NESTING:
        return _lines(_strip_tags(html))
    tree = LexborHTMLParser(html)

    lines: list[str] = []
    title_node = tree.css_first("head > title")
    if title_node is not None:
        title = _SPACE_RUN.sub(" ", title_node.text(deep=True) or "").strip()
        if title:
            lines.append(title)

    root = tree.root
    if root is not None:
        lines.append(_lines(_render(root)))
    return "\n".join(line for line in lines if line)


def _lines(text: str) -> str:
    """The non-blank lines of rendered text, spaces collapsed."""
    stripped = (_LINE_SPACE_RUN.sub(" ", raw).strip() for raw in text.split("\n"))
    return "\n".join(line for line in stripped if line)


# Tags, comment openings and declarations (<!DOCTYPE>, <?xml?>), for `_strip_tags`.
_MARKUP = re.compile(r"<(?:(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>?|!--|[!?][^<>]*>?)")

# Elements whose content is skipped by `_strip_tags` up to their end tag (the parser's
# _DROPPED, less <head>, whose <title> is kept as the first line).
_SKIPPED = frozenset(_DROPPED - {"head"})


def _strip_tags(html: str) -> str:
    """Text of *html* without a parser: tags dropped, blocks on their own lines, entities
    decoded, the content of scripts, styles and the like skipped. One pass, linear in size."""
    pieces: list[str] = []
    pos = 0
    for m in _MARKUP.finditer(html):
        if m.start() < pos:
            continue  # inside a skipped element or comment
        pieces.append(_SPACE_RUN.sub(" ", html_lib.unescape(html[pos : m.start()])))
        pos = m.end()
        if m.group() == "<!--":
            close = html.find("-->", pos)
            pos = close + 3 if close >= 0 else len(html)
            continue
        if m.group(2) is None:
            continue  # <!DOCTYPE ...>, <?xml ...?>
        end, name = m.group(1), m.group(2).lower()
        if name in _BLOCK or name == "br" or name == "title":
            pieces.append("\n")
        elif name in _CELL:
            pieces.append(" ")
        if not end and name in _SKIPPED:
            close = re.compile(rf"</{name}\s*>", re.I).search(html, pos)
            pos = close.end() if close else len(html)
    pieces.append(_SPACE_RUN.sub(" ", html_lib.unescape(html[pos:])))
    return "".join(pieces)


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
