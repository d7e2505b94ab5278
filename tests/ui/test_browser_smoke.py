"""The browser set-up itself: Debian's chromium, driven by Playwright, on a page served locally.

If this fails, every other browser test would too: it tells a broken browser install apart from
a broken page.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

PAGE = """<!doctype html>
<html lang="ko">
<head><meta charset="utf-8"><title>smoke</title></head>
<body>
  <h1 id="title">수원시 국제교류</h1>
  <p id="status">not clicked</p>
  <button id="go" type="button">go</button>
  <ul id="items"></ul>
  <script>
    document.getElementById("go").addEventListener("click", () => {
      document.getElementById("status").textContent = "clicked";
      const li = document.createElement("li");
      li.textContent = "item " + (document.querySelectorAll("#items li").length + 1);
      document.getElementById("items").appendChild(li);
    });
  </script>
</body>
</html>
"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep pytest's output clean
        pass


@pytest.fixture
def local_site(tmp_path: Path) -> Iterator[str]:
    """A static site on 127.0.0.1 (a free port), served from a thread for this test only."""
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_playwright_drives_debians_chromium(browser, chromium_executable):
    """The browser Playwright launched is the Debian binary, not a downloaded build."""
    out = subprocess.run([chromium_executable, "--version"], capture_output=True, text=True, check=True)
    assert browser.version in out.stdout, (browser.version, out.stdout)


def test_chromium_clicks_and_the_dom_changes(page, local_site, screenshot):
    response = page.goto(f"{local_site}/index.html")
    assert response is not None and response.ok
    assert page.title() == "smoke"
    assert page.locator("#title").inner_text() == "수원시 국제교류"
    assert page.locator("#status").inner_text() == "not clicked"

    page.click("#go")
    page.click("#go")

    assert page.locator("#status").inner_text() == "clicked"
    assert page.locator("#items li").all_inner_texts() == ["item 1", "item 2"]
    shot = screenshot(page, "smoke")
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert shot.stat().st_size > 1000


def test_screenshot_names_stay_inside_the_output_folder(page, screenshot):
    with pytest.raises(ValueError):
        screenshot(page, "../escape")
