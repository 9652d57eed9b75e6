"""The result JSON (schema 2) has exactly the keys documented in quiz/report.py's docstring and is
plain JSON, whichever way a result is made (described from answers, opened from a current or an
earlier code), with every step it links labelled; and the bank as JSON carries its levels, steps,
options and rules. Expectations are read from the loaded bank.
"""

from __future__ import annotations

import inspect
import json
import re
from typing import Any

import pytest
from hypothesis import given

from quiz import Answers, describe, encode, open_code, score
from tests.quiz_report_support import MULTI, NOT_SURE_LABEL, PROPERTY, V1_CODE, report, with_open
from tests.quiz_support import BANK, any_answers, flat, guide_label

# --- the documented schema -------------------------------------------------------------------


def _split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char in "[{"
        depth -= char in "]}"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [*parts, current.strip()] if current.strip() else parts


def documented_schema() -> dict[str, list[str] | None]:
    """Top-level keys of the schema in quiz/report.py's docstring, each with the fixed keys of
    its items (``[{a, b}]`` or ``{a, b}``) when the docstring lists them; mappings such as
    ``{id: level}`` have no fixed keys."""
    block = inspect.cleandoc(describe.__doc__ or "").split("Result schema", 1)[1]
    block = block.split("::", 1)[1]
    entries: list[str] = []
    for line in block.splitlines():
        if line.startswith("    ") and not line.startswith("     "):
            entries.append(line.strip())
        elif line.strip() and entries:
            entries[-1] += " " + line.strip()
    schema: dict[str, list[str] | None] = {"schema": None}
    for entry in entries:
        head, _, description = entry.partition("  ")
        braces = re.search(r"\{.*\}", description)
        parts = _split_top_level(braces[0][1:-1]) if braces else []
        fixed = len(parts) > 1 or (len(parts) == 1 and ":" not in parts[0])
        nested = [part.split(":")[0].strip() for part in parts] if fixed else None
        for key in head.split(", "):
            schema[key.strip()] = nested
    return schema


def test_the_result_has_exactly_the_keys_documented_in_report_py() -> None:
    documented = documented_schema()
    answers = with_open(flat(BANK, BANK.top - 1), 1)
    answers[BANK.questions_for(MULTI[-1])[0].id] = BANK.top
    answers[BANK.questions_for(MULTI[-1])[1].id] = BANK.lowest
    data = report(answers)
    assert data["schema"] == 2
    assert set(data) == set(documented)
    assert data["profile"]
    assert data["contrasts"]
    assert data["blockers"]
    assert data["weakest"]
    assert data["themes"]
    legacy = describe(open_code(V1_CODE))
    assert set(legacy) == set(documented)
    data["legacy"] = legacy["legacy"]
    for key, keys in documented.items():
        if keys is None:
            continue
        value = data[key]
        items = value if isinstance(value, list) else [value]
        assert items, key
        for item in items:
            assert set(item) == set(keys), key
    for item in data["profile"]:
        for answer in item["answers"]:
            assert set(answer) == {"question", "number", "text", "level", "statement", "label"}


@PROPERTY
@given(any_answers(BANK))
def test_the_result_is_plain_json(answers: Answers) -> None:
    data = report(answers)
    assert json.loads(json.dumps(data)) == data


# --- the ways a result is made ------------------------------------------------------------------


def test_a_described_result_carries_the_code_of_its_answers() -> None:
    answers = with_open(flat(BANK, BANK.top - 1), 1)
    data = describe(BANK, answers)
    assert data["code"] == encode(BANK, answers)
    assert data["level"] == score(BANK, answers).level
    assert data["legacy"] is None


def test_an_opened_current_code_describes_the_same_result_as_scoring() -> None:
    answers = with_open(flat(BANK, BANK.top - 1), 2)
    assert describe(open_code(encode(BANK, answers))) == describe(BANK, answers)


def test_a_result_opened_from_an_earlier_version_says_so() -> None:
    marked = describe(open_code(V1_CODE))
    assert marked["code"] == V1_CODE
    legacy = marked["legacy"]
    assert isinstance(legacy, dict)
    assert legacy["version"] == 1
    assert isinstance(legacy["message"], str)
    assert legacy["message"]


@pytest.mark.parametrize("level", BANK.level_numbers[:-1])
def test_every_step_a_result_links_is_labelled_with_its_level_and_anchor(level: int) -> None:
    """Each area's guide at each level, as results give them: the label names the level of
    the page it links and the anchor's words."""
    data = report(flat(BANK, level))
    guides = [(item["guide"], item["guide_label"]) for item in data["profile"]]
    assert guides
    for guide, label in guides:
        page = guide.partition("#")[0]
        number = next((lv.number for lv in BANK.levels if lv.page == page), None)
        assert label.startswith(f"Level {number}" if number else "Playbook")
        assert label == guide_label(BANK, guide)


# --- the bank as JSON --------------------------------------------------------------------------


def test_bank_to_dict_carries_levels_steps_options_and_rules() -> None:
    data: dict[str, Any] = describe(BANK)
    assert json.loads(json.dumps(data)) == data
    assert data["schema"] == 2
    assert data["code_version"] == BANK.code_version
    assert [(lv["number"], lv["name"], lv["page"]) for lv in data["levels"]] == [
        (lv.number, lv.name, lv.page) for lv in BANK.levels
    ]
    assert [(t["id"], t["levels"], t["anchor"]) for t in data["themes"]] == [
        (t.id, list(t.levels), t.anchor) for t in BANK.themes
    ]
    for item, dimension in zip(data["dimensions"], BANK.dimensions, strict=True):
        assert item["id"] == dimension.id
        assert item["steps"] == {str(n): dimension.step(n) for n in BANK.level_numbers}
        assert item["questions"] == [q.id for q in BANK.questions_for(dimension.id)]
    for item, question in zip(data["questions"], BANK.questions, strict=True):
        assert (item["id"], item["number"], item["dimension"]) == (
            question.id,
            question.number,
            question.dimension,
        )
        assert item["options"] == [
            {"level": o.level, "text": o.text, "basis": o.basis, "addition": o.addition}
            for o in question.options
        ]
    assert data["not_sure"] == {"label": NOT_SURE_LABEL, "value": None}
    assert data["scoring"]["min_dimensions"] == BANK.scoring.min_dimensions
    rules = data["scoring"]["rules"]
    assert rules
    assert all(isinstance(rule, str) and rule for rule in rules)
