"""The site's identity is set once, in site.json, and a copy changes only that file: what the
identity derives (the path, the bank, the namespace) and how copies are made and tested."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from harness import ROOT, make_copy, project_files
from quiz.build import SETTINGS, Site, site


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "copies_script", ROOT / "scripts" / "test_copies.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


test_copies = _script()


def identity(url: str) -> Site:
    return Site(name="x", url=url, repository="r", code_namespace="n", bank="quiz/bank.toml")


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("https://ex-maturity.github.io/ex-maturity-playbook/", "/ex-maturity-playbook/"),
        ("https://example-org.github.io/people-playbook", "/people-playbook/"),
        ("https://playbook.example.org/", "/"),
        ("https://playbook.example.org", "/"),
        ("https://example.org/a/b/", "/a/b/"),
    ],
)
def test_the_site_path_is_site_urls_path(url: str, path: str) -> None:
    assert identity(url).path == path


def test_mkdocs_inherits_the_identity_and_sets_none_of_it_again() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^INHERIT: site\.json$", config, re.M)
    for key in ("site_name", "site_url", "repo_url", "repo_name", "code_namespace", "bank"):
        assert not re.search(rf"^\s*{key}:", config, re.M), key
    settings = json.loads((ROOT / SETTINGS).read_text(encoding="utf-8"))
    assert settings["site_url"] == site().url
    assert settings["extra"]["code_namespace"] == site().code_namespace


def run_python(project: Path, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_copy_differs_from_the_project_only_in_site_json(tmp_path: Path) -> None:
    copy = make_copy(
        tmp_path / "copy",
        {"site_url": "https://playbook.example.org/", "site_name": "Ours"},
        extra={"code_namespace": "example-org-ex"},
    )
    mine = set(project_files())
    assert set(project_files(copy)) == mine
    changed = [
        name for name in sorted(mine) if (ROOT / name).read_bytes() != (copy / name).read_bytes()
    ]
    assert changed == [SETTINGS]
    # Python in the copy reads the copy's identity, not this checkout's.
    shown = run_python(
        copy, "from quiz.build import site; s = site(); print(s.path, s.name, s.code_namespace)"
    )
    assert shown.stdout.split() == ["/", "Ours", "example-org-ex"], shown.stderr


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (
            {"extra": {"code_namespace": "Has Spaces", "bank": "quiz/bank.toml"}},
            "extra.code_namespace",
        ),
        ({"site_url": "example.org/playbook/"}, "site_url"),
        ({"extra": {"code_namespace": "ours", "bank": "banks/missing.toml"}}, "extra.bank"),
    ],
)
def test_a_broken_site_json_is_named_with_the_field_to_fix(
    tmp_path: Path, change: dict[str, object], named: str
) -> None:
    copy = make_copy(tmp_path / "copy", change)
    shown = run_python(copy, "from quiz import load_bank; load_bank()")
    assert shown.returncode != 0
    assert f"site.json: field '{named}'" in shown.stderr.strip().splitlines()[-1]


def test_the_bank_setting_is_what_the_command_line_reads(tmp_path: Path) -> None:
    """One setting (site.json's extra.bank) for the build, the hooks, the macros, the wheel
    and the command line: a copy naming another bank file lists that bank's questions."""
    text = (ROOT / "quiz" / "bank.toml").read_text(encoding="utf-8")
    question = re.search(r'^text = "(.+)"$', text, re.M)
    assert question
    other = tmp_path / "our-bank.toml"
    other.write_text(text.replace(question[1], "Our own first question?", 1), encoding="utf-8")
    copy = make_copy(tmp_path / "copy", extra={"bank": str(other)})
    shown = subprocess.run(
        [sys.executable, "-m", "quiz", "bank", "--json"],
        cwd=copy,
        env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Our own first question?" in shown.stdout, shown.stderr


def test_make_test_runs_the_copies_last_and_a_copy_does_not_test_copies_of_itself(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest: ", 1)[1].split("\n\n", 1)[0].splitlines()
    assert recipe[-2].strip().endswith("-m pytest $(PYTEST_JOBS)")
    assert recipe[-1].strip() == "$(PY) scripts/test_copies.py $(COPIES)"
    assert "COPIES := $(if $(CI),--full,)" in makefile  # CI runs each copy's whole suite
    assert {"project", "domain"} == set(test_copies.COPIES)
    paths = {
        Site(**{**site().__dict__, "url": c["site_url"]}).path for c in test_copies.COPIES.values()
    }
    assert sorted(path == "/" for path in paths) == [False, True]  # a sub-path, and the root
    monkeypatch.setenv(test_copies.GUARD, "project")
    assert test_copies.main([]) == 0
    assert "its copies are not tested" in capsys.readouterr().out


def test_make_serve_prints_the_address_from_site_json() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "SITE_PATH = $$($(PY) -c 'from quiz.build import site; print(site().path)')" in makefile
    serve = makefile.split("\nserve: ", 1)[1].split("\n\n", 1)[0]
    assert "http://$(HOST):$(PORT)$(SITE_PATH)" in serve
    assert "ex-maturity-playbook" not in makefile


def test_a_copy_with_its_own_namespace_refuses_the_originals_link_with_a_sentence(
    tmp_path: Path,
) -> None:
    """A real copy (its site.json sets another extra.code_namespace) given a result link
    from the original site: the command line, like the page, says where the link comes from
    instead of reading it against the copy's questions."""
    from quiz import encode, load_bank
    from quiz.errors import OTHER_SITE

    bank = load_bank()
    link = site().url + "levels/level-2/#result=" + encode(bank, {q.id: 2 for q in bank.questions})
    copy = make_copy(tmp_path / "copy", extra={"code_namespace": "example-org-ex"})
    shown = subprocess.run(
        [sys.executable, "-m", "quiz", "decode", link],
        cwd=copy,
        env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert shown.returncode != 0
    assert " ".join(OTHER_SITE.split()) in " ".join((shown.stdout + shown.stderr).split())
    # The same link opens on the original.
    here = subprocess.run(
        [sys.executable, "-m", "quiz", "decode", link],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert here.returncode == 0, here.stderr
