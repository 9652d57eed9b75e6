"""The sentences pages show without the scorer (quiz.web.page_messages): every one the
browser code asks for exists, every one is asked for, and each page carries them all as a data
block that runs nothing (hooks/page_messages.py, overrides/main.html)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from quiz.web import languages, page_messages

SCRIPTS = Path(__file__).resolve().parents[1] / "docs" / "javascripts"
CALL = re.compile(r'\b(?:message|messageNodes|sentence)\(\s*"([a-z_]+)"')
#: A sentence with a count: written twice, NAME_one and NAME_other (shared/messages.mjs).
COUNTED = re.compile(r'\b(?:counted|countedNodes)\(\s*"([a-z_]+)"')
LITERAL = re.compile(r"""["`]([a-z]+_[a-z_]*)(\$\{|["`])""")
BLOCK = re.compile(r'<script type="application/json" id="ex-messages">(.*?)</script>', re.S)
HTML_LANG = re.compile(r'<html\b[^>]*\blang="([^"]+)"')


def browser_code() -> str:
    return "\n".join(script.read_text(encoding="utf-8") for script in SCRIPTS.rglob("*.mjs"))


def test_every_sentence_the_pages_ask_for_is_written_and_every_one_is_used() -> None:
    code = browser_code()
    asked = set(CALL.findall(code))
    asked |= {f"{name}_{form}" for name in COUNTED.findall(code) for form in ("one", "other")}
    assert asked
    assert asked <= set(page_messages())
    named = set(asked)
    for text, end in LITERAL.findall(code):
        # `reason_${problem}` stands for every sentence whose name starts so.
        named |= {key for key in page_messages() if key.startswith(text)} if end == "${" else {text}
    assert set(page_messages()) <= named


def test_each_sentence_is_one_line_of_plain_text_with_named_places() -> None:
    for name, text in page_messages().items():
        assert text == " ".join(text.split()), name
        assert "<" not in text, name
        assert not re.search(r"\{(?![a-z]+\})", text), name


def page_language(site_dir: Path, page: Path) -> str:
    """The language a built page is in by its path: a page under ``fr/`` is French, any other
    is in the site's first language."""
    folder = page.relative_to(site_dir).parts[0]
    return folder if folder in languages()[1:] else languages()[0]


def test_every_page_carries_the_sentences_as_a_data_block(site_dir: Path) -> None:
    """In the page's own language: the one its path says (``fr`` for the pages under fr/), which
    its ``<html lang>`` declares too."""
    written_in = set()
    for page in [*site_dir.rglob("index.html"), site_dir / "404.html"]:
        html = page.read_text(encoding="utf-8")
        language = page_language(site_dir, page)
        declared, found = HTML_LANG.search(html), BLOCK.search(html)
        assert declared, page
        assert declared[1] == language, page
        assert found, page
        assert json.loads(found.group(1)) == page_messages(language), page
        written_in.add(language)
    assert len(written_in) > 1  # the French pages were among them
    assert page_messages("fr") != page_messages("en")
