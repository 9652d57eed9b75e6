"""Draw the link-preview image of each language (1200 x 630), in Chromium:
docs/assets/social-card.png in English, docs/assets/social-card.<code>.png in every other
language (the i18n plugin serves it as <code>/assets/social-card.png).

The card names the playbook and what it offers, with a rising row of bars as its picture. Its
words come from each language's build catalog (quiz/build/catalog/<code>/templates.toml,
``template.card_tagline`` and ``template.card_footer``). It states no level name and no number
of levels or themes: those live in the question bank, and an image cannot follow the bank when
a level is renamed. Run it after changing those words, or after adding a language:

    .venv/bin/python scripts/social_card.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from quiz.build import in_language, languages, site, text  # noqa: E402

ASSETS = ROOT / "docs" / "assets"
TITLE = site().name  # site.json's site_name
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


def output(language: str) -> Path:
    """Where the card of ``language`` goes: the first language's is the site's own."""
    suffix = "" if language == languages()[0] else f".{language}"
    return ASSETS / f"social-card{suffix}.png"


def card_html(language: str) -> str:
    bars = "".join(
        f'<div style="height: {70 + 60 * index}px; background: {shade}"></div>'
        for index, shade in enumerate(BAR_SHADES)
    )
    with in_language(language):
        tagline, footer = text("template.card_tagline"), text("template.card_footer")
    return CARD.format(title=TITLE, tagline=tagline, footer=footer, bars=bars)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from harness import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 630})
            for language in languages():
                page.set_content(card_html(language))
                page.screenshot(path=str(output(language)), full_page=False)
                print(f"wrote {output(language).relative_to(ROOT)}")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
