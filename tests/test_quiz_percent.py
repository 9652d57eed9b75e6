"""Percent-encoding in result and team links matches urllib.parse exactly."""

from __future__ import annotations

from urllib.parse import quote, unquote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from quiz.percent import percent_decode, percent_encode

# Text rich in the characters that matter: escapes (valid, broken, non-UTF-8), "%", ASCII
# and non-ASCII characters, including surrogates that cannot be encoded.
_PIECES = st.one_of(
    st.text(max_size=6),
    st.sampled_from(["%", "%2", "%zz", "%41", "%c3%a9", "%C3", "%A9", "%e2%82%ac", "%ff", "é"]),
    st.builds(lambda byte: f"%{byte:02x}", st.integers(0, 255)),
)
_LINK_TEXT = st.lists(_PIECES, max_size=8).map("".join)


def _outcome(function: object, text: str) -> tuple[str, str]:
    try:
        return ("ok", function(text))  # type: ignore[operator]
    except UnicodeError as error:
        return ("error", type(error).__name__)


@given(_LINK_TEXT)
@example("v2.ABC%2Dx")
@example("%C3%A9%C3")
@example("é%C3%A9")
def test_percent_decode_agrees_with_strict_unquote_on_any_text(text: str) -> None:
    assert _outcome(percent_decode, text) == _outcome(
        lambda value: unquote(value, errors="strict"), text
    )


@given(st.text())
@example("Ana Lee: v2.AbC\nBo: v1.xyz/+=?&#")
def test_percent_encode_agrees_with_quote_keeping_colons(text: str) -> None:
    assert _outcome(percent_encode, text) == _outcome(lambda value: quote(value, safe=":"), text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a%20b", "a b"), ("%E2%82%AC5", "€5"), ("100%", "100%"), ("%zz", "%zz"), ("plain", "plain")],
)
def test_percent_decode_reads_escapes_and_keeps_stray_percent_signs(
    text: str, expected: str
) -> None:
    assert percent_decode(text) == expected


def test_percent_decode_refuses_escaped_bytes_that_are_not_utf8() -> None:
    with pytest.raises(UnicodeDecodeError):
        percent_decode("%ff")
