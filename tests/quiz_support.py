"""Helpers for the quiz tests that work for whatever bank is packaged.

Nothing here names a question, a dimension, a count or a level number: everything is read
from the loaded bank, so the tests keep passing when questions are added, as the bank's own
"How to add a question" asks (:func:`grow`).
"""

from __future__ import annotations

import copy
import functools
import json
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from hypothesis import strategies as st

from quiz import Answers, Bank, describe, load_bank, parse_bank
from quiz.types import NA, Answer, Question

ROOT = Path(__file__).resolve().parents[1]
#: The packaged bank (loaded once: :func:`quiz.load_bank` keeps it).
BANK = load_bank()
BANK_TEXT = resources.files("quiz").joinpath("bank.toml").read_text(encoding="utf-8")
#: The result codes recorded from versions 1 and 2 (tests/data/), with what each opened with.
V1_CASES: list[dict[str, Any]] = json.loads(
    (ROOT / "tests" / "data" / "v1_codes.json").read_text(encoding="utf-8")
)["cases"]
V2_CASES: list[dict[str, Any]] = json.loads(
    (ROOT / "tests" / "data" / "v2_codes.json").read_text(encoding="utf-8")
)["cases"]
#: The start of a result link to a level page of the published site.
LINK_BASE = "https://ex-maturity.github.io/ex-maturity-playbook/levels/level-3/#result="

_QUESTION_HEADER = "[[questions]]"
_OPTION_HEADER = "[[questions.options]]"


def bank_data() -> dict[str, Any]:
    """A deep copy of the packaged bank's parsed TOML, safe to change."""
    return copy.deepcopy(_pristine())


@functools.cache
def _pristine() -> dict[str, Any]:
    return tomllib.loads(BANK_TEXT)


def not_sure_label(bank: Bank) -> str:
    """What the bank's description calls a "not sure" answer (the form and reports say it)."""
    data: Any = describe(bank)
    return str(data["not_sure"]["label"])


def not_applicable_label(bank: Bank) -> str:
    """What the bank's description calls a "not applicable" answer."""
    data: Any = describe(bank)
    return str(data["na"]["label"])


def guide_label(bank: Bank, link: str) -> str:
    """What a step link's label says, written out: the level of the page ("Playbook" for a
    page that is no level's), then the anchor's words."""
    page, _, anchor = link.partition("#")
    where = next((f"Level {lv.number}" for lv in bank.levels if lv.page == page), "Playbook")
    words = anchor.replace("-", " ").strip()
    return f"{where}, {words}" if words else where


def v1_bank() -> Bank:
    """The frozen version-1 bank that old ``v1.`` links are read against."""
    return load_bank(version=1)


# --- answers ----------------------------------------------------------------------------------


def answer_levels(bank: Bank) -> st.SearchStrategy[int | None]:
    """One answer: a level of the bank, or None for "not sure"."""
    return st.one_of(st.none(), st.sampled_from(bank.level_numbers))


def question_answers(bank: Bank, question: Question) -> st.SearchStrategy[Answer]:
    """One answer to ``question``: a level, None, or "na" where the question offers it."""
    if question.not_applicable:
        return st.one_of(answer_levels(bank), st.just(NA))
    return answer_levels(bank)


def any_answers(bank: Bank) -> st.SearchStrategy[Answers]:
    """Any checked answers: some questions skipped, some "not sure", some "not applicable"
    where the bank offers it."""
    return st.fixed_dictionaries(
        {}, optional={q.id: question_answers(bank, q) for q in bank.questions}
    ).map(lambda answers: in_bank_order(bank, answers))


def full_answers(bank: Bank) -> st.SearchStrategy[Answers]:
    """Every question answered with a level."""
    levels: st.SearchStrategy[int | None] = st.sampled_from(bank.level_numbers)
    return st.fixed_dictionaries({q.id: levels for q in bank.questions}).map(
        lambda answers: in_bank_order(bank, answers)
    )


def in_bank_order(bank: Bank, answers: Mapping[str, Answer]) -> Answers:
    """The answers in bank order, the way :func:`quiz.check_answers` returns them."""
    return {q.id: answers[q.id] for q in bank.questions if q.id in answers}


def flat(bank: Bank, level: int | None) -> Answers:
    """Every question answered with ``level``."""
    return {q.id: level for q in bank.questions}


def by_dimension(bank: Bank, default: int | None, **levels: int | None) -> Answers:
    """Every question at ``default``, except the dimensions named (id with ``_`` for ``-``)."""
    chosen = {key.replace("_", "-"): value for key, value in levels.items()}
    return {q.id: chosen.get(q.dimension, default) for q in bank.questions}


def multi_question_dimensions(bank: Bank) -> list[str]:
    """Ids of the dimensions measured by two or more questions."""
    return [d.id for d in bank.dimensions if len(bank.questions_for(d.id)) >= 2]


def overview_page(bank: Bank) -> str:
    """The levels overview page: ``index.md`` beside the level pages."""
    return str(PurePosixPath(bank.levels[0].page).parent / "index.md")


# --- growing the bank as its header says ---------------------------------------------------


@dataclass(frozen=True)
class Grown:
    """The packaged bank's text with one question added as the bank's header instructs."""

    text: str
    copied: str
    question_id: str
    number: int


def _last_question_block(lines: list[str]) -> tuple[int, int]:
    """(first, end) line indexes of the last [[questions]] block with its options."""
    starts = [i for i, line in enumerate(lines) if line.strip() == _QUESTION_HEADER]
    assert starts, "the bank has no [[questions]] block"
    first = starts[-1]
    end = len(lines)
    for i in range(first + 1, len(lines)):
        stripped = lines[i].strip()
        if stripped.startswith("[") and stripped != _OPTION_HEADER:
            end = i
            break
    # Comments and blank lines before the next section belong to that section.
    while end > first and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return first, end


def _replace_key(block: list[str], key: str, value: str) -> list[str]:
    """Change the first ``key = ...`` line of the block (the question's own, before options)."""
    pattern = re.compile(rf"^\s*{key}\s*=")
    for i, line in enumerate(block):
        if line.strip() == _OPTION_HEADER:
            break
        if pattern.match(line):
            return [*block[:i], f"{key} = {value}", *block[i + 1 :]]
    raise AssertionError(f"the last question has no '{key}' line before its options")


def grow(text: str = BANK_TEXT, *, number: int | None = None) -> Grown:
    """Copy the last [[questions]] block with its options, paste it after the last question,
    and give it a new id and the next unused number (or ``number``)."""
    bank = parse_bank(tomllib.loads(text), "bank.toml")
    copied = bank.questions[-1]
    used = {q.number for q in bank.questions} | set(bank.retired)
    new_number = max(used) + 1 if number is None else number
    new_id = f"{copied.id}-grown"
    assert not bank.has_question(new_id)
    lines = text.splitlines()
    first, end = _last_question_block(lines)
    block = lines[first:end]
    block = _replace_key(block, "id", f'"{new_id}"')
    block = _replace_key(block, "number", str(new_number))
    grown_lines = [*lines[:end], "", *block, *lines[end:]]
    return Grown("\n".join(grown_lines) + "\n", copied.id, new_id, new_number)


@functools.cache
def grown() -> Grown:
    """The packaged bank grown by one question."""
    return grow()


@functools.cache
def grown_bank() -> Bank:
    """The packaged bank grown by one question, loaded."""
    return parse_bank(tomllib.loads(grown().text), "grown-bank.toml")


#: The packaged bank and the grown copy, for checks that must hold for both.
BANKS: dict[str, Callable[[], Bank]] = {"packaged": load_bank, "grown": grown_bank}
#: Runs a test once for each of :data:`BANKS`, passing the function that loads it as
#: ``make_bank``.
BOTH_BANKS = pytest.mark.parametrize("make_bank", list(BANKS.values()), ids=list(BANKS))


def reshaped(data: dict[str, Any], levels: int) -> dict[str, Any]:
    """Bank data cut down to its first ``levels`` levels (themes, steps and options too)."""
    data = copy.deepcopy(data)
    data["levels"] = data["levels"][:levels]
    for theme in data["themes"]:
        theme["levels"] = [n for n in theme["levels"] if n <= levels] or [1]
    for dimension in data["dimensions"]:
        dimension["steps"] = {k: v for k, v in dimension["steps"].items() if int(k) <= levels}
    for question in data["questions"]:
        question["options"] = [o for o in question["options"] if o["level"] <= levels]
    return data
