"""The built site, served on localhost and read in a real headless browser (Debian's
chromium), as a reader would: the pages render with their content, and search works."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ROOT, visible_text

ARTIFACTS_ENV = "RECERTLIB_ARTIFACTS"
"""Where to save the screenshot of the home page; ``docs/_build/artifacts`` by default."""

# Flags that keep chromium headless, sandbox-free (CI runs as root) and off the network: this
# machine's network is closed, and chromium's own background connections would fail slowly.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        message = "chromium is not installed (scripts/test.sh installs Debian's package)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The site's address on localhost."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()
    server.server_close()


def browse(chromium: str, profile: Path, *arguments: str) -> str:
    done = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def rendered_text(chromium: str, profile: Path, url: str) -> str:
    """The page's text once its scripts have run."""
    return visible_text(browse(chromium, profile, "--virtual-time-budget=10000", "--dump-dom", url))


def test_the_home_page_renders(chromium, served, tmp_path):
    text = rendered_text(chromium, tmp_path, f"{served}/index.html")
    assert "Is this credential current, can its holder recertify" in text
    assert "print(evaluate(credential, activities, as_of=" in text
    assert "Tutorial: a plugin for a certifying body" in text  # in the navigation


def test_the_tutorial_renders_with_its_code(chromium, served, tmp_path):
    text = rendered_text(chromium, tmp_path, f"{served}/authors/tutorial.html")
    assert "Step 7: publish" in text
    assert "[project.entry-points.recertlib]" in text
    assert 'code = "RMA"' in text  # the rules file
    assert "recertlib new-plugin amt --body AMT --credential RMA" in text


def test_the_supported_credentials_render(chromium, served, tmp_path):
    text = rendered_text(chromium, tmp_path, f"{served}/supported.html")
    assert "AAMA CMA: CMA (AAMA)" in text
    assert "NHA CCMA: Certified Clinical Medical Assistant (CCMA)" in text
    assert "aama.cma.pathways.2020" in text


def test_search_finds_grace(chromium, served, tmp_path):
    text = rendered_text(chromium, tmp_path, f"{served}/search.html?q=grace")
    found = re.search(r"Search finished, found (\d+) pages? matching", text)
    assert found, text[-2000:]
    assert int(found.group(1)) >= 2
    assert "What a verdict says" in text


def test_a_screenshot_of_the_home_page(chromium, served, tmp_path):
    artifacts = Path(os.environ.get(ARTIFACTS_ENV, ROOT / "docs" / "_build" / "artifacts"))
    artifacts.mkdir(parents=True, exist_ok=True)
    screenshot = artifacts / "home.png"
    screenshot.unlink(missing_ok=True)
    browse(
        chromium,
        tmp_path,
        "--window-size=1280,1400",
        f"--screenshot={screenshot}",
        f"{served}/index.html",
    )
    data = screenshot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000  # a blank page compresses to far less
