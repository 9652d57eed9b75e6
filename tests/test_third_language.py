"""Adding a language takes files, not code: a copy follows maintainers/translations.md ("Add a
language") for a third language and builds, with that language's pages under its own root,
its own search and sitemap, a place in the switcher and on the 404 page, and its catalog and
bank layers in a language pack for the browser's scorer. The copy's catalogs and layers are
the French ones relabelled, and only its home page is "translated": the others are served from
the English files, marked as English.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from harness import make_copy, run_mkdocs_build

CODE, NAME = "de", "Deutsch"
FROZEN = ("bank_v1", "bank_v2")


def add_language(copy: Path) -> None:
    """The steps of maintainers/translations.md, as a maintainer takes them, in ``copy``."""
    # 1. The catalogs, with the language's code and name.
    for folder in ("quiz/catalog", "quiz/build/catalog"):
        shutil.copytree(copy / folder / "fr", copy / folder / CODE)
    language = copy / "quiz" / "catalog" / CODE / "language.toml"
    text = language.read_text(encoding="utf-8")
    assert 'language = "fr"' in text
    assert 'name = "Français"' in text
    language.write_text(
        text.replace('language = "fr"', f'language = "{CODE}"').replace(
            'name = "Français"', f'name = "{NAME}"'
        ),
        encoding="utf-8",
    )
    # 2. The bank's layers, the frozen ones' digests recorded.
    published = copy / "quiz" / "published.toml"
    digests = published.read_text(encoding="utf-8")
    for bank in ("bank", *FROZEN):
        layer = (copy / "quiz" / f"{bank}.fr.toml").read_text(encoding="utf-8")
        layer = layer.replace('language = "fr"', f'language = "{CODE}"', 1)
        (copy / "quiz" / f"{bank}.{CODE}.toml").write_text(layer, encoding="utf-8")
        if bank in FROZEN:
            digest = hashlib.sha256(layer.encode("utf-8")).hexdigest()
            digests = digests.replace(
                "[frozen]\n", f'[frozen]\n"{bank}.{CODE}.toml" = "{digest}"\n'
            )
    published.write_text(digests, encoding="utf-8")
    # 3. A translated page: the home page only.
    shutil.copy(copy / "docs" / "index.fr.md", copy / "docs" / f"index.{CODE}.md")
    # 4. The language in the i18n plugin's languages.
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    french = "        - locale: fr\n"
    assert text.count(french) == 1
    entry = (
        f"        - locale: {CODE}\n          name: {NAME}\n          build: true\n"
        f"          theme:\n            language: {CODE}\n"
    )
    config.write_text(text.replace(french, entry + french), encoding="utf-8")


@pytest.fixture(scope="module")
def third(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site of a copy with a third language."""
    base = tmp_path_factory.mktemp("third-language")
    copy = make_copy(base / "copy")
    add_language(copy)
    proc = run_mkdocs_build(base / "site", copy)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return base / "site"


def test_a_third_language_builds_under_its_own_root_from_files_alone(third: Path) -> None:
    home = (third / CODE / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{CODE}"' in home
    assert f'<meta name="ex-language" content="{CODE}" data-prefix="{CODE}/">' in home
    switcher = re.findall(r'class="md-select__link"[^>]*>\s*([^<]+?)\s*<', home)
    assert re.findall(r'hreflang="(\w+)" class="md-select__link"', home) == ["en", CODE, "fr"]
    assert NAME in switcher
    index = json.loads((third / CODE / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == [CODE]
    assert all("location" in doc and not doc["location"].startswith("fr/") for doc in index["docs"])
    assert f"/{CODE}/" in (third / CODE / "sitemap.xml").read_text(encoding="utf-8")
    assert (third / CODE / "assets" / "steps.json").is_file()
    not_found = (third / "404.html").read_text(encoding="utf-8")
    assert f'<section lang="{CODE}" class="ex-not-found">' in not_found
    pack = zipfile.ZipFile(third / "pyodide" / f"ex_quiz-lang-{CODE}.zip").namelist()
    for bank in ("bank", *FROZEN):
        assert f"quiz/{bank}.{CODE}.toml" in pack
    assert f"quiz/catalog/{CODE}/language.toml" in pack


def test_a_page_not_translated_yet_is_served_in_english_marked_as_english(third: Path) -> None:
    """The level pages have no file in the new language: they are built from the English
    files at their place under its root, their text marked lang="en"; the home page, which
    has its own file, is not marked."""
    level = (third / CODE / "levels" / "level-1" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{CODE}"' in level
    assert '<div lang="en">' in level
    home = (third / CODE / "index.html").read_text(encoding="utf-8")
    assert '<div lang="en">' not in home
    french = (third / "fr" / "levels" / "level-1" / "index.html").read_text(encoding="utf-8")
    assert '<div lang="en">' not in french
