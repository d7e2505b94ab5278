"""Landing files built to make a stage super-linear, all under the default size limit (5 MB).

Each was once a hang or a minutes-long run (issue 15); the pipeline now reads each in time
linear in its size (a guard before the HTML parser, overlap checks by bisection) or rejects it
with a reason (`line_too_long`). `benchmarks.run` reports their cost per MB beside a normal
article's, and `tests/hostile/test_bounded_work.py` runs them end to end under a timeout.

    name -> (bytes, expected status, expected reason)
"""

from __future__ import annotations

import html

_CITY = "칭다오시"  # a foreign city the gazetteer knows
_SENTENCE = "수원시와 칭다오시가 자매결연을 맺고 "  # a diplomacy sentence without its full stop


def _fill(unit: str, size: int, sep: str = "") -> str:
    """`unit` repeated (joined by `sep`) to about `size` bytes of UTF-8."""
    per = len((unit + sep).encode("utf-8"))
    return sep.join([unit] * max(1, size // per))


def deep_divs(article: str, size: int = 5_000_000) -> bytes:
    """An article inside ~475k nested <div>s: an HTML parser's cost grows with depth."""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in article.splitlines())
    frame = len(body.encode("utf-8")) + 200
    depth = max(1, (size - frame) // len("<div></div>"))
    return (
        "<!DOCTYPE html><html><head><title>기사</title></head><body>"
        + "<div>" * depth
        + body
        + "</div>" * depth
        + "</body></html>"
    ).encode("utf-8")


def city_line(size: int = 2_300_000) -> bytes:
    """One line repeating a foreign city's name (the foreign-name overlap checks)."""
    return ("수원시는 중국 칭다오시와 자매결연을 맺었다.\n" + _fill(_CITY, size, " ")).encode("utf-8")


def city_lines(size: int = 1_000_000) -> bytes:
    """The name on short lines of their own, numbered so that cleaning keeps every one: read
    sentence by sentence, each a mention of the article's partner."""
    head = "수원시는 중국 칭다오시와 자매결연을 맺었다.\n"
    per = len(f"{_CITY} 대표단이 100000번째로 방문했다.\n".encode())
    lines = (f"{_CITY} 대표단이 {i}번째로 방문했다." for i in range(max(1, size // per)))
    return (head + "\n".join(lines)).encode("utf-8")


def endless_sentence(size: int = 2_000_000) -> bytes:
    """One diplomacy sentence repeated with no sentence end (extraction pairs its mentions)."""
    return _fill(_SENTENCE, size).encode("utf-8")


def pathological_files(article: str, scale: float = 1.0) -> dict[str, tuple[bytes, str, str | None]]:
    """The files by name, with what the pipeline must make of them; `scale` shrinks them."""
    return {
        "deep-divs.html": (deep_divs(article, int(5_000_000 * scale)), "accepted", None),
        "city-line.txt": (city_line(int(2_300_000 * scale)), "rejected", "line_too_long"),
        "city-lines.txt": (city_lines(int(1_000_000 * scale)), "accepted", None),
        "endless-sentence.txt": (endless_sentence(int(2_000_000 * scale)), "rejected", "line_too_long"),
    }
