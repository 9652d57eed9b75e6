"""Where code lives: a small public API for ``quiz``, private modules by job that nothing outside
the package imports, a browser wheel whose contents follow the layout, and modules small enough
to read.

Each rule is checked by a function that returns what breaks it, so that a planted breach shows
the check can fail.
"""

from __future__ import annotations

import ast
import importlib
import re
import shutil
import zipfile
from pathlib import Path

import pytest

import quiz
from harness import ROOT, load_hook
from quiz import web
from quiz.build import pack_files

#: The project's Python, outside the package: what may use ``quiz`` only through its public API.
USERS = ("tests", "hooks", "harness", "benchmark", "scripts", "macros.py")
#: The project's Python that is held to the size limit.
SIZED = ("quiz", "hooks", "harness", "benchmark", "scripts", "macros.py")
MAX_LINES = 400
MAX_PUBLIC_NAMES = 12


def python_files(*names: str, root: Path = ROOT) -> list[Path]:
    files: list[Path] = []
    for name in names:
        path = root / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [path for path in files if "__pycache__" not in path.parts]


def private_imports(source: str) -> list[str]:
    """The private ``quiz`` modules a piece of code imports (or names to patch)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        modules: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            modules = [node.value] if node.value.startswith("quiz.") else []
        for module in modules:
            parts = module.split(".")
            if parts[0] == "quiz" and any(part.startswith("_") for part in parts[1:]):
                found.append(module)
    return found


def test_quiz_has_a_small_public_api_and_every_name_in_it_exists() -> None:
    assert len(quiz.__all__) <= MAX_PUBLIC_NAMES
    assert len(set(quiz.__all__)) == len(quiz.__all__)
    for name in quiz.__all__:
        assert getattr(quiz, name).__doc__, f"quiz.{name} says what it is"


# This file itself is left out: its planted examples name private modules on purpose.
@pytest.mark.parametrize(
    "path",
    [path for path in python_files(*USERS) if path != Path(__file__).resolve()],
    ids=lambda path: path.name,
)
def test_no_test_hook_or_script_imports_a_private_module_of_quiz(path: Path) -> None:
    assert private_imports(path.read_text(encoding="utf-8")) == []


def test_the_private_import_check_finds_each_way_of_reaching_in() -> None:
    planted = (
        "from quiz._bank.model import Bank\n"
        "import quiz._teams.team\n"
        "from quiz.build import _cli\n"
        "patch = 'quiz._results.codes.site'\n"
        "from quiz import load_bank\nfrom quiz.build import site\n"
    )
    assert private_imports(planted) == [
        "quiz._bank.model",
        "quiz._bank.model.Bank",
        "quiz._teams.team",
        "quiz.build._cli",
        "quiz._results.codes.site",
    ]


def long_modules(files: list[Path], root: Path = ROOT) -> list[str]:
    lines = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in files}
    return [f"{path.relative_to(root)}: {n}" for path, n in lines.items() if n > MAX_LINES]


def test_no_python_module_of_the_project_is_over_400_lines() -> None:
    files = python_files(*SIZED) + python_files("tests")
    assert len(files) > 50
    assert long_modules(files) == []


def test_the_size_check_names_a_long_module(tmp_path: Path) -> None:
    (tmp_path / "short.py").write_text("x = 1\n" * MAX_LINES, encoding="utf-8")
    (tmp_path / "long.py").write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    files = python_files("short.py", "long.py", root=tmp_path)
    assert long_modules(files, root=tmp_path) == [f"long.py: {MAX_LINES + 1}"]


# --- the browser's wheel follows the layout --------------------------------------------------


def wheel_modules(wheel: Path) -> dict[str, str]:
    with zipfile.ZipFile(wheel) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith(".py")
        }


def build_only_imports(modules: dict[str, str]) -> list[str]:
    """Modules of the wheel that import the build-only side (``quiz.build``)."""
    found = []
    for name, source in modules.items():
        package = name.removesuffix(".py").replace("/", ".").rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.ImportFrom):
                continue
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            module = node.module or ""
            target = ".".join([*base, module]) if node.level else module
            if target == "quiz.build" or target.startswith("quiz.build."):
                found.append(f"{name}: {target}")
    return found


def built_languages(site_dir: Path) -> set[str]:
    """The languages a built site's pages are written in, as their ``<html lang>`` says."""
    return {
        found[1]
        for page in site_dir.rglob("index.html")
        if (found := re.search(r'<html\b[^>]*\blang="([^"]+)"', page.read_text(encoding="utf-8")))
    }


def test_the_wheel_holds_the_browser_side_of_the_package_and_nothing_built_only(
    site_dir: Path,
) -> None:
    [wheel] = (site_dir / "pyodide").glob("*.whl")
    shipped = wheel_modules(wheel)
    package = ROOT / "quiz"
    browser_side = {
        path.relative_to(ROOT).as_posix()
        for path in python_files("quiz")
        if "build" not in path.relative_to(package).parts[:1] and path.name != "__main__.py"
    }
    assert set(shipped) == browser_side
    data = {name for name in zipfile.ZipFile(wheel).namelist() if name.endswith(".toml")}
    site_languages = built_languages(site_dir)
    assert "en" in site_languages
    for language in web.languages():  # the text of the bank's own language only
        assert (f"quiz/catalog/{language}/links.toml" in data) == (language == "en")
        assert f"quiz/bank.{language}.toml" not in data
    # Each other language the site is built in has its pack, with its text and no other's.
    others = site_languages - {"en"}
    assert others
    packs = {path.name for path in (site_dir / "pyodide").glob("ex_quiz-lang-*.zip")}
    assert packs == {f"ex_quiz-lang-{language}.zip" for language in others}
    for language in others:
        pack = site_dir / "pyodide" / f"ex_quiz-lang-{language}.zip"
        names = set(zipfile.ZipFile(pack).namelist())
        assert {
            f"quiz/catalog/{language}/language.toml",
            f"quiz/bank.{language}.toml",
            f"quiz/bank_v1.{language}.toml",
        } <= names
        assert all(f".{language}." in name or f"/{language}/" in name for name in names)
    assert not any(name.startswith("quiz/build/") for name in shipped)
    assert build_only_imports(shipped) == []
    for name in shipped:  # each imports under CPython as it does in the browser
        importlib.import_module(
            name.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        )


def test_the_build_only_import_check_finds_relative_and_absolute_imports() -> None:
    planted = {
        "quiz/web.py": "from .build import main\n",
        "quiz/_teams/team.py": "from ..build._cli import main\n",
        "quiz/_bank/model.py": "from quiz.build import site\n",
        "quiz/errors.py": "from ._bank import model\n",
    }
    assert build_only_imports(planted) == [
        "quiz/web.py: quiz.build",
        "quiz/_teams/team.py: quiz.build._cli",
        "quiz/_bank/model.py: quiz.build",
    ]


def test_a_module_placed_on_either_side_of_the_layout_is_in_the_wheel_or_not(
    tmp_path: Path,
) -> None:
    """No list names the build-only modules: the folder decides. In a copy of the package, a
    new module beside the scorer ships; the same module in quiz/build/ does not."""
    assets = load_hook("pyodide_assets")
    source = tmp_path / "quiz"
    shutil.copytree(ROOT / "quiz", source, ignore=shutil.ignore_patterns("__pycache__"))
    (source / "_results" / "planted_browser.py").write_text('"""Ships."""\n', encoding="utf-8")
    (source / "build" / "_planted_build.py").write_text('"""Stays."""\n', encoding="utf-8")
    copied = tmp_path / "copied"
    shutil.copytree(source, copied, ignore=assets.browser_side_of(source, ("en",)))
    kept = {path.relative_to(copied).as_posix() for path in copied.rglob("*.py")}
    assert "_results/planted_browser.py" in kept
    assert not any(name.startswith("build/") for name in kept)
    assert "__main__.py" not in kept
    assert "web.py" in kept


def test_a_language_pack_holds_its_catalog_and_the_layers_of_the_bank_the_site_scores_with(
    tmp_path: Path,
) -> None:
    """The wheel holds the bank's own language (every first visit downloads it); each other
    language is a pack of its own, downloaded on its pages only (some 30 kB each). A copy that
    scores with its own bank (``extra.bank``) gets that bank's layer, under the name the wheel
    gives the bank."""
    assets = load_hook("pyodide_assets")
    copied = tmp_path / "wheel"
    shutil.copytree(ROOT / "quiz", copied, ignore=assets.browser_side_of(ROOT / "quiz", ("en",)))
    files = {path.relative_to(copied).as_posix() for path in copied.rglob("*.toml")}
    assert {"bank.toml", "bank_v1.toml", "catalog/en/language.toml"} <= files
    assert not any(".fr." in name or name.startswith("catalog/fr/") for name in files)
    own = tmp_path / "banks" / "our-bank.toml"
    own.parent.mkdir()
    own.write_text("# a copy's bank\n", encoding="utf-8")
    own.with_suffix(".fr.toml").write_text("# its French\n", encoding="utf-8")
    for bank, layer in (
        (ROOT / "quiz" / "bank.toml", ROOT / "quiz" / "bank.fr.toml"),
        (own, own.with_suffix(".fr.toml")),
    ):
        pack = pack_files(ROOT / "quiz", bank, "fr")
        assert pack["quiz/bank.fr.toml"] == layer
        assert pack["quiz/bank_v1.fr.toml"] == ROOT / "quiz" / "bank_v1.fr.toml"
        assert pack["quiz/catalog/fr/teams.toml"] == ROOT / "quiz" / "catalog" / "fr" / "teams.toml"
        assert all(".fr." in name or name.startswith("quiz/catalog/fr/") for name in pack)
