"""The bank in another language: a layer file beside the bank gives every text, field for field,
while ids, numbers and links stay the bank's, so a result code means the same in every
language. A layer that misses or adds anything is refused with its file, entry and field."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings

from harness import ROOT
from quiz import Answers, Bank, encode, load_bank, open_code, score
from quiz.errors import BankError
from tests.quiz_support import BANK, any_answers


def layer_text(bank: Bank, language: str, mark: str) -> str:
    """A complete layer for ``bank`` whose every text is the bank's own with ``mark`` before it
    (written here with JSON strings, which TOML reads as its own basic strings)."""

    def text(value: str) -> str:
        return json.dumps(f"{mark}{value}", ensure_ascii=False)

    def texts(values: tuple[str, ...]) -> str:
        return "[" + ", ".join(text(value) for value in values) + "]"

    lines = [f'language = "{language}"', ""]
    for level in bank.levels:
        lines += [f"[levels.{level.number}]", f"name = {text(level.name)}"]
        lines += [f"summary = {text(level.summary)}", f"focus = {texts(level.focus)}", ""]
    for theme in bank.themes:
        lines += [f"[themes.{theme.id}]", f"title = {text(theme.title)}", ""]
    for area in bank.dimensions:
        lines += [f"[dimensions.{area.id}]", f"name = {text(area.name)}"]
        lines += [f"description = {text(area.description)}", ""]
    for question in bank.questions:
        statements = tuple(option.text for option in question.options)
        lines += [f"[questions.{question.id}]", f"text = {text(question.text)}"]
        lines += [f"options = {texts(statements)}", ""]
    return "\n".join(lines)


@pytest.fixture
def bank_file(tmp_path: Path) -> Path:
    """A copy of the packaged bank, with an "xx" layer beside it."""
    path = tmp_path / "bank.toml"
    shutil.copy(ROOT / "quiz" / "bank.toml", path)
    (tmp_path / "bank.xx.toml").write_text(layer_text(BANK, "xx", "XX "), encoding="utf-8")
    return path


def test_a_layer_gives_every_text_and_keeps_every_id_number_and_link(bank_file: Path) -> None:
    first = load_bank(bank_file)
    other = load_bank(bank_file, lang="xx")
    assert (first.language, other.language) == ("en", "xx")
    assert other.source.endswith("bank.xx.toml")
    for a, b in zip(first.levels, other.levels, strict=True):
        assert (b.number, b.page, dict(b.gates)) == (a.number, a.page, dict(a.gates))
        assert (b.name, b.summary) == (f"XX {a.name}", f"XX {a.summary}")
        assert b.focus == tuple(f"XX {item}" for item in a.focus)
    for a2, b2 in zip(first.questions, other.questions, strict=True):
        assert (b2.id, b2.number, b2.dimension, b2.not_applicable) == (
            a2.id,
            a2.number,
            a2.dimension,
            a2.not_applicable,
        )
        assert b2.text == f"XX {a2.text}"
        assert [(o.level, o.basis, o.text) for o in b2.options] == [
            (o.level, o.basis, f"XX {o.text}") for o in a2.options
        ]
    assert [t.title for t in other.themes] == [f"XX {t.title}" for t in first.themes]
    assert [(d.id, d.name) for d in other.dimensions] == [
        (d.id, f"XX {d.name}") for d in first.dimensions
    ]
    assert (other.steps, other.scoring, other.code_version) == (
        first.steps,
        first.scoring,
        first.code_version,
    )
    assert load_bank(bank_file, lang="xx") is not first
    assert load_bank(bank_file, lang="en").language == "en"


@settings(max_examples=40, deadline=None)
@given(any_answers(BANK))
def test_a_result_code_is_the_same_in_every_language_and_opens_in_each(answers: Answers) -> None:
    # The layer above, over the packaged bank (written once into the test's own folder).
    other = layered_packaged_bank()
    code = encode(BANK, answers)
    assert encode(other, answers) == code
    opened = open_code(code, other)
    assert opened.answers == answers
    assert opened.bank.language == "xx"
    mine = score(BANK, answers)
    theirs = opened.result
    assert (theirs.level, theirs.possible_level) == (mine.level, mine.possible_level)
    assert [(d.id, d.level) for d in theirs.dimensions] == [
        (d.id, d.level) for d in mine.dimensions
    ]


_LAYERED: list[Bank] = []


def layered_packaged_bank() -> Bank:
    if not _LAYERED:
        folder = ROOT / ".cache" / "test-bank-languages"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "quiz" / "bank.toml", folder / "bank.toml")
        (folder / "bank.xx.toml").write_text(layer_text(BANK, "xx", "XX "), encoding="utf-8")
        _LAYERED.append(load_bank(folder / "bank.toml", lang="xx"))
    return _LAYERED[0]


def refused(bank_file: Path, change: tuple[str, str]) -> str:
    layer = bank_file.with_name("bank.xx.toml")
    text = layer.read_text(encoding="utf-8")
    assert change[0] in text
    layer.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(bank_file, lang="xx")
    return str(caught.value)


def test_a_missing_translation_is_named_with_the_file_entry_and_fix(bank_file: Path) -> None:
    question = BANK.questions[3]
    message = refused(bank_file, (f"[questions.{question.id}]", "[questions.left-out]"))
    assert message.startswith(f"{bank_file.with_name('bank.xx.toml')}: field 'questions': ")
    assert "left-out" in message


def test_a_translation_of_nothing_in_the_bank_is_refused(bank_file: Path) -> None:
    layer = bank_file.with_name("bank.xx.toml")
    with layer.open("a", encoding="utf-8") as out:
        out.write('\n[themes.no-such-theme]\ntitle = "XX"\n')
    with pytest.raises(BankError, match="the bank has no theme 'no-such-theme'"):
        load_bank(bank_file, lang="xx")


def test_a_question_must_have_one_statement_per_level(bank_file: Path) -> None:
    question = BANK.questions[0]
    last = json.dumps(f"XX {question.options[-1].text}", ensure_ascii=False)
    message = refused(bank_file, (f", {last}]", "]"))
    assert f"question '{question.id}' field 'options'" in message
    assert f"{len(question.options) - 1} statements, the bank has {len(question.options)}" in (
        message
    )


def test_a_missing_field_and_an_unknown_field_are_named(bank_file: Path) -> None:
    area = BANK.dimensions[0]
    described = f"description = {json.dumps('XX ' + area.description, ensure_ascii=False)}"
    message = refused(bank_file, (described, "descripton = 'XX'"))
    assert f"dimension '{area.id}' field 'descripton'" in message


def test_a_layer_must_say_its_own_language(bank_file: Path) -> None:
    message = refused(bank_file, ('language = "xx"', 'language = "fr"'))
    assert "says 'fr', but the file is the 'xx' layer" in message


def test_a_language_without_a_layer_names_the_file_to_add(bank_file: Path) -> None:
    with pytest.raises(BankError) as caught:
        load_bank(bank_file, lang="de")
    assert str(caught.value).startswith(f"{bank_file.with_name('bank.de.toml')}: cannot read")
    assert "no 'de' text without it" in str(caught.value)


@pytest.mark.parametrize(
    "layer",
    sorted(path.name for path in (ROOT / "quiz").glob("bank*.*.toml")),
)
def test_every_layer_the_package_ships_translates_its_whole_bank(layer: str) -> None:
    stem, language = layer.removesuffix(".toml").rsplit(".", 1)
    version = int(stem.removeprefix("bank_v")) if stem.startswith("bank_v") else None
    bank = load_bank(version=version, lang=language)
    assert bank.language == language
    base = load_bank(version=version)
    assert [q.id for q in bank.questions] == [q.id for q in base.questions]
    assert all(q.text and all(o.text for o in q.options) for q in bank.questions)
