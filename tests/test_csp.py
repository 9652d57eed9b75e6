"""Every built page carries a strict Content Security Policy (hooks/csp.py).

The browser tests check that nothing on the site breaks it (a violation is a console error on
every watched page); these check the policy itself, in the built HTML.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from quiz import load_bank
from quiz.build import page_language, source_page
from tests.test_languages_build import site_languages

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


def pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def directives(html: str) -> dict[str, list[str]]:
    match = META.search(html)
    assert match, "no Content-Security-Policy meta element"
    parsed = {}
    for part in match.group(1).split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


DOCS = Path(__file__).resolve().parents[1] / "docs"


def python_pages(site_dir: Path) -> set[Path]:
    """The pages that run the scorer, in every language the site is built in: those marked
    ``assessment: true`` in their front matter (the assessment, team and progress pages, and
    their translations), and each level page (result links)."""
    levels = {
        site_dir / prefix / level.page.removesuffix(".md") / "index.html"
        for level in load_bank().levels
        for prefix in site_languages().values()
    }
    marked = {
        site_dir
        / f"{page_language(uri) or ''}"
        / source_page(uri).removesuffix(".md").removesuffix("index")
        / "index.html"
        for path in DOCS.rglob("*.md")
        if re.search(r"^assessment: true\b", path.read_text("utf-8"), re.M)
        for uri in [path.relative_to(DOCS).as_posix()]
    }
    return {*marked, *levels}


def test_the_scorer_runs_on_the_same_pages_in_every_language(site_dir: Path) -> None:
    prefixes = site_languages().values()
    runs = {page.relative_to(site_dir).as_posix() for page in python_pages(site_dir)}
    default = {page for page in runs if not page.startswith(tuple(p for p in prefixes if p))}
    assert runs == {f"{prefix}{page}" for page in default for prefix in prefixes}


def test_every_page_has_the_policy_first_in_its_head(site_dir: Path) -> None:
    for page in pages(site_dir):
        html = page.read_text("utf-8")
        head = html[html.index("<head>") : html.index("</head>")]
        first_script = head.find("<script")
        assert (
            0
            < head.find("Content-Security-Policy")
            < (first_script if first_script > 0 else len(head))
        ), page


def test_the_policy_is_strict(site_dir: Path) -> None:
    for page in pages(site_dir):
        policy = directives(page.read_text("utf-8"))
        assert policy["default-src"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        for name in ("connect-src", "worker-src", "font-src"):
            assert policy[name] == ["'self'"], (page, name)
        assert policy["img-src"] == ["'self'", "data:"]
        scripts = policy["script-src"]
        assert scripts[0] == "'self'"
        assert not {"'unsafe-inline'", "'unsafe-eval'", "data:", "blob:", "*"} & set(scripts)
        assert "frame-ancestors" not in policy  # ignored in a <meta> policy: see the guide


def test_inline_scripts_are_allowed_by_their_exact_hashes(site_dir: Path) -> None:
    for page in pages(site_dir):
        html = page.read_text("utf-8")
        allowed = {s for s in directives(html)["script-src"] if s.startswith("'sha256-")}
        needed = set()
        for match in INLINE_SCRIPT.finditer(html):
            if "src=" in match.group("attrs") or "application/json" in match.group("attrs"):
                continue
            digest = hashlib.sha256(match.group("body").encode()).digest()
            needed.add(f"'sha256-{base64.b64encode(digest).decode()}'")
        assert allowed == needed, page


def test_wasm_only_where_the_scorer_runs(site_dir: Path) -> None:
    runs = python_pages(site_dir)
    assert all(page.is_file() for page in runs)
    for page in pages(site_dir):
        scripts = directives(page.read_text("utf-8"))["script-src"]
        assert ("'wasm-unsafe-eval'" in scripts) == (page in runs), page


@pytest.mark.parametrize("pattern", [r"<[a-zA-Z][^>]*\sstyle\s*=", r"<style[\s>]", r"\son[a-z]+="])
def test_no_inline_style_or_event_handler_in_the_built_html(site_dir: Path, pattern: str) -> None:
    offenders = [
        str(page.relative_to(site_dir))
        for page in pages(site_dir)
        if re.search(pattern, page.read_text("utf-8"))
    ]
    assert offenders == []


def test_the_assessment_questions_are_not_in_a_form(site_dir: Path) -> None:
    html = (site_dir / "assessment" / "index.html").read_text("utf-8")
    assert 'id="ex-assessment"' in html
    assert '<form id="ex-assessment"' not in html
    assert html.index('class="ex-noscript"') < html.index('class="ex-question"')
    assert 'type="submit"' not in html[html.index('id="ex-assessment"') :]
