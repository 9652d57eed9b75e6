"""The result's sentences in French (issue 27): inside ``in_language("fr")`` every sentence a
result, its progress, its downloads and the scoring rule write comes from the French catalog,
holds none of the English messages of ``results.toml`` and ``scoring.toml``, and carries its
values in its marks; English stays the default."""

from __future__ import annotations

import csv
import io
import json

import pytest

from quiz import Answers, describe, load_bank, open_code
from quiz.build import in_language, plural, text
from quiz.errors import AnswerError
from quiz.web import compare_json, export_json, history_json
from tests.french_support import NBSP, english_pieces, strings
from tests.quiz_support import BANK, V1_CASES, V2_CASES, by_dimension, flat


def french(key: str) -> str:
    with in_language("fr"):
        return text(key)


def assert_no_english(texts: list[str], *parts: str) -> None:
    joined = "\n".join(texts)
    found = [piece for piece in english_pieces(*parts, shortest=12) if piece in joined]
    assert found == [], found


#: Answer sets that between them write every kind of sentence of a result.
ANSWERS: dict[str, Answers] = {
    "flat-3": flat(BANK, 3),
    "top": flat(BANK, BANK.top),
    "open": {**flat(BANK, 2), BANK.questions[0].id: None, BANK.questions[5].id: None},
    "not-sure": flat(BANK, None),
    "too-few": {BANK.questions[0].id: 3},
    "uneven": by_dimension(BANK, 4, metrics=1, leadership=2),
    "contrast": {
        **flat(BANK, 3),
        **{
            q.id: level for q, level in zip(BANK.questions_for("metrics")[:2], (1, 5), strict=False)
        },
    },
    "areas-not-sure": by_dimension(BANK, 3, metrics=None, feedback=None),
}


def french_results() -> list[dict[str, object]]:
    with in_language("fr"):
        bank = load_bank()
        results = [describe(bank, answers) for answers in ANSWERS.values()]
        for case in [*V1_CASES[:3], *V2_CASES[:3]]:
            results.append(describe(open_code(case["code"])))
        results.append(describe(bank))
    return results


def test_french_results_hold_no_english_message_of_results_or_scoring() -> None:
    texts = [value for result in french_results() for value in strings(result)]
    assert_no_english(texts, "results", "scoring")


def test_english_results_are_unchanged_outside_a_french_block() -> None:
    with in_language("fr"):
        french = describe(BANK, ANSWERS["open"])
    english = describe(BANK, ANSWERS["open"])
    assert isinstance(english["level_statement"], str)
    assert english["level_statement"].startswith("Level ")
    assert french["level_statement"] != english["level_statement"]
    assert describe(BANK)["not_sure"] == {"label": "Not sure", "value": None}


def test_the_level_statement_carries_the_level_the_count_and_the_possible_level() -> None:
    with in_language("fr"):
        result = describe(load_bank(), ANSWERS["open"])
    level, possible = result["level"], result["possible_level"]
    statement = result["level_statement"]
    assert isinstance(statement, str)
    assert statement.startswith(f"Niveau {level} confirmé{NBSP};")
    if possible != level:
        assert f"aux 2 questions ouvertes pourrait le relever jusqu'au niveau {possible}." in (
            statement
        )


def test_french_plural_takes_the_first_form_for_one() -> None:
    with in_language("fr"):
        one = plural("results.area_range", 1, level=2, possible=4)
        two = plural("results.area_range", 2, level=2, possible=4)
        none = plural("results.why_capped_unknown", 0, floor=1, cap=2)
    assert one == "Niveau 2, jusqu'à 4 (1 question ouverte)"
    assert two == "Niveau 2, jusqu'à 4 (2 questions ouvertes)"
    assert none.startswith("Mais un axe sans réponse compte au niveau 1")


def test_area_labels_answers_and_goals_are_french_with_their_values() -> None:
    with in_language("fr"):
        bank = load_bank()
        result = describe(bank, ANSWERS["uneven"])
        bare = describe(bank, ANSWERS["areas-not-sure"])
    profile = {item["id"]: item for item in result["profile"]}  # type: ignore[attr-defined]
    assert profile["metrics"]["label"] == "Niveau 1"
    answer = profile["metrics"]["answers"][0]
    assert answer["label"] == f"Niveau 1{NBSP}: «{NBSP}{answer['statement']}{NBSP}»"
    for blocker in result["blockers"]:  # type: ignore[attr-defined]
        assert blocker["goal"].startswith(f"Visez le niveau {blocker['target']} pour ")
        assert blocker["name"] in blocker["goal"]
        assert blocker["guide_label"].startswith("Niveau ")
    labels = {item["id"]: item["label"] for item in bare["profile"]}  # type: ignore[attr-defined]
    assert labels["metrics"] == f"«{NBSP}Je ne sais pas{NBSP}» à chaque question"
    open_sentences = [b["open_sentence"] for b in bare["blockers"]]  # type: ignore[attr-defined]
    assert any(s and s.startswith("Répondez d'abord à ces ") for s in open_sentences)


def test_why_and_the_reason_without_a_level_are_french() -> None:
    with in_language("fr"):
        bank = load_bank()
        staged = describe(bank, ANSWERS["uneven"])
        too_few = describe(bank, ANSWERS["too-few"])
        capped = [describe(open_code(case["code"])) for case in V2_CASES]
    assert isinstance(staged["why"], str)
    assert staged["why"].startswith("Le niveau ")
    reason = too_few["reason"]
    assert isinstance(reason, str)
    assert f"dans {too_few['answered']} des " in reason
    assert f"au moins {too_few['required']}." in reason
    averages = [r["why"] for r in capped if isinstance(r["why"], str)]
    assert averages
    assert all(why.startswith("La moyenne de vos axes est de ") for why in averages)
    assert all("," in why.split(" est de ")[1][:4] for why in averages)  # a decimal comma


def test_a_contrast_quotes_both_french_statements_with_their_levels() -> None:
    with in_language("fr"):
        result = describe(load_bank(), ANSWERS["contrast"])
    contrasts = result["contrasts"]
    assert isinstance(contrasts, list)
    assert contrasts
    item = contrasts[0]
    high, low = item["statements"]
    assert item["sentence"] == (
        f"{item['dimension_name']}{NBSP}: vous avez choisi «{NBSP}{high}{NBSP}» (niveau "
        f"{item['levels'][0]}) mais aussi «{NBSP}{low}{NBSP}» (niveau {item['levels'][1]})."
    )


def test_the_scoring_rules_are_french_and_name_french_areas() -> None:
    with in_language("fr"):
        bank = load_bank()
        rules = describe(bank)["scoring"]["rules"]  # type: ignore[index]
        names = [d.name for d in bank.dimensions]
    assert_no_english(rules, "scoring")
    assert any(name in " ".join(rules) for name in names)
    assert f"de {bank.lowest} à {bank.top}." in rules[0]


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        ({"no-such-question": 3}, "scoring.unknown_question"),
        ({BANK.questions[0].id: 9}, "scoring.out_of_range"),
        ({BANK.questions[0].id: "three"}, "scoring.not_whole"),
        ([1, 2], "scoring.answers_not_mapping"),
    ],
)
def test_answers_that_cannot_be_scored_are_refused_in_french(answers: object, key: str) -> None:
    from quiz import check_answers

    with in_language("fr"), pytest.raises(AnswerError) as caught:
        check_answers(load_bank(), answers)  # type: ignore[arg-type]
    message = str(caught.value)
    with pytest.raises(AnswerError) as in_english:
        check_answers(BANK, answers)  # type: ignore[arg-type]
    assert message != str(in_english.value)
    assert_no_english([message], "scoring")
    if key == "scoring.out_of_range":
        assert f"le niveau 9 est hors de la plage {BANK.lowest} à {BANK.top}." in message


def test_progress_history_and_comparison_are_french() -> None:
    first, second = V1_CASES[0]["code"], describe(BANK, ANSWERS["flat-3"])["code"]
    entries = json.dumps([{"code": first, "date": "2025-01-01"}, {"code": second, "date": "x"}])
    with in_language("fr"):
        history = json.loads(history_json(entries))["result"]
        compared = json.loads(compare_json(first, str(second)))["result"]
        bad = json.loads(history_json(json.dumps([{"code": 1}])))
    texts = list(strings(history)) + list(strings(compared)) + list(strings(bad))
    assert bad["ok"] is False
    assert bad["error"] == french("results.history_entry")
    assert_no_english(texts, "results", "scoring")
    sentences = [row["sentence"] for row in compared["dimensions"]]
    assert any(f"{NBSP}: " in s for s in sentences)
    assert compared["comparable"] or compared["note"].startswith("Votre dernier résultat")


def test_the_csv_downloads_have_french_headings_and_labels() -> None:
    code = describe(BANK, {**flat(BANK, 3), BANK.questions[0].id: None})["code"]
    plan = json.dumps(
        [
            {
                "dimension": "metrics",
                "guide": "levels/level-1.md#step-1",
                "steps": [{"step": "Mesurer", "owner": "Priya", "due": "2027-03-31"}],
            }
        ]
    )
    with in_language("fr"):
        files = json.loads(export_json(str(code), plan))["result"]
        bad_plan = json.loads(export_json(str(code), '[{"steps": [{"due": "demain"}]}]'))
    rows = list(csv.reader(io.StringIO(files["csv"]["content"].lstrip("\ufeff"))))
    assert rows[0] == ["numéro", "identifiant_question", "axe", "question", "niveau", "réponse"]
    assert rows[1][5] == "Je ne sais pas"
    plan_rows = list(csv.reader(io.StringIO(files["plan_csv"]["content"].lstrip("\ufeff"))))
    assert plan_rows[0] == ["axe", "étape", "responsable", "échéance", "lien"]
    assert plan_rows[1][0] == "Mesure de la CX"
    assert_no_english(list(strings(bad_plan)), "results")
    with in_language("fr"):
        assert text("results.plan_due_date") in json.dumps(bad_plan, ensure_ascii=False)
