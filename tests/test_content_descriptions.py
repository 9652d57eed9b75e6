"""Content checks for what each page says about itself: a description of its own in its
front matter (none shared, none the site-wide one), and in the built pages the social-sharing
tags (Open Graph and Twitter, matching the page and pointing at an image the site serves), no
two pages sharing a description, and a real title on the 404 page.

Every check is a function that takes text and returns a list of problems, so the checks are
also exercised on small broken samples.
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from quiz.build import in_language, languages, page_language, site, text
from tests.content_support import DOCS

# Pages this branch may not edit that still fall back to the site-wide description. Remove an
# entry once its page has a `description:` of its own; from then on the rules apply to it too.
PENDING_OWN_DESCRIPTION: set[str] = set()


def front_matter(text: str) -> dict[str, object]:
    """The page's YAML front matter, or {} when it has none."""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            data = yaml.safe_load(text[4:end])
            return data if isinstance(data, dict) else {}
    return {}


def description_problems(
    descriptions: dict[str, str | None],
    site_description: str,
    pending: frozenset[str] | set[str] = frozenset(),
) -> list[str]:
    """Every page has a description of its own, and no two pages share one."""
    problems = [
        f"{page}: no description in its front matter"
        for page, description in sorted(descriptions.items())
        if not description and page not in pending
    ]
    users: dict[str, list[str]] = defaultdict(list)
    for page, description in sorted(descriptions.items()):
        if page in pending and not description:
            continue
        users[" ".join((description or "").split())].append(page)
    problems += [
        f"pages share a description: {pages}" for text, pages in users.items() if len(pages) > 1
    ]
    fallback = " ".join(site_description.split())
    problems += [
        f"{pages}: same description as the whole site"
        for text, pages in users.items()
        if text == fallback
    ]
    return problems


def site_description(language: str) -> str:
    """The site-wide description in ``language`` (its build catalog's site.toml)."""
    with in_language(language):
        return text("site.description")


def test_every_page_has_a_description_of_its_own() -> None:
    """In each language: a page's own description, never the site-wide one of its language."""
    for language in languages():
        descriptions: dict[str, str | None] = {}
        for page in sorted(DOCS.rglob("*.md")):
            if page_language(page.relative_to(DOCS).as_posix()) != (
                None if language == languages()[0] else language
            ):
                continue
            value = front_matter(page.read_text(encoding="utf-8")).get("description")
            descriptions[page.relative_to(DOCS).as_posix()] = str(value) if value else None
        assert len(descriptions) >= 15, language
        pending = PENDING_OWN_DESCRIPTION
        assert description_problems(descriptions, site_description(language), pending) == []


class _HeadTags(HTMLParser):
    """The <title>, meta tags and canonical link of a built page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "meta" and ("property" in values or "name" in values):
            self.meta[values.get("property") or values["name"]] = values.get("content", "")
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href", "")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def head_tags(html: str) -> _HeadTags:
    parser = _HeadTags()
    parser.feed(html)
    return parser


SOCIAL_TAGS = ["og:title", "og:description", "og:url", "og:image", "twitter:card", "twitter:image"]


def social_tag_problems(html: str, site_dir: Path, site_url: str) -> list[str]:
    """Open Graph and Twitter tags that match the page and point at an image the site serves."""
    tags = head_tags(html)
    problems = [f"no {name}" for name in SOCIAL_TAGS if not tags.meta.get(name)]
    if problems:
        return problems
    if tags.meta["og:description"] != tags.meta.get("description"):
        problems.append("og:description differs from the meta description")
    if tags.meta.get("twitter:description") != tags.meta["og:description"]:
        problems.append("twitter:description differs from og:description")
    if not tags.canonical or tags.meta["og:url"] != tags.canonical:
        problems.append(
            f"og:url {tags.meta['og:url']!r} is not the canonical URL {tags.canonical!r}"
        )
    if tags.meta["twitter:card"] != "summary_large_image":
        problems.append("twitter:card is not summary_large_image")
    for name in ["og:image", "twitter:image"]:
        image = tags.meta[name]
        if not image.startswith(site_url):
            problems.append(f"{name} {image!r} is not served by the site ({site_url})")
        elif not (site_dir / urlsplit(image).path.removeprefix(urlsplit(site_url).path)).is_file():
            problems.append(f"{name} {image!r} is not in the built site")
    return problems


def built_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("index.html"))


def test_every_built_page_has_social_tags(site_dir: Path) -> None:
    pages = built_pages(site_dir)
    assert len(pages) >= 15
    problems = [
        f"{page.relative_to(site_dir)}: {problem}"
        for page in pages
        for problem in social_tag_problems(page.read_text("utf-8"), site_dir, site().url)
    ]
    assert problems == []


def test_no_two_built_pages_share_a_description(site_dir: Path) -> None:
    users: dict[str, list[str]] = defaultdict(list)
    for page in built_pages(site_dir):
        users[head_tags(page.read_text("utf-8")).meta.get("description", "")].append(
            page.parent.relative_to(site_dir).as_posix()
        )
    pending = {p.removesuffix(".md").removesuffix("/index") for p in PENDING_OWN_DESCRIPTION}
    shared = {
        text: pages for text, pages in users.items() if len(pages) > 1 and not set(pages) <= pending
    }
    assert shared == {}


def test_404_page_has_a_real_title(site_dir: Path) -> None:
    assert head_tags((site_dir / "404.html").read_text("utf-8")).title.strip() == (
        f"Page not found - {site().name}"
    )


def test_description_check_rejects_missing_shared_or_site_wide_descriptions() -> None:
    site = "The whole site."
    good = {"a.md": "Page A.", "b.md": "Page B.", "c.md": None}
    assert description_problems(good, site, {"c.md"}) == []
    assert description_problems(good, site)  # c.md has none and is not pending
    assert description_problems({**good, "b.md": "Page  A."}, site, {"c.md"})
    assert description_problems({**good, "b.md": "The whole  site."}, site, {"c.md"})


def test_social_tag_check_rejects_missing_mismatched_or_foreign_tags(tmp_path: Path) -> None:
    site_url = "https://example.org/book/"
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "card.png").write_bytes(b"png")
    good = (
        '<head><meta name="description" content="About A.">'
        '<link rel="canonical" href="https://example.org/book/a/">'
        '<meta property="og:title" content="A"><meta property="og:description" content="About A.">'
        '<meta property="og:url" content="https://example.org/book/a/">'
        '<meta property="og:image" content="https://example.org/book/assets/card.png">'
        '<meta name="twitter:card" content="summary_large_image">'
        '<meta name="twitter:description" content="About A.">'
        '<meta name="twitter:image" content="https://example.org/book/assets/card.png"></head>'
    )
    assert social_tag_problems(good, tmp_path, site_url) == []
    assert social_tag_problems(
        good.replace('property="og:title"', 'property="og:name"'), tmp_path, site_url
    )
    assert social_tag_problems(
        good.replace('content="About A.">', 'content="About B.">', 1), tmp_path, site_url
    )
    assert social_tag_problems(good.replace('book/a/">', 'book/b/">', 1), tmp_path, site_url)
    assert social_tag_problems(
        good.replace("https://example.org/book/assets", "https://cdn.example.com"),
        tmp_path,
        site_url,
    )
    assert social_tag_problems(good.replace("card.png", "missing.png"), tmp_path, site_url)
    assert social_tag_problems(good.replace("summary_large_image", "summary"), tmp_path, site_url)
