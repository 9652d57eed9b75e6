"""MkDocs hook: the site's languages: Material's switcher, and where each language's files go.

The i18n plugin (``mkdocs.yml``) builds each language: English at the site's root, French under
``fr/``. Material shows a language switcher when ``extra.alternate`` lists the languages; the
plugin could fill it with links to the same page in each language, but instant navigation
keeps the header (and the switcher) of the first page, so this hook lists each language's
home, at the path site.json gives the site (a copy served elsewhere gets its own links, never
the playbook's), and the browser points them at the current page in each language
(docs/javascripts/pages/language-switch.mjs).

Before each language's build it also tells the templates and the other hooks which language is
being built and where its files go (``config.extra.language``: its code, and the prefix of its
pages, ``""`` or ``"fr/"``): the pages carry both in ``<meta name="ex-language">`` for the
browser code, which finds the language's pages and steps there. The 404 page is written once,
by the default language's build, at the root where hosts look for it, in every language.

Each language is also its own root for Material (see below): on a page under a prefix,
Material's ``__config`` base points at the language's root; once every language is built, the
search index the i18n plugin wrote for all of them is split into one per language, and each
language under a prefix gets its own ``sitemap.xml``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2.utils import htmlsafe_json_dumps
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from quiz.build import build_context, build_language, in_language, messages, text
from quiz.build import languages as catalog_languages


def alternates(site_path: str, languages: list[Any]) -> list[dict[str, str]]:
    """``extra.alternate`` for the i18n plugin's ``languages``: the default one at the site's
    path, every other one under its code."""
    links = []
    for language in languages:
        code = str(language["locale"])
        path = site_path if language.get("default") else f"{site_path}{code}/"
        links.append({"name": str(language["name"]), "link": path, "lang": code})
    return links


NOT_FOUND = "404.html"


def _languages(config: MkDocsConfig) -> list[Any]:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return []
    return [language for language in plugin.config["languages"] if language["build"]]


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Say which language this build writes, and where its files go."""
    code = build_language(config)
    default = next((str(lang["locale"]) for lang in _languages(config) if lang["default"]), code)
    config.extra["language"] = {"code": code, "prefix": "" if code == default else f"{code}/"}
    templates = config.theme.static_templates
    if code == default:
        templates.add(NOT_FOUND)
    else:
        templates.discard(NOT_FOUND)
    config.extra["not_found"] = not_found_versions(_prefixes(config) or {code: ""})


def not_found_versions(prefixes: dict[str, str]) -> list[dict[str, Any]]:
    """The 404 page's words in every language, the default one first: hosts such as GitHub
    Pages serve the one 404 page at the site's root for every unknown address, French ones
    included, so it says its few sentences in each language, each with links to that
    language's pages (overrides/404.html)."""
    return [
        {"code": code, "prefix": prefix, "text": messages("template.", code)}
        for code, prefix in sorted(prefixes.items(), key=lambda item: item[1] != "")
    ]


def uncatalogued(built: list[str], catalogued: tuple[str, ...]) -> str | None:
    """Why the build cannot go on when a language it is asked to build has no catalog, or
    None: every sentence the scorer, the build and the browser write comes from one."""
    missing = [code for code in built if code not in catalogued]
    if not missing:
        return None
    return (
        f"mkdocs.yml builds the site in {', '.join(missing)}, which has no catalog: add"
        f" quiz/catalog/{missing[0]}/ and quiz/build/catalog/{missing[0]}/ (copies of the"
        " English folders, translated: maintainers/translations.md, 'Add a language'), or set"
        " build: false for it under the i18n plugin's languages."
    )


# The colour-scheme switch of each palette: it names the scheme it switches to.
TOGGLES = {"default": "site.to_dark", "slate": "site.to_light"}


def site_words(config: MkDocsConfig) -> None:
    """The words around the pages, in the language being built, from its catalog
    (``quiz/build/catalog/<code>/site.toml``): the description, the footer's notice and the
    colour-scheme switch."""
    config.site_description = text("site.description")
    config.copyright = text("site.copyright")
    for palette in config.theme.get("palette") or []:
        key = TOGGLES.get(str(palette.get("scheme")))
        if key and isinstance(palette.get("toggle"), dict):
            palette["toggle"]["name"] = text(key)


@event_priority(-110)  # after the i18n plugin has set up the language being built (-100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """List the languages the site is built in, for Material's switcher; stop if one of them
    has no catalog; set the words around the pages in the language being built."""
    languages = _languages(config)
    problem = uncatalogued([str(lang["locale"]) for lang in languages], catalog_languages())
    if problem:
        raise PluginError(problem)
    if languages:
        config.extra["alternate"] = alternates(build_context(config).site.path, languages)
    with in_language(build_language(config)):
        site_words(config)
    return config


def nav_titles(language: str) -> dict[str, str]:
    """Each navigation title as mkdocs.yml writes it (the first catalog's message, English)
    -> the same message in ``language``."""
    english, translated = messages("nav.", catalog_languages()[0]), messages("nav.", language)
    return {title: translated[key] for key, title in english.items()}


def translate_nav(items: list[Any], titles: dict[str, str]) -> None:
    """Give every title the navigation sets (sections, pages named in mkdocs.yml) in the
    language being built; a title the catalog does not have stops the build."""
    for item in items:
        # A page the nav names has its title already (the others get theirs from their heading).
        title = getattr(item, "title", None)
        if title is not None:
            if title not in titles:
                raise PluginError(
                    f"mkdocs.yml's nav has the title {title!r}, which no message of"
                    " quiz/build/catalog/en/site.toml has: add it there as a nav. message"
                    " with the same text, and its translation to every other catalog's"
                    " site.toml."
                )
            item.title = titles[title]
        translate_nav(getattr(item, "children", None) or [], titles)


@event_priority(-110)  # after the i18n plugin has made the language's navigation (-100)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """The navigation's titles in the language being built."""
    translate_nav(nav.items, nav_titles(build_language(config)))
    return nav


# Each language is its own root for Material --------------------------------------------------
#
# Material finds the search index and the sitemap at ``__config.base`` (the page's way back to
# its site's root), and its language switcher maps a page to the same page in another language
# by taking that base off the page's address. So on the pages of a language under a prefix the
# base points at that language's root (``fr/``), which holds its own search index (its pages
# only, searched with its own stemmer) and its own sitemap. ``__md_scope`` (where Material keeps
# the reader's settings) stays the site's root, so both languages share them.

CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S
)
SEARCH_INDEX = "search/search_index.json"
SITEMAP = "sitemap.xml"
SITEMAP_URL = re.compile(r"<url>.*?</url>\s*", re.S)
SITEMAP_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


def language_base(html: str, prefix: str) -> str:
    """``html`` with Material's ``__config`` base pointed at the root of the language whose
    pages are under ``prefix`` (``fr/``): ``../..`` becomes ``../../fr/``."""
    found = CONFIG_SCRIPT.search(html)
    if not prefix or not found:
        return html
    config = json.loads(found.group(2))
    config["base"] = f"{str(config['base']).rstrip('/')}/{prefix}"
    # Written as Material's template writes it (Jinja's ``tojson``: sorted keys, HTML-safe).
    body = str(htmlsafe_json_dumps(config, sort_keys=True))
    return html[: found.start(2)] + body + html[found.end(2) :]


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A page not translated yet is built from the default language's file (the i18n
    plugin's ``fallback_to_default``): its text says which language it is in, so that screen
    readers and hyphenation follow it rather than the language of the pages around it."""
    language: dict[str, str] = config.extra.get("language") or {}
    written_in = getattr(page.file, "locale", None)
    if written_in and language.get("code") and written_in != language["code"]:
        return f'<div lang="{written_in}">{html}</div>'
    return html


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """A page of a language under a prefix: Material's base is that language's root."""
    language: dict[str, str] = config.extra.get("language") or {}
    return language_base(output, language.get("prefix", ""))


def _prefixes(config: MkDocsConfig) -> dict[str, str]:
    """Each language the site is built in (its code) and the prefix of its pages."""
    return {
        str(lang["locale"]): "" if lang["default"] else f"{lang['locale']}/"
        for lang in _languages(config)
    }


def split_search_index(site_dir: Path, prefixes: dict[str, str]) -> None:
    """Split the search index the i18n plugin wrote for every language (at the site's root)
    into one per language, at each language's root, holding its pages with addresses from
    there, and searched in that language only (``lang``)."""
    path = site_dir / SEARCH_INDEX
    combined = json.loads(path.read_text(encoding="utf-8"))
    searched = list(combined["config"]["lang"])
    docs: dict[str, list[dict[str, Any]]] = {code: [] for code in prefixes}
    # A page's language is the one with the longest prefix its address starts with.
    by_prefix = sorted(prefixes.items(), key=lambda item: -len(item[1]))
    for doc in combined["docs"]:
        code, prefix = next(item for item in by_prefix if doc["location"].startswith(item[1]))
        docs[code].append({**doc, "location": doc["location"].removeprefix(prefix)})
    for code, prefix in prefixes.items():
        lang = [code] if code in searched else searched[:1]  # lunr has no stemmer for every one
        index = {**combined, "config": {**combined["config"], "lang": lang}, "docs": docs[code]}
        target = site_dir / prefix / SEARCH_INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


def write_language_sitemaps(site_dir: Path, site_url: str, prefixes: dict[str, str]) -> None:
    """Each language's sitemap, at its root, lists its own pages (each with its alternates in
    the other languages), taken from the one the i18n plugin wrote for every language.
    Material's instant navigation only follows the links its sitemap lists: a link into another
    language is then a full page load, so that page starts with its own language's settings
    (Material's ``__config``, read once per load: search index, base), and its language
    switcher looks pages up there. Search engines find each language's pages through the
    alternates."""
    sitemap = (site_dir / SITEMAP).read_text(encoding="utf-8")
    entries = list(SITEMAP_URL.finditer(sitemap))
    if not entries:
        return
    head, tail = sitemap[: entries[0].start()], sitemap[entries[-1].end() :]
    site_path = urlsplit(site_url or "/").path.rstrip("/") + "/"
    # A page's language is the one with the longest prefix its address starts with.
    by_prefix = sorted(prefixes.values(), key=len, reverse=True)
    own: dict[str, list[str]] = {prefix: [] for prefix in prefixes.values()}
    for entry in entries:
        loc = SITEMAP_LOC.search(entry.group(0))
        path = urlsplit(loc.group(1)).path if loc else ""
        prefix = next((p for p in by_prefix if path.startswith(site_path + p)), "")
        own[prefix].append(entry.group(0))
    for prefix, listed in own.items():
        (site_dir / prefix / SITEMAP).write_text(head + "".join(listed) + tail, encoding="utf-8")


@event_priority(-110)  # after the i18n plugin (-100) has built every language
def on_post_build(*, config: MkDocsConfig) -> None:
    """Once every language is built (not in the i18n plugin's build of each other language):
    each language's search index and sitemap at its root."""
    plugin = config.plugins.get("i18n")
    if plugin is None or getattr(plugin, "building", False):
        return
    prefixes = _prefixes(config)
    if len(prefixes) < 2:
        return
    site_dir = Path(config.site_dir)
    split_search_index(site_dir, prefixes)
    write_language_sitemaps(site_dir, config.site_url or "", prefixes)
