"""Each language of the built site is its own root for Material (hooks/languages.py): its own
search index, its own sitemap, and Material's base at its root on its pages, while the reader's
settings (``__md_scope``) stay shared at the site's root; and every page says its language.

The languages come from ``mkdocs.yml`` (the i18n plugin's), the default one at the site's root
and each other one under its code; the other tests that cover every language take them from
:func:`site_languages`.
"""

from __future__ import annotations

import html
import json
import re
import tomllib
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from quiz.build import messages, site

ROOT = Path(__file__).resolve().parents[1]
CONFIG_SCRIPT = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
MD_SCOPE = re.compile(r'__md_scope=new URL\("([^"]*)",location\)')
SITEMAP_URL = re.compile(r"<url>(.*?)</url>", re.S)
SITEMAP_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")
SITEMAP_ALTERNATE = re.compile(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"')


def mkdocs_config() -> dict[str, object]:
    config: dict[str, object] = yaml.load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
    )
    return config


def plugin_config(name: str) -> dict[str, object]:
    plugins = mkdocs_config()["plugins"]
    assert isinstance(plugins, list)
    found: dict[str, object] = next(p[name] for p in plugins if isinstance(p, dict) and name in p)
    return found


def site_languages() -> dict[str, str]:
    """Each language the site is built in (its code), with the prefix of its pages: ``""``
    for the default language, ``"fr/"`` for French."""
    languages = plugin_config("i18n")["languages"]
    assert isinstance(languages, list)
    return {
        lang["locale"]: "" if lang.get("default") == "true" else f"{lang['locale']}/"
        for lang in languages
        if lang.get("build", "true") == "true"
    }


def language_pages(site_dir: Path, prefix: str) -> dict[str, Path]:
    """The pages of the language whose pages are under ``prefix``, by their address from
    that language's root (``levels/level-1/``, ``""`` for its home)."""
    others = tuple(other for other in site_languages().values() if other and other != prefix)
    pages = {}
    for page in (site_dir / prefix).rglob("index.html"):
        address = page.parent.relative_to(site_dir / prefix).as_posix() + "/"
        if not address.startswith(others):
            pages["" if address == "./" else address] = page
    return pages


def test_the_site_is_built_in_english_at_its_root_and_in_french_under_fr() -> None:
    assert site_languages() == {"en": "", "fr": "fr/"}


def test_each_language_searches_its_own_pages_only(site_dir: Path) -> None:
    search = plugin_config("search")
    for code, prefix in site_languages().items():
        pages = language_pages(site_dir, prefix)
        index = json.loads((site_dir / prefix / "search" / "search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == [code]
        assert index["config"]["separator"] == search["separator"]
        assert index["config"]["pipeline"] == ["stopWordFilter"]
        found = {doc["location"] for doc in index["docs"] if "#" not in doc["location"]}
        assert found == set(pages), code
        for doc in index["docs"]:
            address, _, anchor = doc["location"].partition("#")
            html = pages[address].read_text("utf-8")
            assert f'<html lang="{code}"' in html, doc["location"]
            assert not anchor or f'id="{anchor}"' in html, (code, doc["location"])


def test_materials_base_is_each_languages_root_and_its_storage_the_sites(site_dir: Path) -> None:
    for prefix in site_languages().values():
        for address, page in language_pages(site_dir, prefix).items():
            html, url = page.read_text("utf-8"), f"/{prefix}{address}"
            config_script = CONFIG_SCRIPT.search(html)
            scope = MD_SCOPE.search(html)
            assert config_script, url
            assert scope, url
            assert urljoin(url, json.loads(config_script[1])["base"]) == f"/{prefix}", url
            assert urljoin(url, scope[1]) == "/", url


def sitemap_entries(xml: str) -> dict[str, dict[str, str]]:
    """A sitemap's pages (the path of each ``<loc>``) and their alternates (language ->
    path): paths only, as serving the site rewrites its sitemaps' origin."""
    entries = {}
    for url in SITEMAP_URL.findall(xml):
        loc = SITEMAP_LOC.search(url)
        assert loc, url
        alternates = {lang: urlsplit(href).path for lang, href in SITEMAP_ALTERNATE.findall(url)}
        entries[urlsplit(loc[1]).path] = alternates
    return entries


def test_each_language_has_a_sitemap_of_its_own_pages_with_their_alternates(
    site_dir: Path,
) -> None:
    """Each language's sitemap lists its pages only (Material's instant navigation follows only
    the links it lists, so going to another language loads that page afresh, with its own
    search and base), and each page's alternates name its page in every language."""
    path, languages = site().path, site_languages()
    listed = {
        code: sitemap_entries((site_dir / prefix / "sitemap.xml").read_text("utf-8"))
        for code, prefix in languages.items()
    }
    for code, prefix in languages.items():
        own = listed[code]
        assert set(own) == {
            f"{path}{prefix}{address}" for address in language_pages(site_dir, prefix)
        }
        for loc, alternates in own.items():
            assert set(alternates) == set(languages), loc
            assert alternates[code] == loc
            for other, page in alternates.items():
                assert listed[other][page] == alternates, (loc, other)


def test_every_page_says_its_language_and_links_each_languages_home(site_dir: Path) -> None:
    homes = {code: f"{site().path}{prefix}" for code, prefix in site_languages().items()}
    for code, prefix in site_languages().items():
        for address, page in language_pages(site_dir, prefix).items():
            html = page.read_text("utf-8")
            assert f'<html lang="{code}"' in html, page
            assert f'<meta name="ex-language" content="{code}" data-prefix="{prefix}">' in html
            locale = re.search(r'<meta property="og:locale" content="([^"]+)">', html)
            assert locale, page
            assert locale[1].split("_")[0] == code, page
            if code == "fr":
                assert locale[1] == "fr_FR", page
            found = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html)
            assert {lang: href for href, lang in found} == homes, f"/{prefix}{address}"


def test_each_language_shares_its_pages_with_a_card_of_its_own(site_dir: Path) -> None:
    """Link previews show the card in the page's language: each language's pages name the
    card at that language's root (scripts/social_card.py draws one per catalog), and the
    cards differ."""
    cards = {}
    for code, prefix in site_languages().items():
        card = f"{site().url}{prefix}assets/social-card.png"
        for address, page in language_pages(site_dir, prefix).items():
            image = re.search(
                r'<meta property="og:image" content="([^"]+)">', page.read_text("utf-8")
            )
            assert image, address
            assert image[1] == card, address
        cards[code] = (site_dir / prefix / "assets" / "social-card.png").read_bytes()
    assert len(set(cards.values())) == len(cards)


def test_the_words_around_each_languages_pages_come_from_its_catalog(site_dir: Path) -> None:
    """Navigation titles, the footer's notice and the colour-scheme switch are in the page's
    language (quiz/build/catalog/<code>/site.toml): no French page shows the English ones."""
    english = messages("nav.", "en") | messages("site.", "en")
    for code, prefix in site_languages().items():
        words = messages("nav.", code) | messages("site.", code)
        for address, page in language_pages(site_dir, prefix).items():
            html = page.read_text("utf-8")
            assert words["to_dark"] in html, address
            assert words["copyright"] in html, address
            for key in ("levels", "assessment", "templates", "progress"):
                assert f">{words[key]}<" in html.replace("\n", "").replace("  ", ""), (address, key)
                if words[key] != english[key]:
                    assert f">{english[key]}<" not in html, (address, key)


def test_english_evidence_on_a_page_in_another_language_is_marked_english(
    site_dir: Path,
) -> None:
    """The validation personas are quoted in English on every language's "How scoring works":
    on a French page each name is marked lang="en", so a screen reader says it in English."""
    personas = tomllib.loads((ROOT / "validation" / "personas.toml").read_text("utf-8"))
    names = [html.escape(str(persona["name"]), quote=False) for persona in personas["personas"]]
    assert names
    for code, prefix in site_languages().items():
        page = (site_dir / prefix / "assessment" / "how-scoring-works" / "index.html").read_text(
            "utf-8"
        )
        for name in names:
            marked = f'<span lang="en">{name}</span>' in page
            assert marked == (code != "en"), (code, name)
            assert name in page, (code, name)


def test_the_one_404_page_helps_in_every_language_with_links_to_its_pages(
    site_dir: Path,
) -> None:
    """Hosts serve the root's 404 page for every unknown address, French ones included: it
    has a part in each language (marked with its language, but for the page's own), whose
    links lead to that language's pages."""
    page = (site_dir / "404.html").read_text("utf-8")
    assert not list(site_dir.glob("*/404.html"))
    sections = re.findall(
        r"<section( lang=\"(\w+)\")? class=\"ex-not-found\">(.*?)</section>", page, re.S
    )
    assert [lang or "en" for _, lang, _ in sections] == list(site_languages())
    for (_, _, section), (code, prefix) in zip(sections, site_languages().items(), strict=True):
        words = messages("template.", code)
        assert html.escape(words["not_found_title"], quote=False) in section, code
        links = re.findall(r'<a href="([^"]+)">', section)
        assert links, code
        for link in links:
            assert urlsplit(link).path.startswith(f"{site().path}{prefix}"), (code, link)
            others = [p for p in site_languages().values() if p and p != prefix]
            assert not any(urlsplit(link).path.startswith(f"{site().path}{p}") for p in others)
