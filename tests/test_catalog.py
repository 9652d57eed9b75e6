"""One catalog per language for the sentences readers see (quiz/catalog/<language>/): every
catalog has the English one's keys and marks, the build stops naming the file and the key when
one does not, and a page's sentences come in the site's language."""

from __future__ import annotations

import importlib.resources
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness import ROOT, copy_environment, make_copy
from quiz.build import catalog_problems, languages
from quiz.errors import DAMAGED, BankError
from quiz.web import page_messages

CATALOGS = ROOT / "quiz" / "catalog"
MARK = re.compile(r"\{([a-z_]+)\}")


def test_every_catalog_has_every_english_message_with_the_same_marks() -> None:
    assert languages()[0] == "en"
    assert "fr" in languages()
    assert catalog_problems() == []


def test_the_french_page_sentences_are_french_and_keep_every_mark() -> None:
    english, french = page_messages("en"), page_messages("fr")
    assert set(french) == set(english)
    for key, text in english.items():
        if re.search(r"[A-Za-z]", MARK.sub("", text)):  # "{area} ({level})" reads the same
            assert french[key] != text, key
        assert set(MARK.findall(french[key])) == set(MARK.findall(text)), key
    assert page_messages() == english  # English unless a language is asked for


def test_the_english_sentences_of_unreadable_links_come_from_the_catalog() -> None:
    english = (CATALOGS / "en" / "links.toml").read_text(encoding="utf-8")
    assert f'"code.damaged" = "{DAMAGED}"' in english


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the package's data with its own catalogs, read instead of the package's."""
    shutil.copytree(CATALOGS, tmp_path / "catalog")
    monkeypatch.setattr(importlib.resources, "files", lambda _package: tmp_path)
    return tmp_path / "catalog"


def plant(folder: Path, old: str, new: str) -> list[str]:
    french = folder / "fr" / "links.toml"
    text = french.read_text(encoding="utf-8")
    assert old in text
    french.write_text(text.replace(old, new, 1), encoding="utf-8")
    return catalog_problems()


def test_a_missing_message_is_named_with_the_file_and_the_english(planted: Path) -> None:
    problems = plant(planted, '"page.reason_offline" = ', '"page.reason_offlin" = ')
    assert "quiz/catalog/fr/links.toml: message 'page.reason_offline' is missing" in problems[0]
    assert "(English: 'this browser is offline')" in problems[0]
    assert problems[1] == (
        "quiz/catalog/fr/links.toml: message 'page.reason_offlin' is not in the English catalog:"
        " remove it"
    )


def test_a_message_that_loses_a_mark_is_named(planted: Path) -> None:
    problems = plant(planted, "plus de {seconds} secondes", "plus de trente secondes")
    assert problems == [
        "quiz/catalog/fr/links.toml: message 'page.reason_slow' must hold the marks ['seconds'],"
        " it holds []"
    ]


def test_a_plural_needs_as_many_forms_as_the_language_tells_apart(planted: Path) -> None:
    for name, forms in (("en", '["{count} step", "{count} steps"]'), ("fr", '["{count} étape"]')):
        with (planted / name / "links.toml").open("a", encoding="utf-8") as out:
            out.write(f'"plan.steps" = {forms}\n')
    assert catalog_problems() == [
        "quiz/catalog/fr/links.toml: message 'plan.steps' needs 2 plural forms, it has 1"
    ]


def test_a_message_in_two_files_of_one_catalog_is_refused(planted: Path) -> None:
    (planted / "en" / "more.toml").write_text(
        '[messages]\n"page.reason_offline" = "twice"\n', encoding="utf-8"
    )
    twice = "is also in quiz/catalog/en/links.toml: keep one"
    with pytest.raises(BankError, match=re.escape(twice)):
        catalog_problems()


def build_copy(copy: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Build ``copy`` as its maintainer would, into ``site_dir``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=copy,
        env={**copy_environment(copy), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_build_stops_on_a_catalog_missing_a_message(tmp_path: Path) -> None:
    """A real build of a copy whose French catalog lost a message: it stops at once, naming
    the file and the key."""
    copy = make_copy(tmp_path / "copy")
    french = copy / "quiz" / "catalog" / "fr" / "links.toml"
    lines = french.read_text(encoding="utf-8").splitlines(keepends=True)
    french.write_text(
        "".join(line for line in lines if not line.startswith('"page.answers_elsewhere"')),
        encoding="utf-8",
    )
    proc = build_copy(copy, tmp_path / "site")
    assert proc.returncode != 0
    assert "quiz/catalog/fr/links.toml: message 'page.answers_elsewhere' is missing" in proc.stderr


def test_the_build_stops_on_a_language_without_a_catalog(tmp_path: Path) -> None:
    """A copy's mkdocs.yml asks for a third language before its catalog exists: the build
    stops at once, saying which folders to add (or how to leave that language out)."""
    copy = make_copy(tmp_path / "copy")
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    french = "        - locale: fr\n"
    assert french in text
    german = "        - locale: de\n          name: Deutsch\n          build: true\n"
    config.write_text(text.replace(french, german + french), encoding="utf-8")
    proc = build_copy(copy, tmp_path / "site")
    assert proc.returncode != 0
    assert "mkdocs.yml builds the site in de, which has no catalog" in proc.stderr
    assert "quiz/catalog/de/ and quiz/build/catalog/de/" in proc.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_build_stops_on_a_navigation_title_without_a_message(tmp_path: Path) -> None:
    """A title added to mkdocs.yml's nav without its message in site.toml: the build stops,
    naming the title and the file, instead of showing it untranslated on the French pages."""
    copy = make_copy(tmp_path / "copy")
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - Sources: sources.md\n" in text
    config.write_text(text.replace("  - Sources: sources.md\n", "  - Where from: sources.md\n"))
    proc = build_copy(copy, tmp_path / "site")
    assert proc.returncode != 0
    assert "mkdocs.yml's nav has the title 'Where from'" in proc.stderr
    assert "quiz/build/catalog/en/site.toml" in proc.stderr
