"""Numbers in sentences follow the language in use: a French sentence writes "1,21" where an
English one writes "1.21" (the team page's spread, the command line's team table, a result's
average and threshold, the worked example of "How scoring works"). The separator comes from
each catalog's ``language.toml`` (``decimal``), so a new language only adds its catalog; the
JSON numbers the pages format themselves (with Intl) stay numbers."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from quiz import encode, load_bank, open_code
from quiz.build import catalog_problems, in_language, main, scoring_rules_markdown
from quiz.errors import BankError
from quiz.web import decode_json, team_json
from tests.french_support import CATALOGS, NBSP
from tests.quiz_support import BANK, V2_CASES, flat
from tests.test_catalog import planted  # noqa: F401  (the catalogs copied to tmp_path, read instead)

#: Three people at levels 2, 4 and 3 everywhere: every area's mean is 3, its spread 0.82.
TEAM = [encode(BANK, flat(BANK, level)) for level in (2, 4, 3)]
POINT_NUMBER = re.compile(r"\d\.\d")


def team(language: str) -> Any:
    with in_language(language):
        reply = json.loads(team_json("\n".join(f"P{n}: {c}" for n, c in enumerate(TEAM))))
    assert reply["ok"], reply
    return reply["result"]


def table(*args: str) -> list[str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*args, "team", "--table", *TEAM]) == 0
    return out.getvalue().splitlines()


def test_each_catalog_names_its_decimal_separator() -> None:
    import tomllib

    heads = {
        name: tomllib.loads((CATALOGS / name / "language.toml").read_text("utf-8"))["catalog"]
        for name in ("en", "fr")
    }
    assert (heads["en"]["decimal"], heads["fr"]["decimal"]) == (".", ",")


def test_the_team_pages_spread_sentence_has_a_decimal_comma_in_french() -> None:
    english, french = team("en"), team("fr")
    first_en, first_fr = english["disagreements"][0], french["disagreements"][0]
    assert first_fr["spread"] == first_en["spread"] == pytest.approx(0.82)  # still a number
    assert "(spread 0.82);" in first_en["sentence"]
    assert f"(dispersion 0,82){NBSP};" in first_fr["sentence"]
    sentences = [row["sentence"] for row in french["disagreements"]]
    assert [s for s in sentences if POINT_NUMBER.search(s)] == []
    # The table's numbers stay numbers: the page writes them with Intl in its own language.
    assert all(isinstance(area["mean"], float) for area in french["dimensions"])


def test_the_command_line_team_table_writes_decimals_as_the_language_does() -> None:
    english, french = table(), table("--lang", "fr")
    row_en = next(line for line in english if line.startswith(BANK.dimensions[0].name))
    assert row_en.split()[-3:] == ["3.00", "0.82", "2-4"]
    with in_language("fr"):
        french_name = load_bank().dimensions[0].name
    row_fr = next(line for line in french if line.startswith(french_name))
    assert row_fr.split()[-3:] == ["3,00", "0,82", "2-4"]
    spreads = [line for line in french if ", dispersion " in line]
    assert spreads
    assert all(re.search(r"dispersion \d+,\d\d, ", line) for line in spreads), spreads


@pytest.mark.parametrize("case", V2_CASES, ids=lambda case: str(case["code"])[:12])
def test_a_results_average_and_threshold_have_a_decimal_comma_in_french(
    case: dict[str, Any],
) -> None:
    replies = {}
    for language in ("en", "fr"):
        with in_language(language):
            replies[language] = json.loads(decode_json(str(case["code"])))["result"]
    why_en, why_fr = replies["en"]["why"], replies["fr"]["why"]
    if why_en is None:
        assert why_fr is None
        return
    english = re.findall(r"\d+\.\d+", why_en)
    assert english, why_en  # an average, and the next level's threshold when there is one
    assert re.findall(r"\d+,\d+", why_fr) == [number.replace(".", ",") for number in english]
    assert not POINT_NUMBER.search(why_fr), why_fr


def test_the_worked_example_writes_its_average_as_the_language_does() -> None:
    pages = {}
    for language in ("en", "fr"):
        with in_language(language):
            pages[language] = scoring_rules_markdown(open_code(V2_CASES[0]["code"]).bank)
    english = re.search(r"the areas average (\d+)\.(\d+)", pages["en"])
    assert english, "the English worked example writes no average"
    assert f"la moyenne des axes est de {english[1]},{english[2]}," in pages["fr"]


@pytest.mark.usefixtures("planted")
def test_a_catalog_without_its_decimal_separator_is_refused(tmp_path: Path) -> None:
    head = tmp_path / "catalog" / "fr" / "language.toml"
    text = head.read_text(encoding="utf-8")
    head.write_text(re.sub(r"(?m)^decimal = .*\n", "", text), encoding="utf-8")
    with pytest.raises(BankError, match=r"quiz/catalog/fr/language.toml: .*decimal"):
        catalog_problems()
