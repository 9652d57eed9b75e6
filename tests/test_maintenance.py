"""What keeps a content maintainer's edits safe: the build reads the question bank afresh on
every (live) rebuild, and a page's broken front matter stops the build with a message that
names the page and says what to write."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

import macros
from quiz import load_bank
from tests.harness import ROOT


def load_hook(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"hooks_{name}", ROOT / "hooks" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


FRONT = load_hook("front_matter")
LEVEL_3 = "levels/level-3.md"


class FakeEnv:
    """Just enough of mkdocs-macros' env for ``define_env``."""

    def __init__(self) -> None:
        self.variables: dict[str, Any] = {}

    def macro(self, function: Any) -> Any:
        return function


def test_each_build_reads_the_question_bank_afresh_so_live_reload_shows_edits() -> None:
    """`make serve` rebuilds in the same process: a cached bank would hide every edit to
    bank.toml, and every mistake in it, until a restart."""
    first, second = FakeEnv(), FakeEnv()
    macros.define_env(first)
    macros.define_env(second)
    assert first.variables["quiz_bank"] == second.variables["quiz_bank"]
    assert first.variables["quiz_bank"] is not second.variables["quiz_bank"]


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
        assert FRONT.front_matter_problem(uri, markdown, meta, levels.get(uri)) is None, uri
