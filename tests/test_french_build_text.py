"""A French build writes French: the assessment form, the "How scoring works" page, the macros'
level titles, links and counts, and the level pages' notes, with no English sentence of the
build's catalog left in them and every value in its place.

The English catalog's ``build.*`` and ``macros.*`` messages are read from their files: each
literal stretch of an English message that the French message does not share must not be in the
French output."""

from __future__ import annotations

import re
from html import unescape
from types import SimpleNamespace
from typing import Any

import pytest

import macros
from harness import ROOT, load_hook
from quiz import load_bank
from quiz.build import (
    build_context,
    in_language,
    load_organisations,
    load_personas,
    noscript_note,
    render_form,
    scoring_rules_markdown,
    text,
)
from tests.french_support import BUILD_CATALOGS, MARK, NBSP, catalog_messages

FR_BANK = load_bank(lang="fr")


def messages(language: str, part: str) -> dict[str, Any]:
    return catalog_messages(language, part, BUILD_CATALOGS)


def english_stretches(*parts: str) -> set[str]:
    """The literal stretches of the English messages (between their marks) that their French
    text does not share: words a French page must not show."""
    found: set[str] = set()
    for part in parts:
        french = messages("fr", part)
        for key, english in messages("en", part).items():
            theirs = " ".join(french[key]) if isinstance(french[key], list) else french[key]
            texts = english if isinstance(english, list) else [english]
            for value in texts:
                for stretch in MARK.split(unescape(value)):
                    stretch = stretch.strip(" .,:;*()#-\n")
                    if len(stretch) >= 8 and " " in stretch and stretch not in theirs:
                        found.add(stretch)
    return found


BUILD_ENGLISH = english_stretches("build")
MACROS_ENGLISH = english_stretches("macros")


def english_in(output: str, stretches: set[str]) -> list[str]:
    plain = unescape(output)
    return sorted(stretch for stretch in stretches if stretch in plain)


def test_the_checks_know_enough_english_to_mean_something() -> None:
    assert "See my level" in BUILD_ENGLISH
    assert "What the questions measure" in BUILD_ENGLISH
    assert "Nothing: every organisation starts here" in MACROS_ENGLISH


def test_the_french_form_has_french_instructions_labels_and_buttons() -> None:
    with in_language("fr"):
        form = render_form(FR_BANK)
    total = len(FR_BANK.questions)
    assert english_in(form, BUILD_ENGLISH) == []
    assert f"Question 1 sur {total} · {FR_BANK.dimension(FR_BANK.questions[0].dimension).name}" in (
        unescape(form)
    )
    assert f'Réponses{NBSP}:\n<span id="ex-progress-count">0</span> sur {total}</label>' in form
    assert ">\nVoir mon niveau</button>" in form
    assert ">Recommencer</button>" in form
    assert "choisissez l&#x27;affirmation la plus haute" in form
    assert FR_BANK.questions[0].options[0].text in unescape(form)


def test_the_french_form_offers_not_applicable_in_french_with_its_form_value() -> None:
    question = next(q for q in FR_BANK.questions if q.not_applicable)
    with in_language("fr"):
        form = render_form(FR_BANK)
        label = text("scoring.not_applicable")
    choice = re.search(
        rf'<input type="radio" id="q-{question.id}-na" name="{question.id}" value="na"'
        r' data-choice="\d+"><span class="ex-choice__text">([^<]*)</span>',
        form,
    )
    assert choice is not None
    assert choice[1] == label == "Sans objet"


def test_the_french_note_without_javascript_links_the_overview() -> None:
    with in_language("fr"):
        note = noscript_note("../levels/#self-identify")
    assert english_in(note, BUILD_ENGLISH) == []
    assert '<a href="../levels/#self-identify">la vue d\'ensemble des niveaux</a>' in note
    assert note.startswith('<noscript><p class="ex-noscript"><strong>L\'évaluation')


@pytest.fixture(scope="module")
def scoring() -> tuple[str, list[str]]:
    """The French page, and the example organisations' own words, which are English data."""
    personas = load_personas(ROOT / "validation" / "personas.toml", FR_BANK)
    organisations = load_organisations(ROOT / "validation" / "organisations.toml", FR_BANK)
    with in_language("fr"):
        page = scoring_rules_markdown(FR_BANK, personas, organisations=organisations)
    data = [*(o.name for o in organisations), *(o.why for o in organisations)]
    data += [*(p.name for p in personas), *(p.justification for p in personas)]
    for words in data:
        assert words.replace("|", "\\|") in page
    return page, data


@pytest.fixture(scope="module")
def scoring_page(scoring: tuple[str, list[str]]) -> str:
    return scoring[0]


def test_the_french_scoring_page_has_no_english_sentence_of_the_build(
    scoring: tuple[str, list[str]],
) -> None:
    page, data = scoring
    for words in data:
        page = page.replace(words.replace("|", "\\|"), "")
    assert english_in(page, BUILD_ENGLISH) == []


def test_the_french_scoring_page_has_french_headings(scoring_page: str) -> None:
    headings = re.findall(r"^## (.*)$", scoring_page, re.M)
    assert headings[:7] == [
        "En bref",
        "La règle",
        "Les axes requis par chaque niveau",
        "Combien de réponses il faut",
        "Les cinq niveaux",
        "Ce que mesurent les questions",
        "Exemple commenté",
    ]
    assert headings[7].startswith(f"Validation{NBSP}:")
    assert headings[8] == "Organisations de non-régression"


def test_the_french_scoring_page_puts_the_bank_s_values_in_its_sentences(
    scoring_page: str,
) -> None:
    bank = FR_BANK
    assert "| Niveau | Nom | En une phrase |\n| --- | --- | --- |" in scoring_page
    for level in bank.levels:
        assert f"| {level.number} | {level.name} |" in scoring_page
    assert (
        f"Les {len(bank.questions)} questions sont regroupées en {len(bank.dimensions)} axes"
        in scoring_page
    )
    assert f"**{bank.scoring.min_dimensions} des {len(bank.dimensions)} axes**" in scoring_page
    top = bank.level(bank.top)
    gates = [bank.dimension(area).name for area in bank.gates(bank.top)]
    names = gates[0] if len(gates) == 1 else ", ".join(gates[:-1]) + " et " + gates[-1]
    assert f"| {top.number}{NBSP}: {top.name} | {names} |" in scoring_page


def test_the_french_scoring_page_writes_percentages_and_kinds_in_french(
    scoring_page: str,
) -> None:
    hits = re.search(
        rf"\*\*(\d+) sur (\d+) exactes \((\d+){NBSP}%\), (\d+) sur \2 dans la fourchette"
        rf" défendable \((\d+){NBSP}%\)\.\*\*",
        scoring_page,
    )
    assert hits is not None
    rows = re.findall(
        r"^    \| [^|]+ \| (uniforme|bruitée|inégale|cachée) \| Niveau \d ", scoring_page, re.M
    )
    assert rows
    assert re.search(r"\| (flat|noisy|uneven|hidden) \|", scoring_page) is None
    assert "« " not in scoring_page  # the quotes hold no-break spaces
    assert f"«{NBSP}" in scoring_page


def test_number_words_follow_the_language() -> None:
    from quiz.build import count_words

    with in_language("fr"):
        assert [count_words(n) for n in (0, 1, 5, 9, 10)] == ["aucun", "un", "cinq", "neuf", "10"]
    assert [count_words(n) for n in (0, 1, 5, 9, 10)] == ["no", "one", "five", "nine", "10"]


class FakeEnv:
    """Just enough of mkdocs-macros' env for ``define_env``, in a French build."""

    def __init__(self, language: str) -> None:
        self.variables: dict[str, Any] = {}
        self.conf = SimpleNamespace(theme={"language": language})
        self.page: Any = None
        self.macros: dict[str, Any] = {}

    def macro(self, function: Any) -> Any:
        self.macros[function.__name__] = function
        return function


@pytest.fixture(scope="module")
def french_macros() -> dict[str, Any]:
    env = FakeEnv("fr")
    macros.define_env(env)
    assert env.variables["quiz_bank"].levels[0].name == FR_BANK.levels[0].name
    return env.macros


def test_the_macros_write_french_level_titles_and_links(french_macros: dict[str, Any]) -> None:
    level = FR_BANK.level(3)
    assert french_macros["level_title"](3) == f"Niveau 3{NBSP}: {level.name}"
    assert french_macros["level_link"](3) == f"[Niveau 3{NBSP}: {level.name}]({level.page})"
    assert french_macros["level_link"](3, "#step-1", "ici") == f"[ici]({level.page}#step-1)"
    nav = french_macros["level_nav"](3)
    assert f"- Niveau précédent{NBSP}: [Niveau 2{NBSP}: {FR_BANK.level(2).name}]" in nav
    assert f"- Niveau suivant{NBSP}: [Niveau 4{NBSP}: {FR_BANK.level(4).name}]" in nav
    assert f"- Les cinq niveaux{NBSP}: [la vue d'ensemble](levels/index.md)" in nav
    assert english_in(nav, MACROS_ENGLISH) == []


def test_the_macros_write_french_lists_and_counts(french_macros: dict[str, Any]) -> None:
    assert french_macros["gate_names"](1) == f"Aucun{NBSP}: chaque organisation commence ici"
    names = [FR_BANK.dimension(area).name for area in FR_BANK.gates(FR_BANK.top)]
    if len(names) > 1:
        assert french_macros["gate_names"](FR_BANK.top).endswith(f" et {names[-1]}")
    assert french_macros["level_count_words"]() == "cinq"
    words = french_macros["theme_count_words"]()
    spelled = messages("fr", "macros")["macros.number_words"].split(", ")
    count = len(FR_BANK.themes)
    assert words == (spelled[count] if count < len(spelled) else str(count))
    theme = next(theme for theme in FR_BANK.themes if len(theme.levels) > 1)
    useful = french_macros["useful_at"](theme.id)
    assert useful.startswith(f"**Utile aux niveaux{NBSP}:** [Niveau {theme.levels[0]}{NBSP}: ")
    assert " et [Niveau " in useful
    for output in (useful, french_macros["gate_names"](1), words):
        assert english_in(output, MACROS_ENGLISH | BUILD_ENGLISH) == []


def test_a_macro_speaks_the_build_s_language_only_while_it_runs(
    french_macros: dict[str, Any],
) -> None:
    french_macros["level_title"](2)
    assert text("build.form.submit") == "See my level"
    english = FakeEnv("en")
    macros.define_env(english)
    assert english.macros["level_title"](3) == f"Level 3: {load_bank().level(3).name}"


def test_the_level_pages_notes_follow_the_build_s_language() -> None:
    hook = load_hook("page_markup")
    config = SimpleNamespace(theme={"language": "fr"})
    page = SimpleNamespace(meta={"level": 2}, url="levels/level-2/", file=None)
    html = hook.on_page_content(
        "<h1>Niveau 2</h1><p>Texte</p>", page=page, config=config, files=None
    )
    assert 'data-level="2"' in html
    assert "Si un lien de résultat vous a mené ici" in html
    assert english_in(html, BUILD_ENGLISH) == []
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    labelled = hook.on_post_page(dialog, page=page, config=config)
    assert 'aria-label="Rechercher"' in labelled
    assert build_context(config).language == "fr"
