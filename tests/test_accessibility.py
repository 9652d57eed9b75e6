"""axe-core finds no violation on any page, in the light and in the dark palette."""

from __future__ import annotations

from typing import Any

import pytest

from tests.axe import axe_violations
from tests.conftest import SiteServer, site_pages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_on_any_page(browser: Any, site: SiteServer, scheme: str) -> None:
    ctx = browser.new_context(color_scheme=scheme)
    try:
        page = ctx.new_page()
        problems: list[str] = []
        for path in site_pages(site.root):
            page.goto(site.url(path), wait_until="networkidle")
            expected = "slate" if scheme == "dark" else "default"
            assert page.locator("body").get_attribute("data-md-color-scheme") == expected
            problems += [f"{path}: {line}" for line in axe_violations(page)]
        assert problems == []
    finally:
        ctx.close()
