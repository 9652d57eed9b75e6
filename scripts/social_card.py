"""Draw the link-preview image, docs/assets/social-card.png (1200 x 630), in Chromium.

The card names the playbook and what it offers, with a rising row of bars as its picture. It
states no level name and no number of levels or themes: those live in the question bank, and
an image cannot follow the bank when a level is renamed. Run it after changing the text below:

    .venv/bin/python scripts/social_card.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from quiz.build import site  # noqa: E402

OUTPUT = ROOT / "docs" / "assets" / "social-card.png"
TITLE = site().name  # site.json's site_name
TAGLINE = (
    "Grow employee experience so that customers feel it: maturity levels, a self-assessment "
    "and practical templates."
)
FOOTER = "Open, free and scored in your browser"
BAR_SHADES = ["#a8b0df", "#bcc3e6", "#d1d5ee", "#e6e8f6", "#ffffff"]

CARD = """<!doctype html><html><head><meta charset="utf-8"><style>
  html, body {{ margin: 0; width: 1200px; height: 630px; background: #3f51b5; color: #fff;
    font-family: "DejaVu Sans", sans-serif; overflow: hidden; }}
  h1 {{ position: absolute; left: 80px; top: 88px; margin: 0; font-size: 76px; font-weight: 700; }}
  p.tagline {{ position: absolute; left: 82px; top: 200px; width: 600px; margin: 0;
    font-size: 31px; line-height: 44px; color: #e8eaf6; }}
  p.footer {{ position: absolute; left: 82px; bottom: 70px; margin: 0; font-size: 25px;
    color: #c5cae9; }}
  .bars {{ position: absolute; right: 70px; bottom: 70px; display: flex; gap: 14px;
    align-items: flex-end; }}
  .bars div {{ width: 74px; border-radius: 6px 6px 0 0; }}
</style></head><body>
  <h1>{title}</h1>
  <p class="tagline">{tagline}</p>
  <p class="footer">{footer}</p>
  <div class="bars">{bars}</div>
</body></html>"""


def card_html() -> str:
    bars = "".join(
        f'<div style="height: {70 + 60 * index}px; background: {shade}"></div>'
        for index, shade in enumerate(BAR_SHADES)
    )
    return CARD.format(title=TITLE, tagline=TAGLINE, footer=FOOTER, bars=bars)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from harness import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 630})
            page.set_content(card_html())
            page.screenshot(path=str(OUTPUT), full_page=False)
        finally:
            browser.close()
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
