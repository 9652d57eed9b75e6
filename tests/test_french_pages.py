"""Every page of the French site (``fr/`` of the built site) is French: its ``<html lang>`` says
so, it carries the French page messages (the ``ex-messages`` block the browser code reads), and
neither the text a reader sees (text, titles, labels, descriptions) nor that block holds a
message of the English catalogs (``quiz/catalog/en/``, ``quiz/build/catalog/en/``).

A message counts when it is two words or more and reads differently in French: one word, or
words every language shares ("EX Maturity Playbook", "EX-CX"), would only find names. The
scoring page shows the validation organisations' and personas' own words, which are English
data on purpose, and the site's name: those are taken out of the text first."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from harness import ROOT
from quiz import load_bank
from quiz.build import (
    Organisation,
    Persona,
    in_language,
    load_organisations,
    load_personas,
    site,
)
from quiz.web import page_messages
from tests.french_support import BUILD_CATALOGS, CATALOGS, MARK, catalog_messages, strings

#: Attributes whose words a reader meets: read aloud, shown on hover, shown in a field.
SPOKEN = ("aria-label", "title", "placeholder", "alt")
#: Shortest message worth looking for, in characters (and two words at least).
SHORTEST = 10


class _Page(HTMLParser):
    """A built page's language, the words a reader meets, and its page messages."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.language: str | None = None
        self.words: list[str] = []
        self.messages: object = None
        self._skipped = 0  # inside <script> or <style>
        self._in_messages = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.language = found.get("lang")
        if tag == "meta" and found.get("name") == "description":
            self.words.append(found.get("content") or "")
        if tag in ("script", "style"):
            self._skipped += 1
            self._in_messages = found.get("id") == "ex-messages"
        self.words += [found[name] or "" for name in SPOKEN if found.get(name)]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skipped -= 1
            self._in_messages = False

    def handle_data(self, data: str) -> None:
        if self._in_messages:
            self.messages = json.loads(data)
        elif not self._skipped:
            self.words.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())


def read_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _message_pieces(language: str) -> Iterator[tuple[str, str]]:
    """Every message's fixed words between its marks, with its key, in both catalogs."""
    for folder in (CATALOGS, BUILD_CATALOGS):
        for part in sorted((folder / language).glob("*.toml")):
            if part.name == "language.toml":
                continue
            for key, value in catalog_messages(language, part.stem, folder).items():
                for form in [value] if isinstance(value, str) else value:
                    for piece in MARK.split(form):
                        yield " ".join(piece.split()), key


def english_messages() -> dict[str, str]:
    """The English messages' pieces worth looking for on a French page, each with its key."""
    french = " ".join(piece for piece, _ in _message_pieces("fr"))
    return {
        piece: key
        for piece, key in _message_pieces("en")
        if len(piece) >= SHORTEST and len(piece.split()) > 1 and piece not in french
    }


def english_data() -> list[str]:
    """Texts a French page shows in English on purpose, longest first."""
    with in_language("fr"):
        bank = load_bank()
    items: list[Persona | Organisation] = [
        *load_personas(ROOT / "validation" / "personas.toml", bank),
        *load_organisations(ROOT / "validation" / "organisations.toml", bank),
    ]
    texts = [site().name]
    for item in items:
        values = (getattr(item, field.name) for field in dataclasses.fields(item))
        texts += [" ".join(value.split()) for value in values if isinstance(value, str)]
    return sorted({text for text in texts if len(text) >= SHORTEST}, key=len, reverse=True)


def english_in(text: str, messages: dict[str, str]) -> list[str]:
    """The English messages found in ``text``, as whole words, each with its key."""
    return [
        f"{key}: {piece!r}"
        for piece, key in messages.items()
        if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text)
    ]


@pytest.fixture(scope="module")
def french_pages(site_dir: Path) -> dict[str, _Page]:
    pages = {
        path.relative_to(site_dir).as_posix(): read_page(path)
        for path in sorted((site_dir / "fr").rglob("*.html"))
    }
    assert "fr/index.html" in pages
    assert "fr/assessment/index.html" in pages
    return pages


def test_every_french_page_says_it_is_french(french_pages: dict[str, _Page]) -> None:
    assert {name: page.language for name, page in french_pages.items()} == dict.fromkeys(
        french_pages, "fr"
    )


def test_every_french_page_carries_the_french_page_messages(
    french_pages: dict[str, _Page],
) -> None:
    french, english = page_messages("fr"), english_messages()
    assert french != page_messages("en")
    for name, page in french_pages.items():
        assert page.messages == french, name
        assert english_in(" | ".join(strings(page.messages)), english) == [], name


def test_no_english_catalog_message_on_a_french_page(french_pages: dict[str, _Page]) -> None:
    english, data = english_messages(), english_data()
    assert "template.not_found_conversations" in english.values()  # the lookup finds names
    found: dict[str, list[str]] = {}
    for name, page in french_pages.items():
        text = page.text
        for kept in data:
            text = text.replace(kept, " ")
        if hits := english_in(text, english):
            found[name] = hits
    assert found == {}
