"""What the team page suggests the team talks about.

* **Themes** (:func:`conversation_themes`): conversation themes for the areas people disagree on
  most, then for the team's weakest areas and its level.
* **Workshop agenda** (:func:`workshop_agenda`): a 90-minute agenda built from those themes,
  following the facilitation guidance on the conversations page.
"""

from __future__ import annotations

from .._bank.model import Bank
from .sentences import plural
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
            chosen.setdefault(theme_id, f"Your levels differ most in {area.name}.")
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
                    f"{weak.name} is one of the team's weakest areas (Level {weak.median}).",
                )
        for theme in bank.themes:
            if level in theme.levels:
                chosen.setdefault(theme.id, f"Suits a Level {level} team.")
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
            "title": "Open",
            "detail": "Agree the purpose (decisions, not a debate about scores), the ground rules "
            "and who writes the decision log. Ideal group: five to eight people, with EX or HR, "
            "CX, a frontline manager and, where money or priorities are at stake, a sponsor.",
            "link": "conversations.md#how-to-run",
        },
        {
            "minutes": 15,
            "title": "Where we agree and where we don't",
            "detail": "Walk through the spread per area for the "
            f"{plural(people, 'result', 'results')} and read out the statements behind the "
            "widest disagreements. Ask each person what they see that makes them answer as "
            "they did.",
            "link": None,
        },
    ]
    for theme in picked:
        items.append(
            {
                "minutes": theme_minutes,
                "title": f"Theme: {theme['title']}",
                "detail": f"{theme['why']} Work through the theme's prompts and bring evidence: "
                "employee and customer measures for the same teams, and a few verbatim comments.",
                "link": theme["anchor"],
            }
        )
    used = sum(int(str(item["minutes"])) for item in items)
    items += [
        {
            "minutes": 90 - used - 5,
            "title": "Decide",
            "detail": "For each action: an owner, a due date and the metric that will show it "
            "worked. Write them in the decision log.",
            "link": "conversations.md#after",
        },
        {
            "minutes": 5,
            "title": "Close",
            "detail": "Agree what to tell employees, and when the team retakes the assessment "
            "to compare.",
            "link": None,
        },
    ]
    start = 0
    for item in items:
        item["start"] = start
        start += int(str(item["minutes"]))
    return {"title": "EX-CX workshop (90 minutes)", "minutes": start, "items": items}
