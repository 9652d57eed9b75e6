"""The team comparison the browser calls (CPython side), reading people's names: a name written
right to left isolated in every sentence, unnamed people never given another line's name,
colons, wrapped or quoted links and a byte order mark, over-long names, a pasted team link, and
a name without its colon.

Reached through :mod:`quiz.web` as the browser calls it, and the command line where the page
must agree with it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import encode
from quiz.errors import FOREIGN
from tests.quiz_team_report_support import (
    BANK,
    FSI,
    MAX_NAME,
    PDI,
    codes,
    command_line,
    team_report,
)

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE, never closed
#: What the page says of a team link pasted where a person's result link goes.
TEAM_LINK = (
    "This is a team link, not one person's result link: open it in the address bar to see "
    "that comparison, or paste the result links it holds one per line."
)


def isolated_runs(sentence: str) -> list[str]:
    """The text between each FSI and its PDI, checking that every FSI is closed."""
    runs, depth, start = [], 0, 0
    for index, char in enumerate(sentence):
        if char == FSI:
            depth += 1
            start = index + 1 if depth == 1 else start
        elif char == PDI:
            assert depth, f"a PDI closes nothing in {sentence!r}"
            depth -= 1
            if not depth:
                runs.append(sentence[start:index])
    assert depth == 0, f"an isolate is left open in {sentence!r}"
    return runs


def test_a_name_written_right_to_left_is_isolated_in_every_sentence_that_names_it() -> None:
    """A name holding an unclosed right-to-left override (U+202E) turned the rest of a sentence
    around it, right to left. Every sentence that holds a name typed in the box sets it apart
    (U+2068 ... U+2069), so the override ends with the name: every override in a sentence
    sits inside an isolate, and everything outside the isolates is the sentence's own."""
    only_one_area = {q.id: 3 for q in BANK.questions if q.dimension == BANK.dimensions[0].id}
    (full,) = codes(1)
    sam, lee = f"{RLO}Sam", f"Lee {RLO}Ann"
    report = team_report(
        f"Priya: {full}\n{sam}: {encode(BANK, only_one_area)}\n"
        f"{sam} again: {encode(BANK, only_one_area)}\n{lee} {LINK}{full}"
    )
    (repeated,) = report["repeated"]
    (invalid,) = report["invalid"]
    sentences = [report["level_statement"], repeated, invalid["reason"]]
    assert isolated_runs(report["level_statement"]) == [sam, f"{sam} again"]
    assert isolated_runs(repeated) == [f"{sam} again", sam]
    assert isolated_runs(invalid["reason"]) == [lee]
    for sentence in sentences:
        outside = re.sub(f"{FSI}[^{PDI}]*{PDI}", "", sentence)
        assert RLO not in outside, sentence
    # A name copied from one of these sentences, marks and all, reads as the name.
    (copied,) = team_report(f"{FSI}Priya{PDI}: {full}")["members"]
    assert (copied["name"], copied["code"]) == ("Priya", full)
    # "Person 1", the page's own name for an unnamed line, is no name typed: the sentence is
    # the command line's, word for word.
    alone = team_report(encode(BANK, only_one_area))
    assert FSI not in alone["level_statement"]
    table = command_line("team", "--table", encode(BANK, only_one_area))
    assert table.startswith(f"{alone['level_statement']}\n")


def test_unnamed_people_never_get_a_name_typed_on_another_line() -> None:
    a, b, c = codes(3)
    names = [m["name"] for m in team_report(f"Person 2: {a}\n{b}\n{c}")["members"]]
    assert names == ["Person 2", "Person 3", "Person 4"]
    assert len(set(names)) == len(names)
    names = [m["name"] for m in team_report(f"{a}\nperson 2: {b}\n{c}")["members"]]
    assert names == ["Person 1", "person 2", "Person 3"]


LINK = "https://example.org/playbook/levels/level-3/#result="


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("A:B: {link}", "A:B"),
        ("Team: EX: Priya: {link}", "Team: EX: Priya"),
        (": {code}", ""),
        ("  :   {code}", ""),
        ("<{link}>", ""),
        ("Priya: <{link}>", "Priya"),
        ("Priya: {link}.", "Priya"),
        ("Priya: {link},", "Priya"),
        ("Priya:{code}", "Priya"),
        ('Priya: "{code}"', "Priya"),
        ("Priya: '{code}'", "Priya"),
        ("Priya: \u201c{code}\u201d", "Priya"),
        ("\ufeffPriya: {link}", "Priya"),
        ("\ufeff{code}", ""),
        ("Priya: https://example.org:8080/levels/level-3/#result={code}", "Priya"),
    ],
)
def test_names_with_colons_wrapped_or_quoted_links_and_a_bom_are_read(line: str, name: str) -> None:
    (code,) = codes(1)
    text = line.format(link=LINK + code, code=code)
    report = team_report(text)
    assert report["invalid"] == []
    (member,) = report["members"]
    assert member["name"] == (name or "Person 1")
    assert member["code"] == code


def test_an_over_long_name_gets_its_own_reason_not_a_bad_link() -> None:
    (code,) = codes(1)
    report = team_report(f"{'N' * (MAX_NAME + 1)}: {code}\n{'M' * MAX_NAME}: {code}")
    (bad,) = report["invalid"]
    assert bad["line"] == 1
    assert bad["reason"] == (
        f"The name in front of the link is {MAX_NAME + 1} characters long; names can be up to "
        f"{MAX_NAME}. Shorten it and compare again."
    )
    assert bad["reason"] != FOREIGN
    assert [m["name"] for m in report["members"]] == ["M" * MAX_NAME]


def test_a_pasted_team_link_is_named_as_a_team_link() -> None:
    report = team_report("Us: https://example.org/playbook/assessment/team/#team=Priya%3A%20v2.x")
    (bad,) = report["invalid"]
    assert bad["reason"] == TEAM_LINK
    assert report["members"] == []


NAMES = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff"
    ),
    max_size=MAX_NAME,
)


@settings(max_examples=200, deadline=None)
@given(
    name=NAMES,
    link=st.booleans(),
    wrap=st.sampled_from(["{}", "<{}>", '"{}"', "'{}'", "\u201c{}\u201d", "{}.", "{},", " {} "]),
    bom=st.booleans(),
)
def test_any_name_up_to_80_characters_and_any_wrapping_keep_the_name_and_the_code(
    name: str, link: bool, wrap: str, bom: bool
) -> None:
    (code,) = codes(1, seed=11)
    target = wrap.format(LINK + code if link else code)
    line = ("\ufeff" if bom else "") + f"{name}: {target}"
    report = team_report(line)
    assert report["invalid"] == []
    (member,) = report["members"]
    # Spaces run together, and the marks that set a name apart in the page's sentences go.
    typed = " ".join(name.replace(FSI, "").replace(PDI, "").split())
    assert member["name"] == (typed or "Person 1")
    assert member["code"] == code
    assert member["legacy"] is False


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("Cy v2.Abc", "Cy: v2.Abc"),
        (
            "Ann Lee https://example.org/levels/level-2/#result=v2.Abc",
            "Ann Lee: https://example.org/levels/level-2/#result=v2.Abc",
        ),
    ],
)
def test_a_name_without_a_colon_before_the_link_is_told_where_the_colon_goes(
    line: str, fixed: str
) -> None:
    report = team_report(line)
    assert report["members"] == []
    (bad,) = report["invalid"]
    name, link = fixed.rsplit(": ", 1)  # the name set apart from the sentence
    assert (bad["line"], bad["text"]) == (1, line)
    assert bad["reason"] == (
        f"Put a colon between the name and the link, like this: {FSI}{name}{PDI}: {link}"
    )
