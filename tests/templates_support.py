"""What the fill-in templates' browser tests share: the templates (docs/forms/), the window
sizes they are looked at in (a phone, a wide screen, about an A4 page's printable width), a
field's label as the template's source writes it, and opening a template in a watched page.
"""

from __future__ import annotations

import re
from typing import Any

from harness import ROOT, SiteServer, WatchedPage
from quiz.build import page_language

# The English templates (their French twins, fr/forms/..., are checked by
# tests/test_french_site_browser.py).
TEMPLATES = sorted(
    f"forms/{page.stem}/"
    for page in (ROOT / "docs" / "forms").glob("*.md")
    if page.stem != "index" and page_language(page.name) is None
)
TABLE_TEMPLATES = [
    path
    for path in TEMPLATES
    if "ex-template__table" in (ROOT / "docs" / f"{path.rstrip('/')}.md").read_text("utf-8")
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# A4's printable width at the templates' page margins (210 mm less 2 x 12 mm) at 96 px an inch.
PAPER = {"width": 703, "height": 1000}


def field_label(form: str, field_id: str) -> str:
    """A field's label as the template's source (docs/forms/<form>.md) writes it: its
    ``<label for>`` text, or else its ``aria-label``."""
    text = (ROOT / "docs" / "forms" / f"{form}.md").read_text(encoding="utf-8")
    found = re.search(rf'<label for="{field_id}">([^<]+)</label>', text) or re.search(
        rf'id="{field_id}"[^>]*aria-label="([^"]+)"', text
    )
    assert found, f"docs/forms/{form}.md has no label for {field_id}"
    return found[1]


def open_template(watched: WatchedPage, site: SiteServer, path: str, size: dict[str, int]) -> Any:
    page = watched.page
    page.set_viewport_size(size)
    page.emulate_media(media="null")  # no emulation: on screen, print media for page.pdf()
    page.goto(site.url(path), wait_until="load")
    return page


def free_text_fields(page: Any) -> Any:
    """Every field of the template that takes free text."""
    return page.locator(".ex-template :is(textarea, input[type='text'])")
