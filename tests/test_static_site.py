"""The built site is self-contained: relative internal links that resolve, no third-party assets.

Every language's pages are checked (French under ``fr/``). The one exception to relative links
is the language switcher (``extra.alternate``, hooks/languages.py): its links are each
language's home at the site's own path (site.json), by design; a copy served elsewhere gets its
own from its site.json. They are allowed exactly: one per language, at that address, leading
to that language's home.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from quiz.build import site
from tests.test_languages_build import site_languages

ASSET_ATTRS = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.switcher: dict[str, str] = {}  # the language switcher's links, by language
        self.assets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "href" in values:
            if "md-select__link" in values.get("class", "").split() and "hreflang" in values:
                self.switcher[values["hreflang"]] = values["href"]
            else:
                self.links.append(values["href"])
        for t, attr in ASSET_ATTRS:
            if tag == t and attr in values:
                if tag == "link" and values.get("rel") in {"canonical", "alternate"}:
                    continue
                self.assets.append(values[attr])


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html") if p.name != "404.html")


def switcher_links() -> dict[str, str]:
    """The language switcher's links every page carries: each language's home, at the
    site's own path."""
    return {code: site().path + prefix for code, prefix in site_languages().items()}


def resolve(site_dir: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file a relative link from ``page`` points to, and its fragment."""
    page_url = "/" + str(page.relative_to(site_dir)).replace("\\", "/")
    target = urlsplit(urljoin(page_url, href))
    path = site_dir / unquote(target.path).lstrip("/")
    if path.is_dir() or target.path.endswith("/"):
        path = path / "index.html"
    return path, target.fragment


def test_no_page_loads_an_asset_from_another_host(site_dir: Path) -> None:
    offenders = [
        f"{page.relative_to(site_dir)}: {url}"
        for page in [*html_pages(site_dir), site_dir / "404.html"]
        for url in parse(page).assets
        if urlsplit(url).scheme in {"http", "https"} or url.startswith("//")
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "needle", ["fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net"]
)
def test_built_html_and_css_never_mention_a_cdn(site_dir: Path, needle: str) -> None:
    files = [*site_dir.rglob("*.html"), *site_dir.rglob("*.css")]
    assert [str(f.relative_to(site_dir)) for f in files if needle in f.read_text("utf-8")] == []


def test_every_internal_link_and_anchor_resolves(site_dir: Path) -> None:
    broken: list[str] = []
    ids: dict[Path, set[str]] = {}
    for page in html_pages(site_dir):
        for href in parse(page).links:
            if urlsplit(href).scheme or href.startswith(("//", "mailto:", "javascript:")):
                continue
            target, fragment = resolve(site_dir, page, href)
            if not target.is_file():
                broken.append(f"{page.relative_to(site_dir)} -> {href}: no such page")
                continue
            if fragment:
                if target not in ids:
                    ids[target] = parse(target).ids
                if fragment not in ids[target]:
                    broken.append(f"{page.relative_to(site_dir)} -> {href}: no such anchor")
    assert broken == []


def test_the_language_switcher_leads_to_each_languages_home(site_dir: Path) -> None:
    for code, href in switcher_links().items():
        home = site_dir / href.removeprefix(site().path) / "index.html"
        assert f'<html lang="{code}"' in home.read_text("utf-8"), href


def test_internal_links_are_relative_so_the_site_works_under_a_sub_path(site_dir: Path) -> None:
    absolute: list[str] = []
    other_switchers: dict[str, dict[str, str]] = {}
    for page in html_pages(site_dir):
        collector, name = parse(page), str(page.relative_to(site_dir))
        absolute += [
            f"{name}: {url}"
            for url in collector.links + collector.assets
            if url.startswith("/") and not url.startswith("//")
        ]
        if collector.switcher != switcher_links():
            other_switchers[name] = collector.switcher
    assert absolute == []
    assert other_switchers == {}
