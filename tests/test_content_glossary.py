"""Content checks for the metrics glossary (docs/metrics.md): its "Where it comes up" column
names exactly the level pages whose metrics sections list each metric, one link per level.

The check is a function that takes text and returns a list of problems, so it is also
exercised on small broken samples and on the cells a review found incomplete.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from quiz import load_bank
from tests.content_support import DOCS, h3_ids_in, list_items, section

METRIC_LINK = re.compile(r"\]\(\.\./metrics\.md#([a-z0-9-]+)\)")
GLOSSARY_ROW = re.compile(r"^\|\s*\[[^\]]+\]\(#([a-z0-9-]+)\)\s*\|")
GLOSSARY_LEVEL_LINK = re.compile(r"\[Level (\d+)\]\(([^)#\s]+)#metrics\)")
GLOSSARY_TABLES = ("customer-metrics", "employee-metrics")


def glossary_usage_problems(glossary: str, levels: dict[int, tuple[str, str]]) -> list[str]:
    """The glossary's "Where it comes up" cells name exactly the level pages listing each metric.

    ``levels`` maps a level number to its page path (relative to docs/) and its text. A metric is
    an H3 under the glossary's customer or employee metrics section; its row in that section's
    table must link ``[Level N](<page>#metrics)`` for every level page whose "Metrics to use at
    this level" section lists the metric in a bullet, and for no other, one link per level (no
    ranges). Links in the section's prose, such as "NPS belongs to the next level", don't count.
    """
    problems: list[str] = []
    metrics: list[str] = []
    rows: dict[str, set[int]] = {}
    for table in GLOSSARY_TABLES:
        metrics += h3_ids_in(glossary, table)
        for line in section(glossary, table):
            row = GLOSSARY_ROW.match(line)
            if not row:
                continue
            cell = line.strip().strip("|").split("|")[-1]
            links = GLOSSARY_LEVEL_LINK.findall(cell)
            rows[row.group(1)] = {int(number) for number, _ in links}
            problems += [
                f"{row.group(1)}: 'Level {number}' links to {path}, not that level's page"
                for number, path in links
                if levels.get(int(number), ("", ""))[0] != path
            ]
            if rest := re.sub(r"[\s,]|\band\b", "", GLOSSARY_LEVEL_LINK.sub("", cell)):
                problems.append(
                    f"{row.group(1)}: 'Where it comes up' has more than links: {rest!r}"
                )
    used: dict[str, set[int]] = defaultdict(set)
    for number, (_, text) in sorted(levels.items()):
        for anchor in METRIC_LINK.findall("\n".join(list_items(section(text, "metrics")))):
            if anchor in metrics:
                used[anchor].add(number)
    problems += [
        f"{metric}: no row in the glossary's tables" for metric in metrics if metric not in rows
    ]
    problems += [
        f"{anchor}: row in the glossary's tables but no section"
        for anchor in rows
        if anchor not in metrics
    ]
    for metric in metrics:
        said, listed = sorted(rows.get(metric, set())), sorted(used[metric])
        if metric in rows and said != listed:
            problems.append(
                f"{metric}: the glossary says it comes up at Levels {said}, "
                f"but it is listed in the metrics sections of Levels {listed}"
            )
    return problems


def level_pages_by_number() -> dict[int, tuple[str, str]]:
    return {
        level.number: (level.page, (DOCS / level.page).read_text(encoding="utf-8"))
        for level in load_bank().levels
    }


def test_metrics_glossary_names_the_levels_whose_metrics_sections_list_each_metric() -> None:
    glossary = (DOCS / "metrics.md").read_text(encoding="utf-8")
    assert glossary_usage_problems(glossary, level_pages_by_number()) == []


def sample_where(*levels: int) -> str:
    return ", ".join(f"[Level {n}](levels/level-{n}.md#metrics)" for n in levels)


SAMPLE_GLOSSARY = f"""# Metrics

## Customer metrics {{#customer-metrics}}

| Metric | What it tells you | Data source | Where it comes up |
| --- | --- | --- | --- |
| [CSAT](#csat) | Satisfaction | Survey | {sample_where(1, 2)} |

### CSAT {{#csat}}

How satisfied customers were.

## Employee metrics {{#employee-metrics}}

| Metric | What it tells you | Data source | Where it comes up |
| --- | --- | --- | --- |
| [eNPS](#employee-nps) | Advocacy | Survey | {sample_where(2)} |

### eNPS {{#employee-nps}}

How willing employees are to recommend you.

## Joining data {{#joining}}

Team by team.
"""


def sample_levels(extra: str = "") -> dict[int, tuple[str, str]]:
    """Level 1 lists CSAT (and mentions eNPS in prose); Level 2 lists CSAT, eNPS and a non-metric
    anchor; Level 3 links CSAT only outside its metrics section. Only the bullets count."""
    metrics = {
        1: "- [CSAT](../metrics.md#csat): starter.\n" + extra + "\n"
        "[eNPS](../metrics.md#employee-nps) comes later.\n",
        2: "- [CSAT](../metrics.md#csat)\n- [eNPS](../metrics.md#employee-nps)\n"
        "- [Joining](../metrics.md#joining)\n",
        3: "- Nothing from the glossary.\n",
    }
    return {
        n: (
            f"levels/level-{n}.md",
            f"## Take action {{#take-action}}\n\nUse [CSAT](../metrics.md#csat).\n\n"
            f"## Metrics {{#metrics}}\n\n{body}\n## Checklist {{#checklist}}\n\n- [ ] Do it.\n",
        )
        for n, body in metrics.items()
    }


def test_glossary_usage_check_accepts_matching_rows_and_rejects_mismatches() -> None:
    good = SAMPLE_GLOSSARY
    assert glossary_usage_problems(good, sample_levels()) == []
    level_2 = "[Level 2](levels/level-2.md#metrics)"
    assert glossary_usage_problems(good.replace(", " + level_2, ""), sample_levels())  # missing
    assert glossary_usage_problems(  # a level whose metrics section does not list it
        good.replace(f"| {level_2} |", f"| {level_2}, [Level 3](levels/level-3.md#metrics) |"),
        sample_levels(),
    )
    assert glossary_usage_problems(good, sample_levels("- [eNPS](../metrics.md#employee-nps)\n"))
    assert glossary_usage_problems(good.replace(", " + level_2, " to " + level_2), sample_levels())
    assert glossary_usage_problems(
        good.replace(
            level_2 + " |\n\n### CSAT", "[Level 2](levels/level-1.md#metrics) |\n\n### CSAT"
        ),
        sample_levels(),
    )
    no_enps_row = "\n".join(line for line in good.splitlines() if "(#employee-nps)" not in line)
    assert glossary_usage_problems(no_enps_row, sample_levels())


# planted: the cells the review found, a negative case on today's glossary and level pages
OLD_WHERE_CELLS = {
    "nps": "[Level 2](levels/level-2.md#metrics) to [Level 5](levels/level-5.md#metrics)",
    "csat": "[Level 1](levels/level-1.md#metrics), [Level 3](levels/level-3.md#metrics)",
    "ces": "[Level 1](levels/level-1.md#metrics), [Level 2](levels/level-2.md#metrics)",
    "retention-rate": "[Level 2](levels/level-2.md#metrics), [Level 4](levels/level-4.md#metrics)",
}


@pytest.mark.parametrize("metric", OLD_WHERE_CELLS)
def test_glossary_usage_check_rejects_the_cells_the_review_found_incomplete(metric: str) -> None:
    lines = (DOCS / "metrics.md").read_text(encoding="utf-8").splitlines()
    row = next(
        i
        for i, line in enumerate(lines)
        if GLOSSARY_ROW.match(line) and f"](#{metric})" in line.split("|")[1]
    )
    lines[row] = (
        lines[row][: lines[row].rstrip(" |").rindex("|") + 1] + f" {OLD_WHERE_CELLS[metric]} |"
    )
    problems = glossary_usage_problems("\n".join(lines), level_pages_by_number())
    assert [problem for problem in problems if problem.startswith(f"{metric}:")]
