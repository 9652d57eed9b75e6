"""The steps index (hooks/steps_index.py): what the result panel's plan lists for each step."""

from __future__ import annotations

import json
import re
from pathlib import Path

from harness import load_hook
from quiz import load_bank

ROOT = Path(__file__).resolve().parents[1]
BANK = load_bank()
HOOK = load_hook("steps_index")
page_steps, parse, item_lead, OUTPUT = HOOK.page_steps, HOOK.parse, HOOK.item_lead, HOOK.OUTPUT

SAMPLE = """
<h1 id="level-9">Level 9</h1>
<h2 id="take-action">How to take action<a class="headerlink" href="#take-action">&para;</a></h2>
<h3 id="step-1">Step 1: Do the first thing</h3>
<p>Why it matters.</p>
<ol>
<li><strong>Name the scope.</strong> Decide who is in.</li>
<li>
<p><strong>Pick a metric</strong> and report it:</p>
<ul><li><strong>Not a step.</strong> A nested bullet.</li></ul>
</li>
<li>Ask the people who use them. They know best.</li>
<li><strong>Purpose:</strong> Would people say so? Ask them.</li>
</ol>
<h3 id="step-2">Step 2: A rhythm</h3>
<table><thead><tr><th>When</th><th>What</th></tr></thead>
<tbody><tr><td>Weekly</td><td>A story at each meeting. Then more.</td></tr></tbody></table>
<h2 id="metrics">Metrics</h2>
<ul><li><strong>Bullets</strong> are not steps.</li></ul>
"""


def test_each_numbered_item_gives_its_bold_lead_or_first_sentence_ended_with_a_stop() -> None:
    steps = page_steps(SAMPLE)
    assert steps["step-1"] == {
        "title": "Step 1: Do the first thing",
        "steps": [
            "Name the scope.",
            "Pick a metric.",  # a lead that runs on is ended like a sentence
            "Ask the people who use them.",
            "Purpose: Would people say so?",
        ],
    }


def test_a_section_without_a_numbered_list_takes_its_table_rows() -> None:
    assert page_steps(SAMPLE)["step-2"]["steps"] == ["Weekly: A story at each meeting."]


def test_a_parent_section_holds_its_sub_sections_steps_and_empty_sections_are_left_out() -> None:
    steps = page_steps(SAMPLE)
    assert steps["take-action"]["title"] == "How to take action"  # no permalink sign
    assert steps["take-action"]["steps"][:1] == ["Name the scope."]
    assert "metrics" not in steps
    assert "level-9" not in steps


def test_a_lead_is_read_through_a_paragraph() -> None:
    (item,) = parse("<li><p><strong>Bold.</strong> Rest.</p></li>").elements()
    assert item_lead(item) == "Bold."


def step_source(page: str, anchor: str) -> tuple[str, str]:
    """A level page's step as its source writes it: the heading's text and the bold lead of
    its first numbered item (what the index should hold for it)."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    heading = re.search(rf"^### (.+?) \{{ ?#{anchor} ?\}}$", text, re.M)
    assert heading, f"{page} has no step heading #{anchor}"
    item = re.compile(r"^1\. \*\*(.+?)\*\*", re.M).search(text, heading.end())
    assert item, f"{page}#{anchor} has no numbered item with a bold lead"
    return heading[1], item[1]


def test_the_built_index_has_steps_for_every_step_the_banks_point_to(site_dir: Path) -> None:
    index = json.loads((site_dir / OUTPUT).read_text(encoding="utf-8"))
    for bank in (load_bank(), load_bank(version=1)):
        for dimension in bank.dimensions:
            for level, guide in dimension.steps.items():
                entry = index.get(guide)
                assert entry, f"{dimension.id} level {level}: {guide} has no steps"
                assert entry["title"]
                assert all(entry["steps"])
    page = BANK.level(2).page
    heading, first_item = step_source(page, "step-1")
    level_two = index[f"{page}#step-1"]
    assert level_two["title"] == heading
    assert level_two["steps"][0] == first_item
