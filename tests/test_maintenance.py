"""What keeps a content maintainer's edits safe: the build reads the question bank afresh on
every (live) rebuild, and a page's broken front matter stops the build with a message that
names the page and says what to write."""

from __future__ import annotations

import importlib.resources
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from harness import ROOT, copy_environment, load_hook, make_copy
from quiz import Bank, load_bank, parse_bank
from quiz.build import (
    frozen_problems,
    load_personas,
    load_published,
    parse_published,
    published_problems,
    source_page,
)
from quiz.errors import BankError
from tests.quiz_support import bank_data, grown_bank

FRONT = load_hook("front_matter")
LEVEL_3 = "levels/level-3.md"


class FakeEnv:
    """Just enough of mkdocs-macros' env for ``define_env``."""

    def __init__(self) -> None:
        self.variables: dict[str, Any] = {}

    def macro(self, function: Any) -> Any:
        return function


LIVE_RELOAD = """
import json, sys
from pathlib import Path
sys.path.insert(0, ".")
import macros
from quiz.build import build_context
from quiz.errors import BankError


class Env:
    def __init__(self) -> None:
        self.variables = {}
        self.conf = object()  # each build (and each live reload) has its own configuration

    def macro(self, function):
        return function


def bank_of_a_build():
    env = Env()
    macros.define_env(env)
    assert build_context(env.conf).bank is env.variables["quiz_bank"]  # one context per build
    return env.variables["quiz_bank"]


first = bank_of_a_build()
same = bank_of_a_build() is first
bank = Path("quiz/bank.toml")
text = bank.read_text(encoding="utf-8")
name = first.levels[0].name
bank.write_text(text.replace(f'"{name}"', f'"{name} edited"', 1), encoding="utf-8")
edited = bank_of_a_build().levels[0].name
bank.write_text(text.replace("\\n[[levels]]\\n", "\\n[[levels]\\n", 1), encoding="utf-8")
try:
    bank_of_a_build()
    broken = "built"
except Exception as error:
    broken = str(error)
print(json.dumps({"same": same, "name": name, "edited": edited, "broken": broken}))
"""


def test_each_build_reads_the_question_bank_afresh_so_live_reload_shows_edits(
    tmp_path: Path,
) -> None:
    """`make serve` rebuilds in the same process: a cached bank would hide every edit to
    bank.toml, and every mistake in it, until a restart. In a copy of the project, three
    builds in one process: unchanged, after an edit, after a mistake."""
    copy = make_copy(tmp_path / "copy")
    proc = subprocess.run(
        [sys.executable, "-c", LIVE_RELOAD],
        cwd=copy,
        env={**os.environ, **copy_environment(copy)},
        capture_output=True,
        text=True,
        check=True,
    )
    seen = json.loads(proc.stdout)
    assert seen["same"] is True  # an unchanged bank is not read again
    assert seen["edited"] == seen["name"] + " edited"
    assert seen["broken"].startswith("The question bank is invalid: quiz/bank.toml")


def problem(source: str, level: int | None = 3) -> str | None:
    markdown, meta = get_data(source)
    result: str | None = FRONT.front_matter_problem(LEVEL_3, markdown, meta, level)
    return result


GOOD = "---\ndescription: How a team-led organisation works.\nlevel: 3\n---\n\n# Level 3\n"


def test_a_well_formed_level_page_passes() -> None:
    assert problem(GOOD) is None


@pytest.mark.parametrize(
    ("source", "says"),
    [
        (GOOD.replace("How a team-led", "Level 3: how a team-led"), "could not be read"),
        (GOOD.replace("level: 3\n---\n", "level: 3\n"), "could not be read"),
        (
            GOOD.removeprefix("---\n").replace("description: How", "description: >-\n  How"),
            "first line",
        ),
        (GOOD.replace("description: How a team-led organisation works.\n", ""), "no description"),
        (GOOD.replace("level: 3\n", ""), "has no level: line"),
        (GOOD.replace("level: 3", "level: 4"), "says level: 4"),
        (GOOD.replace("level: 3", "level: three"), "says level: three"),
    ],
    ids=[
        "colon-unquoted",
        "no-closing-dashes",
        "no-opening-dashes",
        "no-description",
        "no-level",
        "wrong-level",
        "level-in-words",
    ],
)
def test_broken_front_matter_is_named_with_the_page_and_what_to_write(
    source: str, says: str
) -> None:
    found = problem(source)
    assert found is not None
    assert found.startswith("docs/levels/level-3.md: ")
    assert says in found
    assert "---" in found  # says where the front matter is


def test_the_hook_stops_the_build_on_broken_front_matter_and_passes_good_pages() -> None:
    FRONT.on_pre_build(config=None)  # reads the bank's level pages, as each build does
    file = SimpleNamespace(src_uri=LEVEL_3)
    wrong = SimpleNamespace(file=file, meta={"description": "Fine.", "level": 4})
    with pytest.raises(PluginError, match="must say level: 3"):
        FRONT.on_page_markdown("# Level 3", page=wrong, config=None, files=None)
    right = SimpleNamespace(file=file, meta={"description": "Fine.", "level": 3})
    assert FRONT.on_page_markdown("# Level 3", page=right, config=None, files=None) == ("# Level 3")


def test_every_level_page_of_the_bank_passes_the_check() -> None:
    for level in load_bank().levels:
        source = (ROOT / "docs" / level.page).read_text(encoding="utf-8")
        markdown, meta = get_data(source)
        assert FRONT.front_matter_problem(level.page, markdown, meta, level.number) is None


def test_every_page_has_front_matter_the_check_accepts() -> None:
    levels = {level.page: level.number for level in load_bank().levels}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        uri = path.relative_to(ROOT / "docs").as_posix()
        markdown, meta = get_data(path.read_text(encoding="utf-8"))
        level = levels.get(source_page(uri))  # a translation is the same level's page
        assert FRONT.front_matter_problem(uri, markdown, meta, level) is None, uri


# ---------------------------------------------------------------------------------------------
# Published question numbers: result links keep meaning what they meant.

PUBLISHED = load_published()


def with_numbers(**numbers: int) -> Bank:
    """The packaged bank with some questions renumbered (id with ``_`` for ``-``)."""
    data = bank_data()
    for question in data["questions"]:
        key = question["id"].replace("-", "_")
        if key in numbers:
            question["number"] = numbers[key]
    return parse_bank(data, "quiz/bank.toml")


def without(question_id: str, *, retire: bool) -> Bank:
    data = bank_data()
    gone = next(q for q in data["questions"] if q["id"] == question_id)
    data["questions"].remove(gone)
    if retire:
        data["retired"] = [*data.get("retired", []), gone["number"]]
    return parse_bank(data, "quiz/bank.toml")


def test_the_packaged_bank_matches_its_published_numbers() -> None:
    bank = load_bank()
    assert published_problems(bank, PUBLISHED) == []
    current = {q.id: q.number for q in bank.questions}
    assert {q: n for q, n in PUBLISHED.items() if n not in bank.retired} == current
    assert {n for q, n in PUBLISHED.items() if q not in current} == set(bank.retired)


def test_swapped_numbers_are_refused_naming_both_questions_and_the_number_to_put_back() -> None:
    first, second = load_bank().questions[:2]
    bank = with_numbers(
        **{first.id.replace("-", "_"): second.number, second.id.replace("-", "_"): first.number}
    )
    problems = published_problems(bank, PUBLISHED)
    assert len(problems) == 2
    assert f"question '{first.id}' has number = {second.number}" in problems[0]
    assert f"put number = {first.number} back" in problems[0]
    assert f"question '{second.id}'" in problems[1]


def test_a_removed_question_must_have_its_number_retired() -> None:
    last = load_bank().questions[-1]
    (problem,) = published_problems(without(last.id, retire=False), PUBLISHED)
    assert f"question '{last.id}' (number {last.number}) is gone" in problem
    assert f"Add {last.number} to retired" in problem
    assert published_problems(without(last.id, retire=True), PUBLISHED) == []


def test_a_new_question_is_asked_for_on_the_published_list_with_its_exact_line() -> None:
    bank = grown_bank()
    new = next(q for q in bank.questions if q.id not in PUBLISHED)
    (problem,) = published_problems(bank, PUBLISHED)
    assert f"Add the line {new.id} = {new.number} under [questions] in quiz/published.toml" in (
        problem
    )


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[questions]\nmetrics-reach = 'one'\n", "must be a whole number"),
        ("metrics-reach = 1\n", "needs a [questions] table"),
        ("[questions]\nmetrics-reach = 1\nmetrics-reach = 2\n", "not valid TOML"),
    ],
)
def test_a_damaged_published_list_is_named(text: str, says: str) -> None:
    with pytest.raises(BankError, match=re.escape(says)):
        parse_published(text.encode(), "quiz/published.toml")


def test_the_build_stops_on_a_published_number_problem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hook = load_hook("published_numbers")
    short = dict(list(PUBLISHED.items())[:-1])  # as if the last question were new
    monkeypatch.setattr(hook, "load_published", lambda: short)
    with pytest.raises(PluginError, match=re.escape("is new. Add the line")):
        hook.on_pre_build(config=None)
    monkeypatch.setattr(hook, "load_published", lambda: PUBLISHED)
    hook.on_pre_build(config=None)  # the real list: no problem


def test_the_bank_command_of_a_copy_whose_list_misses_a_question_says_which(
    tmp_path: Path,
) -> None:
    """A maintainer added a question to bank.toml but not to published.toml."""
    copy = make_copy(tmp_path / "copy")
    listed = copy / "quiz" / "published.toml"
    newest = load_bank().questions[-1].id
    lines = listed.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"{newest} =")]
    assert len(kept) == len(lines) - 1
    listed.write_text("".join(kept), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "quiz", "bank"],
        cwd=copy,
        env={**os.environ, **copy_environment(copy)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode != 0
    assert "is new. Add the line" in proc.stderr


def test_a_persona_answering_a_removed_question_is_named_with_the_file_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    personas = tmp_path / "validation" / "personas.toml"
    personas.parent.mkdir(parents=True)
    personas.write_text(
        '[[personas]]\nname = "Acme"\nkind = "typical"\nexpected = 2\n'
        'justification = "x"\nsource = "levels/level-2.md#at-a-glance"\n'
        "[personas.answers]\nno-such-question = 2\n",
        encoding="utf-8",
    )
    with pytest.raises(BankError) as caught:
        load_personas(personas, load_bank())
    message = str(caught.value)
    assert message.startswith("validation/personas.toml: persona #1 (Acme) field 'answers':")
    assert "remove its line here too" in message


def test_the_frozen_version_1_bank_is_unchanged() -> None:
    assert frozen_problems() == []


def test_an_edited_frozen_bank_is_refused_with_how_to_restore_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even rewording a statement of bank_v1.toml would change what v1 links say."""
    package = ROOT / "quiz"
    for path in [package / "published.toml", *package.glob("bank_v*.toml")]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(importlib.resources, "files", lambda _package: tmp_path)
    assert frozen_problems() == []  # the copy as it is
    bank = tmp_path / "bank_v1.toml"
    bank.write_bytes(bank.read_bytes().replace(b"\n", b"\r\n"))
    assert frozen_problems() == []  # Windows line endings are the same text
    text = bank.read_text(encoding="utf-8")
    first = text.index('text = "') + len('text = "')
    bank.write_text(text[:first] + "Reworded: " + text[first:], encoding="utf-8")
    (problem,) = frozen_problems()
    assert problem.startswith("quiz/bank_v1.toml has changed, but it is frozen")
    assert "git checkout -- quiz/bank_v1.toml" in problem
    layer = tmp_path / "bank_v1.fr.toml"  # its French text is as frozen as its English
    layer.write_text("# " + layer.read_text(encoding="utf-8"), encoding="utf-8")
    assert frozen_problems()[1].startswith("quiz/bank_v1.fr.toml has changed, but it is frozen")


def test_every_frozen_bank_and_its_text_in_each_language_is_recorded_with_its_digest() -> None:
    """Each version that older links use has its bank file, and each of its language layers
    (bank_v1.fr.toml...), listed under [frozen]."""
    import tomllib

    from quiz.build import FROZEN_VERSIONS

    recorded = tomllib.loads((ROOT / "quiz" / "published.toml").read_text("utf-8"))["frozen"]
    frozen = [f"bank_v{version}" for version in FROZEN_VERSIONS]
    files = [path.name for stem in frozen for path in (ROOT / "quiz").glob(f"{stem}.*toml")]
    assert sorted(recorded) == sorted(files)
    assert any(name.count(".") == 2 for name in files)  # the layers are among them
    assert frozen_problems() == []
