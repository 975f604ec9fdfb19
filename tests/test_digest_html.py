"""The HTML digest escapes article text: a <script> in an article must not run in a real browser."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "digest"))

from digest_fakes import CountingBrief

from summarizer.digest.config import DigestConfig, ModelSettings, Source
from summarizer.digest.runner import FnBriefer, Reporter, run_digest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PAYLOAD = "<script>document.body.setAttribute('data-pwned','yes')</script>"
EVIL_TITLE = "Mayor <img src=x onerror=\"document.body.setAttribute('data-pwned','yes')\"> resigns"


def _dump_dom(page: Path, profile: Path) -> str:
    assert CHROMIUM
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--virtual-time-budget=2000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def _evil_digest(tmp_path: Path) -> Path:
    src = tmp_path / "evil.jsonl"
    records = [
        {"title": EVIL_TITLE, "outlet": "Evil <b>Outlet</b>", "url": "javascript:alert(1)",
         "text": f"The mayor resigned on Friday {PAYLOAD} after a corruption probe. He denied wrongdoing and "
                 "said he was stepping down to protect the council."},
    ]
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    cfg = DigestConfig(out=str(tmp_path / "out"), state=str(tmp_path / "s.db"), sources=[Source(jsonl=str(src))],
                       model=ModelSettings(requests_per_minute=0))
    s = run_digest(cfg, FnBriefer(CountingBrief()), period="2025-03-14",
                   reporter=Reporter(fancy=False, stream=io.StringIO()))
    return Path(s.digest["html"])


def test_html_is_escaped_and_self_contained(tmp_path: Path) -> None:
    html = _evil_digest(tmp_path).read_text()
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html
    assert "javascript:" not in html, "non-http links are not turned into hrefs"
    assert "http://" not in html.replace('http-equiv', '') and "https://" not in html, "no external resources"
    assert "Content-Security-Policy" in html


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt install chromium)")
def test_script_in_article_does_not_run_in_headless_chromium(tmp_path: Path) -> None:
    page = _evil_digest(tmp_path)
    # Control: the same payload unescaped does run, so the check below can detect execution.
    control = tmp_path / "control.html"
    control.write_text(f"<!DOCTYPE html><html><body><p>x</p>{PAYLOAD}</body></html>")
    assert 'data-pwned="yes"' in _dump_dom(control, tmp_path / "profile1")

    dom = _dump_dom(page, tmp_path / "profile2")
    assert "The mayor resigned on Friday &lt;script&gt;" in dom, "the payload is shown as text"
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0], "script ran"
    assert 'data-pwned="yes"' not in dom
    # Escaping alone suffices: the page without its CSP is still safe.
    no_csp = tmp_path / "no_csp.html"
    no_csp.write_text("\n".join(ln for ln in page.read_text().splitlines() if "Content-Security-Policy" not in ln))
    assert 'data-pwned="yes"' not in _dump_dom(no_csp, tmp_path / "profile3")
