"""The team comparison in French (issue 27): inside ``in_language("fr")`` the team page's report,
the team's sentence, the team rule, the workshop agenda, the refusals of the "Result links" box
and the command line's team table come from the French catalog (``teams.toml``), hold none of
its English messages, and carry names, numbers and levels in their marks; English stays the
default."""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Sequence
from typing import Any

import pytest

from quiz import describe, encode, load_bank, team_view
from quiz.build import in_language, main, plural, team_rules, text
from quiz.errors import CodeError, TeamError
from quiz.types import TeamView
from quiz.web import team_json
from tests.french_support import MARK, NBSP, catalog_messages, english_pieces, strings
from tests.quiz_support import BANK, ROOT, flat

FSI, PDI = "\u2068", "\u2069"
FIRST = BANK.dimensions[0]
LOW, TOP = BANK.lowest, BANK.top


def assert_french(texts: Sequence[str]) -> None:
    """No text holds an English message's words, and the French ones keep their no-break
    spaces before ":" ";" "?" "!"."""
    pieces = english_pieces("teams", shortest=10)
    for value in texts:
        assert [piece for piece in pieces if piece in value] == [], value
        assert not re.search(r" [:;?!]", value), value


def french(key: str, **values: object) -> str:
    with in_language("fr"):
        return text(key, **values)


def code(level: int | None) -> str:
    """Someone at ``level`` on every question; None: only the first area answered, so no
    level of one's own."""
    if level is None:
        return encode(BANK, {q.id: LOW for q in BANK.questions_for(FIRST.id)})
    return encode(BANK, flat(BANK, level))


def french_report(lines: Sequence[str]) -> Any:
    with in_language("fr"):
        reply = json.loads(team_json("\n".join(lines)))
    assert reply["ok"], reply
    return reply["result"]


def french_statement(levels: Sequence[int | None], names: Sequence[str] | None = None) -> str:
    with in_language("fr"):
        statement = describe(team_view([code(level) for level in levels]), names=names)
        return str(statement["level_statement"])


def command_line(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(list(args)) == 0
    return out.getvalue()


def test_the_french_catalog_has_every_team_message_with_its_marks() -> None:
    english, french_messages = catalog_messages("en", "teams"), catalog_messages("fr", "teams")
    assert english.keys() == french_messages.keys()
    assert all(key.startswith("team.") for key in english)
    for key, value in english.items():
        ours = french_messages[key]
        assert isinstance(ours, str) == isinstance(value, str), key
        forms = [value] if isinstance(value, str) else value
        theirs = [ours] if isinstance(ours, str) else ours
        assert {m for f in forms for m in MARK.findall(f)} == {
            m for f in theirs for m in MARK.findall(f)
        }, key
        assert not isinstance(ours, list) or len(ours) == 2, key


MIXED = [
    f"Zoë: {code(2)}",
    f"Ana: {code(4)}",
    code(3),
    f"Bo: {code(None)}",
    f"Ana bis: {code(4)}",
    "Cy v2.abc",
    "https://example.org/team/#team=abc",
    f"{'x' * 81}: {code(2)}",
]


def test_the_team_page_report_holds_no_english_team_message() -> None:
    report = french_report(MIXED)
    texts = [
        value
        for part, data in report.items()
        if part not in ("csv", "fragment", "members")
        for value in strings(data)
    ]
    assert_french(texts)
    assert report["agenda"]["title"] == "Atelier EX-CX (90 minutes)"
    assert [item["title"] for item in report["agenda"]["items"]][:2] == [
        french("team.agenda_open"),
        french("team.agenda_compare"),
    ]


def test_the_names_lines_and_levels_land_in_the_french_sentences() -> None:
    report = french_report(MIXED)
    assert [member["name"] for member in report["members"]] == [
        "Zoë",
        "Ana",
        "Personne 3",
        "Bo",
        "Ana bis",
    ]
    assert report["level_statement"] == french("team.no_level_one", name=f"{FSI}Bo{PDI}")
    assert report["repeated"] == [
        f"La ligne 5 ({FSI}Ana bis{PDI}) contient exactement les mêmes réponses que la ligne 2"
        f" ({FSI}Ana{PDI}). S'il s'agit du lien d'une même personne collé deux fois, supprimez"
        f" l'une des lignes{NBSP}: chaque ligne compte pour une personne."
    ]
    reasons = {row["line"]: row["reason"] for row in report["invalid"]}
    assert (
        reasons[6]
        == f"Mettez deux-points entre le nom et le lien, comme ceci{NBSP}: {FSI}Cy{PDI}: v2.abc"
    )
    assert reasons[7] == french("team.team_link")
    assert reasons[8].startswith("Le nom placé devant le lien compte 81 caractères")
    assert "en compter 80 au plus" in reasons[8]


def test_the_disagreements_and_their_questions_are_in_french() -> None:
    skipped = BANK.questions_for(FIRST.id)[0]
    low = flat(BANK, LOW)
    # Only the first area differs, one of its questions skipped by the second person.
    top = low | {q.id: TOP for q in BANK.questions_for(FIRST.id) if q.id != skipped.id}
    del top[skipped.id]
    report = french_report([f"Léa: {encode(BANK, low)}", f"Max: {encode(BANK, top)}"])
    first = next(row for row in report["disagreements"] if row["id"] == FIRST.id)
    with in_language("fr"):
        bank = load_bank()
    area_name = bank.dimension(FIRST.id).name
    question_text = bank.question(skipped.id).text
    assert first["name"] == area_name
    assert first["sentence"] == (
        f"Du niveau {first['min']} au niveau {first['max']} pour 2 personnes (dispersion"
        f" {first['spread']:.2f}".replace(".", ",")
        + f"){NBSP}; le niveau de l'équipe sur cet axe est {first['median']}."
    )
    asked = next(q for q in first["questions"] if q["question"] == skipped.id)
    assert asked["title"] == f"Question {skipped.number}{NBSP}: {question_text}"
    assert [answer["statement"] for answer in asked["answers"]][1] == "Sans réponse"
    apart = [q["sentence"] for q in first["questions"] if q["question"] != skipped.id]
    assert apart
    assert set(apart) == {f"Les réponses sont distantes de {TOP - LOW} niveaux."}
    assert report["themes"][0]["why"] == (
        f"C'est sur l'axe «{NBSP}{area_name}{NBSP}» que vos niveaux diffèrent le plus."
    )


def test_an_older_link_and_one_person_get_french_notes() -> None:
    v1 = json.loads((ROOT / "tests" / "data" / "v1_codes.json").read_text(encoding="utf-8"))
    older = next(case["code"] for case in v1["cases"] if case["level"] is not None)
    notes = french_report([code(2), code(4), older])["disagreement_notes"]
    with in_language("fr"):
        assert notes[0] == plural("team.note_older", 1)
    assert notes[0].startswith("Le lien plus ancien rejoint les axes mais pas leurs questions")
    assert french_report([code(2)])["disagreement_notes"] == [
        "Avec une seule personne, il n'y a rien à comparer."
    ]
    assert french_report([])["level_statement"] == (
        f"Aucun lien n'a pu être lu{NBSP}: il n'y a donc encore rien à comparer."
    )


def test_more_than_the_most_people_is_refused_in_french() -> None:
    report = french_report([code(LOW)] * 51)
    assert [row["reason"] for row in report["invalid"]] == [
        "Seules les 50 premières personnes sont comparées."
    ]


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        (
            [2, 2],
            f"Équipe{NBSP}: niveau 2 confirmé, la médiane des niveaux confirmés propres aux 2"
            " personnes (tous au niveau 2).",
        ),
        (
            [2, 4, 3],
            f"Équipe{NBSP}: niveau 3 confirmé, la médiane des niveaux confirmés propres aux 3"
            " personnes (du niveau 2 au niveau 4).",
        ),
        ([3], f"Équipe{NBSP}: niveau 3 confirmé, le niveau propre de la seule personne."),
        ([], "Il n'y a encore personne à comparer."),
        (
            [None],
            f"L'équipe n'a pas encore de niveau{NBSP}: le résultat de Personne 1 n'a pas de"
            " niveau propre. Elle en aura un dès que Personne 1 aura répondu à assez de"
            " questions pour obtenir un niveau.",
        ),
    ],
)
def test_the_team_sentence_in_french(levels: list[int | None], expected: str) -> None:
    if levels:
        assert french_statement(levels) == expected
        return
    empty = TeamView(
        members=0,
        levels=(),
        possible_levels=(),
        level=None,
        possible_level=None,
        dimensions=(),
        disagreements=(),
        compared=(),
    )
    with in_language("fr"):
        assert describe(empty)["level_statement"] == expected


def test_the_people_without_a_level_are_listed_the_french_way() -> None:
    listed = french_statement([2, None, None, None], names=["Ana", "Bo", "Cy", "Dé"])
    assert "les résultats de Bo, Cy et Dé n'ont pas de niveau propre" in listed
    counted = french_statement([2, None, None, None, None])
    assert "les résultats de 4 des 5 personnes n'ont pas de niveau propre" in counted
    assert_french([listed, counted])


def test_a_possible_level_above_the_team_level_is_said_in_french() -> None:
    open_questions = {q.id: None for q in BANK.questions_for(FIRST.id)}
    answers = flat(BANK, TOP) | open_questions
    with in_language("fr"):
        view = team_view([encode(BANK, answers)] * 2)
        statement = str(describe(view)["level_statement"])
    assert view.possible_level is not None
    assert view.level is not None
    assert view.possible_level > view.level
    assert statement.endswith(
        f"{NBSP}; répondre à leurs questions ouvertes pourrait le relever jusqu'au niveau"
        f" {view.possible_level}."
    )


def test_the_team_rule_in_french_carries_the_bank_numbers() -> None:
    with in_language("fr"):
        rules = team_rules(BANK)
    assert_french(rules)
    meet = (LOW + TOP) // 2
    assert f"Deux personnes aux niveaux {LOW} et {TOP} font une équipe de niveau {meet}" in rules[0]
    assert "jusqu'à 3 axes" in rules[-1]
    assert "«\u00a0Je ne sais pas\u00a0»" in rules[3]


def test_team_errors_are_in_french() -> None:
    with in_language("fr"), pytest.raises(TeamError) as nobody:
        team_view([])
    assert str(nobody.value) == french("team.no_results")
    with in_language("fr"), pytest.raises(CodeError) as bad:
        team_view([code(2), "v2.not-a-code"])
    assert str(bad.value).startswith(f"Code 2{NBSP}: ")
    assert_french([str(nobody.value), str(bad.value)])


def test_the_command_line_team_table_in_french() -> None:
    table = command_line("--lang", "fr", "team", "--table", code(2), code(4), code(3))
    lines = table.splitlines()
    assert lines[0].startswith(f"Équipe{NBSP}: niveau 3 confirmé")
    assert lines[1] == f"Membres{NBSP}: 3   Niveaux{NBSP}: 2, 4, 3"
    head = lines[3].split()
    assert head == ["Axe", "n", "médiane", "moyenne", "dispersion", "écart"]
    rows = lines[3 : 4 + len(BANK.dimensions)]
    # The French heads are wider than the English ones: the columns still line up.
    ends = {len(row.rsplit("  ", 1)[0]) for row in rows}
    assert len(ends) == 1, rows
    assert any(line.startswith(f"Plus grands désaccords{NBSP}: ") for line in lines)
    assert any(re.match(r"      Personne 1 \(niveau 2\)\u00a0: ", line) for line in lines)
    assert any(
        re.match(r"  .+\u00a0: niveaux 2 à 4, dispersion [0-9]+,[0-9]+, 3 personnes$", line)
        for line in lines
    )
    assert_french(lines)


def test_french_plurals_use_the_singular_for_zero_and_one() -> None:
    with in_language("fr"):
        assert plural("team.question_apart", 1) == "Les réponses sont distantes de 1 niveau."
        assert plural("team.note_still_questions", 0).startswith("Toutefois, 0 question a")
        assert plural("team.note_still_questions", 2).startswith("Toutefois, 2 questions ont")


def test_english_stays_the_default() -> None:
    reply = json.loads(team_json("\n".join([code(2), code(4)])))
    assert reply["result"]["level_statement"].startswith("Team: Level 3 confirmed")
    assert reply["result"]["agenda"]["title"] == "EX-CX workshop (90 minutes)"
