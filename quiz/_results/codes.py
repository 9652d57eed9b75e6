"""Result codes: a short, URL-safe string that stores a set of answers.

A code looks like ``v3.CRhHhnriIA`` and is made of:

* a version prefix, ``v3.``: the ``code_version`` of the bank the answers belong to. Version 1
  and 2 codes are read against the frozen banks ``quiz/bank_v1.toml`` and ``quiz/bank_v2.toml``;
* base64url text (no ``=`` padding) of a byte string holding

  * one unsigned LEB128 varint per answered question, worth
    ``question number * slots + level`` where level is 1 to the top level, 0 for
    "not sure" and, from version 3, the top level plus one for "not applicable"; ``slots`` is
    the number of levels plus one (6 for five levels), plus one more from version 3;
    entries are sorted by question number;
  * a 4-byte big-endian CRC-32 of those bytes, salted with the site's code namespace and the
    version (``ex-maturity/v3:``), so damaged or mistyped codes are detected, and so are codes
    made by a copy of the playbook that asks its own questions under its own namespace
    (``site.json``'s ``extra.code_namespace``, see :mod:`quiz.build`). A copy that keeps the
    playbook's questions keeps its namespace, and the two read each other's links.

A full result link (``https://…/levels/level-3/#result=v2.…``) is accepted wherever a code
is: :func:`extract_code` takes the code out of it.

Answers are stored by question ``number``, not by position, so a code stays
readable after questions are added to the bank. Numbers listed in the bank's
``retired`` list are skipped when decoding; any other unknown number is an error.

Decoding never raises anything but :class:`~quiz.errors.CodeError`, whose
message is written for the reader of the result page.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping

from .._bank.model import NA, Answer, Bank
from .._bank.settings import site
from .._scoring.answers import Answers
from .._text import text as sentence
from ..errors import CodeError
from .percent import percent_decode

__all__ = [
    "CODE_VERSION",
    "ORIGINAL_NAMESPACE",
    "code_version",
    "decode",
    "encode",
    "extract_code",
]

#: The newest code version this package knows; codes with a higher version are refused.
CODE_VERSION = 3

#: The namespace of the playbook's own site, which every link it has published carries
#: (frozen: changing it would break them). A copy with its own namespace recognises these links
#: and refuses them with :data:`OTHER_SITE` rather than as damaged.
ORIGINAL_NAMESPACE = "ex-maturity"

#: The first code version that can store "not applicable".
NA_VERSION = 3


_CHECK_BYTES = 4
_MAX_VARINT_BYTES = 3
_MAX_CODE_LENGTH = 2000
_CODE = re.compile(r"v([0-9]{1,6})\.([A-Za-z0-9_-]*)")
_LOOKS_VERSIONED = re.compile(r"v[0-9]{1,6}\.")
_RESULT_MARK = "#result="


def _slots(bank: Bank) -> int:
    """Level values 0 (not sure) to the top level, then "not applicable" from version 3."""
    return bank.top + (2 if bank.code_version >= NA_VERSION else 1)


def _value(bank: Bank, answer: Answer) -> int:
    if answer is None:
        return 0
    if answer == NA:
        return bank.top + 1
    return answer


def _answer(bank: Bank, value: int) -> Answer:
    if value == 0:
        return None
    if value == bank.top + 1:
        return NA
    return value


def _checksum(payload: bytes, version: int, namespace: str) -> bytes:
    crc = binascii.crc32(f"{namespace}/v{version}:".encode() + payload)
    return (crc & 0xFFFFFFFF).to_bytes(_CHECK_BYTES, "big")


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low = value & 0x7F
        value >>= 7
        if value:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def _read_varints(payload: bytes) -> list[int]:
    values: list[int] = []
    value = shift = used = 0
    for byte in payload:
        value |= (byte & 0x7F) << shift
        shift += 7
        used += 1
        if used > _MAX_VARINT_BYTES:
            raise CodeError(sentence("code.damaged"))
        if not byte & 0x80:
            if used > 1 and byte == 0:  # padded, non-minimal form
                raise CodeError(sentence("code.damaged"))
            values.append(value)
            value = shift = used = 0
    if used:
        raise CodeError(sentence("code.damaged"))
    return values


def _to_text(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _from_text(text: str) -> bytes:
    if len(text) % 4 == 1:
        raise CodeError(sentence("code.damaged"))
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise CodeError(sentence("code.damaged")) from None
    if _to_text(raw) != text:  # stray bits in the last character
        raise CodeError(sentence("code.damaged"))
    return raw


def encode(bank: Bank, answers: Mapping[str, Answer], namespace: str | None = None) -> str:
    """Return the result code for already-checked ``answers`` (see :func:`check_answers`),
    in the site's code namespace unless ``namespace`` names another."""
    slots = _slots(bank)
    pairs = sorted(
        (bank.question(question_id).number, _value(bank, level))
        for question_id, level in answers.items()
    )
    payload = b"".join(_varint(number * slots + level) for number, level in pairs)
    version = bank.code_version
    salt = namespace or site().code_namespace
    return f"v{version}." + _to_text(payload + _checksum(payload, version, salt))


def extract_code(text: object) -> str:
    """The code in ``text``: a bare code, or a result link holding ``#result=CODE``."""
    if not isinstance(text, str):
        raise CodeError(sentence("code.foreign"))
    value = text.strip()
    if _RESULT_MARK in value:
        value = value.split(_RESULT_MARK, 1)[1].strip()
        try:
            value = percent_decode(value)
        except UnicodeDecodeError:
            raise CodeError(sentence("code.damaged")) from None
    if not value:
        raise CodeError(sentence("code.empty"))
    if len(value) > _MAX_CODE_LENGTH:
        raise CodeError(sentence("code.damaged"))
    return value


def _parse(text: object) -> tuple[int, str]:
    code = extract_code(text)
    match = _CODE.fullmatch(code)
    if match is None:
        raise CodeError(
            sentence("code.damaged" if _LOOKS_VERSIONED.match(code) else "code.foreign")
        )
    version = int(match[1])
    if version > CODE_VERSION:
        raise CodeError(sentence("code.newer"))
    if version < 1:
        raise CodeError(sentence("code.damaged"))
    return version, match[2]


def code_version(text: object) -> int:
    """The version of the code in ``text`` (a code or a result link); raises CodeError."""
    return _parse(text)[0]


def decode(bank: Bank, code: str, namespace: str | None = None) -> Answers:
    """Turn a result code (or link) back into answers (question id -> level or None).

    The code's version must be the bank's ``code_version``, and its checksum that of the
    site's code namespace (or ``namespace``). Only questions stored in the code appear in the
    result, in bank order. Raises :class:`CodeError` for anything that is not a valid code.
    """
    version, body = _parse(code)
    if version != bank.code_version:
        raise CodeError(sentence("code.damaged"))
    raw = _from_text(body)
    if len(raw) < _CHECK_BYTES:
        raise CodeError(sentence("code.damaged"))
    payload, check = raw[:-_CHECK_BYTES], raw[-_CHECK_BYTES:]
    own = namespace or site().code_namespace
    if _checksum(payload, version, own) != check:
        if own != ORIGINAL_NAMESPACE and _checksum(payload, version, ORIGINAL_NAMESPACE) == check:
            raise CodeError(sentence("code.other_site"))
        raise CodeError(sentence("code.damaged"))
    slots = _slots(bank)
    found: dict[int, Answer] = {}
    for value in _read_varints(payload):
        number, level = divmod(value, slots)
        if number == 0 or number in found:
            raise CodeError(sentence("code.damaged"))
        found[number] = _answer(bank, level)
    answers: Answers = {}
    for number in found:
        if number in bank.retired:
            continue
        try:
            bank.question_by_number(number)
        except KeyError:
            raise CodeError(sentence("code.unknown_question")) from None
    for question in bank.questions:
        if question.number in found:
            answer = found[question.number]
            if not question.allows(answer):
                raise CodeError(sentence("code.damaged"))
            answers[question.id] = answer
    return answers
