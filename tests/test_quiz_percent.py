"""Percent-encoding in result and team links matches urllib.parse exactly.

The scorer does its own percent-encoding (urllib.parse cost the browser's Python start-up
time), so what it reads and writes is checked against urllib through what a reader moves: a
result link whose code is percent-encoded opens as the code does, a garbled one is called
damaged, and a team link's fragment is what ``quote`` gives.
"""

from __future__ import annotations

import json
from urllib.parse import quote, unquote

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from quiz import Answers, encode, load_bank, open_code
from quiz.errors import DAMAGED, CodeError
from quiz.web import team_json

BANK = load_bank()
LINK = "https://ex-maturity.github.io/ex-maturity-playbook/levels/level-3/#result="
CODE = encode(BANK, {question.id: 3 for question in BANK.questions})

# Text rich in the characters that matter: escapes (valid, broken, non-UTF-8), "%", ASCII
# and non-ASCII characters, including surrogates that cannot be encoded.
_PIECES = st.one_of(
    st.text(max_size=6),
    st.sampled_from(["%", "%2", "%zz", "%41", "%c3%a9", "%C3", "%A9", "%e2%82%ac", "%ff", "é"]),
    st.builds(lambda byte: f"%{byte:02x}", st.integers(0, 255)),
)
_LINK_TEXT = st.lists(_PIECES, max_size=8).map("".join)


def opened(text: str) -> Answers | str:
    """The answers a link opens with, or the sentence it is refused with."""
    try:
        return open_code(text).answers
    except CodeError as error:
        return str(error)


@given(st.lists(st.booleans(), min_size=len(CODE), max_size=len(CODE)), st.booleans())
@settings(max_examples=60, deadline=None)
def test_a_code_percent_encoded_in_any_way_opens_like_the_code(
    escaped: list[bool], lower: bool
) -> None:
    """Any character of the code may arrive escaped (as mail programs and chat apps do), in
    upper- or lower-case hexadecimal."""
    escape = "%{:02x}" if lower else "%{:02X}"
    fragment = "".join(
        escape.format(ord(c)) if on else c for c, on in zip(CODE, escaped, strict=True)
    )
    assert unquote(fragment) == CODE
    assert opened(LINK + fragment) == opened(CODE)


@given(_LINK_TEXT)
@example("%C3%A9%C3")
@example("é%C3%A9")
@example("%ff")
@example("%41%2E")
@settings(deadline=None)
def test_a_link_opens_as_urllib_reads_its_escapes_and_is_damaged_where_urllib_fails(
    text: str,
) -> None:
    try:
        plain = unquote(CODE + text, errors="strict")
    except UnicodeError:
        assert opened(LINK + CODE + text) == DAMAGED
        return
    # A bare code is read as it is (only links are percent-decoded), with spaces trimmed.
    assume(plain == plain.strip() and "#result=" not in plain)
    assert opened(LINK + CODE + text) == opened(plain)


def test_a_stray_percent_sign_is_kept_and_a_broken_escape_is_damaged() -> None:
    assert opened(LINK + CODE.replace(".", "%2E", 1)) == opened(CODE)
    assert opened(LINK + CODE + "%ff") == DAMAGED
    assert unquote("100%") == "100%"  # urllib keeps a stray "%": so does the scorer
    assert opened(LINK + CODE + "%") == opened(CODE + "%")


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12))
@example("Ana Lee")
@example("Bo: v1.xyz/+=?&#")
@settings(max_examples=60, deadline=None)
def test_a_team_links_fragment_is_what_quote_gives_keeping_colons(name: str) -> None:
    name = " ".join(name.split()) or "Ana"
    report = json.loads(team_json(f"{name}: {CODE}\nBo: {CODE}"))
    assert report["ok"], report
    fragment = report["result"]["fragment"]
    assert fragment.startswith("team=")
    encoded = fragment.removeprefix("team=")
    assert encoded == quote(unquote(encoded, errors="strict"), safe=":")
    assert CODE in unquote(encoded)
