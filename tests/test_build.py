"""The build refuses a broken question bank, naming the file, the question or dimension and the
field; it accepts a bank grown as the bank's header instructs, its layer in each other language
(``grown.fr.toml``) grown too, and stops, naming the file to add, when that layer is missing.

Each broken bank is the packaged one with a single change, located from the loaded bank (never
from today's ids), and checked to load with exactly that change before the build runs."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from harness import ROOT, load_hook, make_copy, run_mkdocs_build
from quiz import Bank, load_bank, parse_bank
from quiz.errors import BankError
from tests.quiz_support import grown, v1_bank

BANK = load_bank()
BANK_TEXT = (ROOT / "quiz" / "bank.toml").read_text(encoding="utf-8")
#: The bank's other languages: a layer beside it for each (``quiz/bank.fr.toml``).
LAYERS = sorted((ROOT / "quiz").glob("bank.*.toml"))


def build_with_bank(bank: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """Build a copy of the project whose site.json names ``bank`` (``extra.bank``)."""
    project = make_copy(out.with_name(out.name + "-project"), extra={"bank": str(bank)})
    return run_mkdocs_build(out, project)


def replace_after(text: str, marker: str, old: str, new: str) -> str:
    """Replace the first ``old`` that follows ``marker`` (which must be unique)."""
    assert text.count(marker) == 1, marker
    start = text.index(marker)
    at = text.index(old, start)
    return text[:at] + new + text[at + len(old) :]


def write_bank(tmp_path: Path, name: str, text: str) -> Path:
    """The bank file, with the packaged bank's layers beside it (``name.fr.toml``), as a site
    built in several languages needs: the build is to stop at the bank's own mistake."""
    assert text != BANK_TEXT
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for layer in LAYERS:
        language = layer.name.split(".")[1]
        shutil.copyfile(layer, path.with_suffix(f".{language}.toml"))
    return path


def failed_output(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def without_option(text: str, question_id: str, level: int) -> str:
    """The bank text without the [[questions.options]] block of ``level`` in that question."""
    lines = text.splitlines(keepends=True)
    at = lines.index(f'id = "{question_id}"\n')
    for i in range(at, len(lines)):
        if lines[i].strip() == "[[questions.options]]" and lines[i + 1].strip() == (
            f"level = {level}"
        ):
            end = i + 1
            while end < len(lines) and not lines[end].startswith("["):
                end += 1
            return "".join(lines[:i] + lines[end:])
    raise AssertionError(f"no level {level} option after question {question_id}")


def test_a_question_with_a_missing_level_statement_fails_the_build(tmp_path: Path) -> None:
    question = BANK.questions[0]
    level = BANK.top
    broken = without_option(BANK_TEXT, question.id, level)
    with pytest.raises(BankError) as caught:
        parse_bank(tomllib.loads(broken), "check")
    assert str(caught.value) == (
        f"check: question '{question.id}' field 'options': missing statement for level {level}"
    )
    path = write_bank(tmp_path, "broken-bank.toml", broken)
    output = failed_output(build_with_bank(path, tmp_path / "site"))
    assert "broken-bank.toml" in output
    assert f"question '{question.id}' field 'options'" in output
    assert f"missing statement for level {level}" in output


def tomllib_string(value: str) -> str:
    """How the bank writes a text value (a basic TOML string)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_an_option_basis_with_a_missing_anchor_fails_the_build_naming_question_and_field(
    tmp_path: Path,
) -> None:
    question = BANK.questions[len(BANK.questions) // 2]
    option = next(o for o in question.options if not o.addition)
    page = option.basis.partition("#")[0]
    broken = replace_after(
        BANK_TEXT,
        f'id = "{question.id}"\n',
        f"basis = {tomllib_string(option.basis)}",
        f'basis = "{page}#no-such-section"',
    )
    changed = parse_bank(tomllib.loads(broken), "check").question(question.id)
    assert changed.option(option.level).basis == f"{page}#no-such-section"
    path = write_bank(tmp_path, "bad-basis.toml", broken)
    output = failed_output(build_with_bank(path, tmp_path / "site"))
    assert "bad-basis.toml" in output
    assert f"question '{question.id}' option {option.level} field 'basis'" in output
    assert f"{page} has no anchor #no-such-section" in output


def test_a_dimension_step_with_a_missing_anchor_fails_the_build_naming_dimension_and_field(
    tmp_path: Path,
) -> None:
    """A step renamed in the bank (in the [[steps]] list and every area that links to it) but
    not on its page: the build names the step and each area and field that uses it."""
    dimension = BANK.dimensions[-1]
    level = BANK.level_numbers[len(BANK.level_numbers) // 2]
    step = dimension.step(level)
    page = step.partition("#")[0]
    broken = BANK_TEXT.replace(f'"{step}"', f'"{page}#no-such-step"')
    changed = parse_bank(tomllib.loads(broken), "check").dimension(dimension.id)
    assert changed.step(level) == f"{page}#no-such-step"
    path = write_bank(tmp_path, "bad-step.toml", broken)
    output = failed_output(build_with_bank(path, tmp_path / "site"))
    assert "bad-step.toml" in output
    assert f"dimension '{dimension.id}' field 'steps.{level}'" in output
    assert f"{page} has no anchor #no-such-step" in output


def grown_layer(layer: Path) -> str:
    """CONTRIBUTING's step 5 for the grown question: the layer with a table for it, its text
    and five statements in the layer's language (the copied question's, as the bank's are)."""
    language = layer.name.split(".")[1]
    copied = load_bank(lang=language).question(grown().copied)
    statements = "".join(f"  {json.dumps(o.text, ensure_ascii=False)},\n" for o in copied.options)
    table = (
        f"\n[questions.{grown().question_id}]\n"
        f"text = {json.dumps(copied.text, ensure_ascii=False)}\n"
        f"options = [\n{statements}]\n"
    )
    return layer.read_text(encoding="utf-8") + table


def test_a_bank_grown_by_its_own_instructions_builds(tmp_path: Path) -> None:
    """The steps of CONTRIBUTING's "Add a question" that a bank of a copy takes: the question
    in the bank (step 1) and in each language's layer beside it (step 5). Steps 2 to 4 concern
    the packaged bank's published list and the validation files."""
    assert LAYERS
    path = tmp_path / "grown.toml"
    path.write_text(grown().text, encoding="utf-8")
    for layer in LAYERS:
        (tmp_path / layer.name.replace("bank.", "grown.")).write_text(
            grown_layer(layer), encoding="utf-8"
        )
    result = build_with_bank(path, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    for language in ["", *(f"{layer.name.split('.')[1]}/" for layer in LAYERS)]:
        form = (tmp_path / "site" / language / "assessment" / "index.html").read_text("utf-8")
        assert f'data-question="{grown().question_id}"' in form
        assert f'data-total="{len(BANK.questions) + 1}"' in form
    french = load_bank(lang="fr").question(grown().copied).text
    assert french in (tmp_path / "site" / "fr" / "assessment" / "index.html").read_text("utf-8")


def test_a_bank_without_its_layer_or_the_questions_table_stops_the_build_saying_what_to_add(
    tmp_path: Path,
) -> None:
    """Step 5 skipped: without a layer beside it, the build names the missing file and says
    how to write it, before building any page; with a layer that lacks the new question, it
    names the question and the table to add."""
    path = tmp_path / "grown.toml"
    path.write_text(grown().text, encoding="utf-8")
    output = failed_output(build_with_bank(path, tmp_path / "site"))
    missing = tmp_path / "grown.fr.toml"
    assert f"{missing}: missing. The site is built in 'fr' too" in output
    assert "start from a copy of quiz/bank.fr.toml" in output
    assert "maintainers/translations.md" in output
    assert "FileNotFoundError" not in output
    assert "Traceback" not in output
    missing.write_text((ROOT / "quiz" / "bank.fr.toml").read_text("utf-8"), encoding="utf-8")
    output = failed_output(build_with_bank(path, tmp_path / "site-2"))
    assert f"{missing}: field 'questions': no translation of question" in output
    assert f"add a [questions.{grown().question_id}] table" in output
    assert "Traceback" not in output


# --- every broken link at once (hooks/bank_links.py) ---------------------------------------


def bank_links(bank: Bank) -> list[tuple[str, str]]:
    """(item and field, link) for every link a bank makes, in the file's order."""
    links: list[tuple[str, str]] = []
    for level in bank.levels:
        links.append((f"level {level.number} field 'page'", level.page))
        links += [
            (f"level {level.number} field 'gates.{area}'", basis)
            for area, basis in level.gates.items()
        ]
    links += [
        (f"step #{position} field 'link'", step.link)
        for position, step in enumerate(bank.steps, start=1)
    ]
    links += [
        (f"dimension '{dimension.id}' field 'steps.{number}'", link)
        for dimension in bank.dimensions
        for number, link in dimension.steps.items()
    ]
    links += [
        (f"question '{question.id}' option {option.level} field 'basis'", option.basis)
        for question in bank.questions
        for option in question.options
    ]
    return links


def all_anchors(*banks: Bank) -> dict[str, set[str]]:
    """The pages and anchors a build would collect, if every link of ``banks`` worked."""
    anchors: dict[str, set[str]] = {}
    for bank in banks:
        for _, link in bank_links(bank):
            page, _, anchor = link.partition("#")
            anchors.setdefault(page, set()).add(anchor)
    return anchors


def shared_step(current: Bank, frozen: Bank) -> str:
    """A step link that both banks use."""
    steps = {link for d in frozen.dimensions for link in d.steps.values()}
    return next(link for d in current.dimensions for link in d.steps.values() if link in steps)


def test_every_broken_bank_link_is_listed_at_once_grouped_by_file_with_put_it_back_advice() -> None:
    hook, frozen = load_hook("bank_links"), v1_bank()
    target = shared_step(BANK, frozen)
    page, _, anchor = target.partition("#")
    anchors = all_anchors(BANK, frozen)
    anchors[page].discard(anchor)
    with pytest.raises(PluginError) as caught:
        hook.check_bank_links(BANK, [frozen], anchors)
    lines = str(caught.value).split("\n")
    expected: list[str] = []
    for bank in (BANK, frozen):
        broken = [
            f"  {item}: {page} has no anchor #{anchor}"
            for item, link in bank_links(bank)
            if link == target
        ]
        assert broken
        expected += [f"{bank.source}, {len(broken)} broken links:", *broken]
    assert lines[1:-1] == expected
    assert lines[-1] == (
        f"If you renamed or removed this heading's {{#{anchor}}} anchor on {page}, put it back:"
        " the question bank and result links that readers already have depend on it."
        f" {frozen.source} is frozen and must never be edited."
    )


def test_broken_links_to_several_anchors_are_all_listed_and_counted_by_anchor() -> None:
    hook, frozen = load_hook("bank_links"), v1_bank()
    first = shared_step(BANK, frozen)
    second = next(link for _, link in bank_links(BANK) if "#" in link and link != first)
    anchors = all_anchors(BANK, frozen)
    for target in (first, second):
        page, _, anchor = target.partition("#")
        anchors[page].discard(anchor)
    report: str = hook.broken_links_report(BANK, [frozen], anchors)
    for bank in (BANK, frozen):
        for item, link in bank_links(bank):
            page, _, anchor = link.partition("#")
            if link in (first, second):
                assert f"\n  {item}: {page} has no anchor #{anchor}\n" in report
    count = sum(link == second for _, link in bank_links(BANK) + bank_links(frozen))
    assert f" {second} ({count})" in report
    assert f"Correct any link in {BANK.source} that is simply wrong" in report
    assert report.endswith(f"{frozen.source} is frozen and must never be edited.")


def test_a_build_lists_every_broken_link_of_the_bank_not_only_the_first(tmp_path: Path) -> None:
    questions = [q for q in BANK.questions if not q.option(BANK.lowest).addition][:2]
    page = BANK.level(BANK.lowest).page
    broken = BANK_TEXT
    for question in questions:
        basis = question.option(BANK.lowest).basis
        broken = replace_after(
            broken,
            f'id = "{question.id}"\n',
            f"basis = {tomllib_string(basis)}",
            f'basis = "{page}#no-such-section"',
        )
    path = write_bank(tmp_path, "two-broken.toml", broken)
    output = failed_output(build_with_bank(path, tmp_path / "site"))
    assert f"{path}, 2 broken links:" in output
    for question in questions:
        assert (
            f"  question '{question.id}' option {BANK.lowest} field 'basis': "
            f"{page} has no anchor #no-such-section" in output
        )
    assert f"If it never existed, correct the link in {path}." in output
