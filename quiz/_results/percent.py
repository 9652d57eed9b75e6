"""Percent-encoding for result and team links, without :mod:`urllib.parse`.

Importing :mod:`urllib.parse` (which imports :mod:`ipaddress`) took about 45 ms under
Pyodide, a quarter of what the scorer did after Python started; these two functions are all
the package needs from it. Both match :mod:`urllib.parse` exactly (tests/test_quiz_percent.py).
"""

from __future__ import annotations

import re

__all__ = ["percent_decode", "percent_encode"]

_ASCII_RUN = re.compile("[\x00-\x7f]+")
_ESCAPE = re.compile(rb"%([0-9A-Fa-f]{2})")
# RFC 3986's unreserved characters, and ":" (kept readable in team links).
_KEPT = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~:")


def percent_decode(text: str) -> str:
    """``text`` with its ``%XX`` escapes decoded as UTF-8, as in a pasted result link.

    The same as ``urllib.parse.unquote(text, errors="strict")``: each run of ASCII characters
    is decoded on its own, a ``%`` that starts no escape is kept, and escaped bytes that are
    not UTF-8 raise :class:`UnicodeDecodeError`.
    """
    if "%" not in text:
        return text

    def decode_run(run: re.Match[str]) -> str:
        raw = _ESCAPE.sub(lambda escape: bytes.fromhex(escape[1].decode()), run[0].encode())
        return raw.decode("utf-8")

    return _ASCII_RUN.sub(decode_run, text)


def percent_encode(text: str) -> str:
    """``text`` as UTF-8 with every byte but letters, digits, ``_.-~`` and ``:`` escaped.

    The same as ``urllib.parse.quote(text, safe=":")``.
    """
    return "".join(chr(byte) if byte in _KEPT else f"%{byte:02X}" for byte in text.encode())
