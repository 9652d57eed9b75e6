"""``python -m quiz --lang LANG``: every output in a language with a catalog (the bank's text,
the result's sentences, the listing's headings, the error lines); a language without one is
refused naming the missing catalog folder; English stays the default."""

from __future__ import annotations

import json
import tomllib

from quiz import describe, load_bank
from quiz.build import in_language, text
from tests.french_support import NBSP, strings
from tests.quiz_cli_support import assert_bad_input, mixed_answers, run, run_json, run_process
from tests.quiz_support import BANK, ROOT, V1_CASES
from tests.test_french_results import assert_no_english


def french(key: str, **values: object) -> str:
    with in_language("fr"):
        return text(key, **values)


def test_a_language_without_a_catalog_is_refused_naming_its_folder() -> None:
    proc = run("--lang", "xx", "bank")
    assert_bad_input(proc, "quiz/catalog/xx/")
    assert "'xx'" in proc.stderr
    assert "en, fr" in proc.stderr
    assert_bad_input(run("--lang=de", "decode", "v1.x"), "quiz/catalog/de/")


def test_english_is_the_default_and_lang_en_changes_nothing() -> None:
    answers = json.dumps({"answers": mixed_answers()})
    assert run_json("--lang", "en", "score", "-", stdin=answers) == run_json(
        "score", "-", stdin=answers
    )
    assert run("--lang", "en", "bank").stdout == run("bank").stdout


def test_score_in_french_writes_the_french_bank_and_sentences() -> None:
    answers = mixed_answers()
    result = run_json("--lang", "fr", "score", "-", stdin=json.dumps({"answers": answers}))
    with in_language("fr"):
        expected = describe(load_bank(), answers)
    assert result == expected
    assert result["level_name"] != describe(BANK, answers)["level_name"]
    assert_no_english(list(strings(result)), "results", "scoring")


def test_decode_in_french_says_an_older_link_in_french() -> None:
    result = run_json("--lang", "fr", "decode", V1_CASES[0]["code"])
    assert result["legacy"]["message"] == french("legacy.v1")
    assert_no_english(list(strings(result)), "results", "scoring")


def test_the_bank_listing_has_french_headings_and_labels() -> None:
    out = run("--lang", "fr", "bank").stdout
    with in_language("fr"):
        bank = load_bank()
    assert bank.dimensions[0].name in out
    assert "    -. Je ne sais pas\n" in out
    total = french(
        "cli.bank_total",
        questions=len(bank.questions),
        dimensions=len(bank.dimensions),
        not_sure="Je ne sais pas",
        na="Sans objet",
    )
    assert total in out.splitlines()
    assert f"{french('cli.gates_heading')}\n  Niveau 2{NBSP}: " in out
    english = tomllib.loads((ROOT / "quiz/build/catalog/en/cli.toml").read_text(encoding="utf-8"))
    for key in ("cli.gates_heading",):
        assert english["messages"][key] not in out
    assert "Not sure" not in out
    assert "Level " not in out


def test_errors_in_french_keep_one_line_with_a_french_prefix() -> None:
    proc = run("--lang", "fr", "score", "-", stdin='{"answers": {"nope": 3}}')
    assert proc.returncode == 2
    assert proc.stdout == ""
    line = proc.stderr.rstrip("\n")
    assert "\n" not in line
    expected = french("scoring.unknown_question", value='"nope"')
    assert line == french("cli.error", message=expected)
    usage = run("--lang", "fr", "scor").stderr
    assert usage.startswith(f"quiz{NBSP}: erreur{NBSP}: ")
    assert "(voir python -m quiz --help)" in usage
    missing = run("--lang", "fr", "score", "no-such-file.json").stderr
    assert missing.startswith(f"quiz{NBSP}: erreur{NBSP}: impossible de lire no-such-file.json")


def test_an_abbreviated_lang_and_a_new_python_work_too() -> None:
    result = run_json("--la", "fr", "decode", V1_CASES[0]["code"])
    assert result["legacy"]["message"] == french("legacy.v1")
    proc = run_process("--lang", "fr", "decode", V1_CASES[0]["code"])
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["legacy"]["message"] == french("legacy.v1")
