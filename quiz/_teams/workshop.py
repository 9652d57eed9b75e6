"""What the team page suggests the team talks about.

* **Themes** (:func:`conversation_themes`): conversation themes for the areas people disagree on
  most, then for the team's weakest areas and its level.
* **Workshop agenda** (:func:`workshop_agenda`): a 90-minute agenda built from those themes,
  following the facilitation guidance on the conversations page.
"""

from __future__ import annotations

from .._bank.model import Bank
from .._text import plural, text
from .team import TeamView

__all__ = ["MAX_AGENDA_THEMES", "conversation_themes", "workshop_agenda"]

#: At most this many themes get a block of their own in the agenda.
MAX_AGENDA_THEMES = 3


def conversation_themes(bank: Bank, view: TeamView) -> list[dict[str, object]]:
    """Conversation themes: one for each area people disagree on most, then for the team's
    weakest areas (below its strongest, lowest first) and for its level."""
    chosen: dict[str, str] = {}
    for item in view.disagreements:
        area = bank.dimension(item.id)
        for theme_id in area.themes[:1]:
            chosen.setdefault(theme_id, text("team.theme_differ", area=area.name))
    if view.level is not None:
        level = view.level
        known = [d for d in view.dimensions if d.median is not None]
        strongest = max(d.median or 0 for d in known) if known else None
        weakest = sorted(
            (d for d in known if d.median != strongest),
            key=lambda d: (d.median or 0, d.mean or 0.0, d.id),
        )[: bank.scoring.max_weakest]
        for weak in weakest:
            own = bank.dimension(weak.id).themes
            fitting = [t for t in own if {weak.median, level} & set(bank.theme(t).levels)]
            for theme_id in (fitting or list(own))[:1]:
                chosen.setdefault(
                    theme_id,
                    text("team.theme_weakest", area=weak.name, level=weak.median),
                )
        for theme in bank.themes:
            if level in theme.levels:
                chosen.setdefault(theme.id, text("team.theme_level", level=level))
    themes = list(chosen.items())[: bank.scoring.max_themes]
    return [
        {
            "id": theme_id,
            "title": bank.theme(theme_id).title,
            "anchor": bank.theme(theme_id).anchor,
            "why": why,
        }
        for theme_id, why in themes
    ]


def workshop_agenda(themes: list[dict[str, object]], people: int) -> dict[str, object]:
    """A 90-minute agenda: open, look at the result, one block per theme, decide, close."""
    picked = themes[:MAX_AGENDA_THEMES]
    theme_minutes = 45 // max(1, len(picked)) if picked else 0
    items: list[dict[str, object]] = [
        {
            "minutes": 10,
            "title": text("team.agenda_open"),
            "detail": text("team.agenda_open_detail"),
            "link": "conversations.md#how-to-run",
        },
        {
            "minutes": 15,
            "title": text("team.agenda_compare"),
            "detail": plural("team.agenda_compare_detail", people),
            "link": None,
        },
    ]
    for theme in picked:
        items.append(
            {
                "minutes": theme_minutes,
                "title": text("team.agenda_theme", title=theme["title"]),
                "detail": text("team.agenda_theme_detail", why=theme["why"]),
                "link": theme["anchor"],
            }
        )
    used = sum(int(str(item["minutes"])) for item in items)
    items += [
        {
            "minutes": 90 - used - 5,
            "title": text("team.agenda_decide"),
            "detail": text("team.agenda_decide_detail"),
            "link": "conversations.md#after",
        },
        {
            "minutes": 5,
            "title": text("team.agenda_close"),
            "detail": text("team.agenda_close_detail"),
            "link": None,
        },
    ]
    start = 0
    for item in items:
        item["start"] = start
        start += int(str(item["minutes"]))
    return {"title": plural("team.agenda_title", start), "minutes": start, "items": items}
