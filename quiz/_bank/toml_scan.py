"""What a TOML document holds at the place where tomllib stopped reading it.

A :class:`tomllib.TOMLDecodeError` gives the place (from Python 3.14 as ``pos``, before that in
the ``(at line N, column M)`` its message ends with) and says why, in words that are
tomllib's own and may change with the Python version. :func:`spot` never reads those words:
it reads the document again from the top, following TOML's grammar, until it reaches the
place, and says what was being read there (the start of a line, a key, a value, text in
quotes, a list, a header...) and what is at the place. Everything before the place was read
without a syntax error, so only valid TOML needs following; a document that leaves the
grammar followed here before the place gives ``None``, and the caller falls back on the
error's own words.

Each :class:`Spot` carries the one-line detail shown to the editor, in the words tomllib
3.11-3.14 use for that mistake: they are this module's own now, so a message does not change
when a Python version rewords its errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Spot", "spot"]

_WS = frozenset(" \t")
_BARE_KEY = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
_KEY_START = _BARE_KEY | {'"', "'"}
#: What a bare value (true, false, a number, a date) is made of.
_BARE_VALUE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-._:")
#: Control characters, which TOML allows nowhere but a tab (and a line break between lines or
#: in a multi-line string).
_CONTROL = frozenset(chr(code) for code in (*range(32), 127)) - {"\t"}
_ESCAPES = frozenset('btnfr"\\')
_DATE = re.compile(r"\d{4}-\d\d-\d\d|\d\d:\d\d")
_FOLLOWS = "Expected newline or end of document after a statement"
_KEY_LINE = r"\s*(?P<key>[A-Za-z0-9_-]+)\s*(?P<after>[=.])"
_HEADER_LINE = r"\s*\[\[?\s*(?P<name>[A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(?:#.*)?"


@dataclass(frozen=True)
class Spot:
    """What is at the place where a TOML document stops being valid.

    ``kind`` is one of: ``statement`` (a line starts with neither a key, a header nor #),
    ``key`` (a key starts with a character keys cannot hold), ``equals`` (no = after a key),
    ``value`` (no value after =), ``follows`` (more after a complete line), ``duplicate``
    (a key set twice in one table), ``refused`` (a key = value line clashes otherwise with
    what is above), ``header-twice`` (a header given twice), ``header-taken`` (a header for a
    name already set by a key), ``header-open`` (a header without its closing bracket),
    ``open-string`` (a line break in text in quotes), ``end-in-string`` (the file ends in text
    in quotes), ``escape`` (a backslash that starts no escape), ``control`` (an invisible
    control character), ``array`` (a list not closed), ``inline`` (a { } table not closed),
    ``inline-refused`` (a key set twice in a { } table).

    ``detail`` is what is wrong, in one line; empty where the place alone does not tell which
    of tomllib's errors it is (the caller then shows the error's own words).
    """

    kind: str
    detail: str = ""
    quote: str = ""  # the quote of the text in quotes, for open-string
    char: str = ""  # the character at the place, for control


class _Found(Exception):
    """Stops the reading: what is at the place (``None``: the document left the grammar)."""

    def __init__(self, found: Spot | None) -> None:
        super().__init__()
        self.found = found


def spot(doc: str, stop: int) -> Spot | None:
    """What is at offset ``stop`` of ``doc`` (its line breaks as tomllib reads them: ``\\r\\n``
    made ``\\n``), where tomllib stopped; ``None`` if the document cannot be followed there."""
    try:
        _Reader(doc, stop).document()
    except _Found as found:
        return found.found
    except (IndexError, RecursionError):  # past the end of the document; lists nested too deep
        return None
    return None


class _Reader:
    """Follows TOML's grammar from the top of ``doc``, and raises :class:`_Found` at ``stop``
    (or with ``None`` where the document leaves the grammar)."""

    def __init__(self, doc: str, stop: int) -> None:
        self.doc = doc
        self.stop = stop

    def char(self, pos: int) -> str:
        return self.doc[pos] if pos < len(self.doc) else ""

    def skip(self, pos: int, chars: frozenset[str]) -> int:
        while pos < len(self.doc) and self.doc[pos] in chars:
            pos += 1
        return pos

    def at(self, pos: int, found: Spot) -> None:
        """Stop with ``found`` if ``pos`` is the place."""
        if pos == self.stop:
            raise _Found(found)

    def lost(self) -> _Found:
        return _Found(None)

    # --- statements -----------------------------------------------------------------------

    def document(self) -> None:
        pos = 0
        while True:
            pos = self.skip(pos, _WS)
            char = self.char(pos)
            if char not in _KEY_START and char not in ("[", "#", "\n", ""):
                self.at(pos, Spot("statement", "Invalid statement"))
            if pos >= self.stop:
                raise self.lost()
            if char == "\n":
                pos += 1
                continue
            if char == "[":
                pos = self.skip(self.header(pos), _WS)
            elif char in _KEY_START:
                pos = self.skip(self.key_value(pos), _WS)
            if self.char(pos) == "#":
                pos = self.comment(pos)
            char = self.char(pos)
            if char not in ("\n", ""):
                self.at(pos, Spot("follows", _FOLLOWS))
                raise self.lost()
            if char == "":
                raise self.lost()
            pos += 1

    def comment(self, pos: int) -> int:
        end = self.doc.find("\n", pos)
        end = len(self.doc) if end < 0 else end
        if pos < self.stop < end:
            char = self.doc[self.stop]
            if char in _CONTROL:
                raise _Found(Spot("control", f"Found invalid character {char!r}", char=char))
            raise self.lost()
        return end

    def header(self, pos: int) -> int:
        double = self.doc.startswith("[[", pos)
        close = "]]" if double else "]"
        pos, key = self.key(self.skip(pos + len(close), _WS))
        closed = self.doc.startswith(close, pos)
        if pos == self.stop:
            # tomllib refuses a header it has seen (in the same list item) before it looks
            # for the closing bracket; a refused list header ([[...]]) is told apart no more.
            if not double and self.declared_above(key):
                raise _Found(Spot("header-twice", f"Cannot declare {key!r} twice"))
            if closed:
                raise _Found(Spot("header-twice" if self.declared_above(key) else "header-taken"))
        if not closed:
            what = "an array declaration" if double else "a table declaration"
            self.at(pos, Spot("header-open", f"Expected {close!r} at the end of {what}"))
            raise self.lost()
        return pos + len(close)

    def declared_above(self, key: tuple[str, ...]) -> bool:
        """Whether a header above the place names ``key``, and no list header ([[...]]) of a
        name that ``key`` extends (which starts a new item) comes between."""
        name = ".".join(key)
        above = self.doc[: self.doc.rfind("\n", 0, self.stop) + 1].split("\n")
        for line in reversed(above):
            found = re.fullmatch(_HEADER_LINE, line)
            if found is None:
                continue
            other = "".join(found["name"].split())
            if other == name:
                return True
            if line.lstrip().startswith("[[") and name.startswith(f"{other}."):
                return False
        return False

    def key_value(self, pos: int) -> int:
        line_start = self.doc.rfind("\n", 0, pos) + 1
        pos, key = self.key(pos)
        if self.char(pos) != "=":
            self.at(pos, Spot("equals", "Expected '=' after a key in a key/value pair"))
            raise self.lost()
        pos = self.value(self.skip(pos + 1, _WS))
        if pos == self.stop:  # tomllib refuses a key = value line just after its value
            found = self.set_above(line_start, key)
            if found is not None or self.char(pos) in (" ", "\t", "\n", "#", ""):
                raise _Found(found or Spot("refused"))
        return pos

    def set_above(self, line_start: int, key: tuple[str, ...]) -> Spot | None:
        """``duplicate`` if a line between the last header and this one sets the key (or,
        for a dotted key, its first part)."""
        for line in reversed(self.doc[:line_start].split("\n")):
            if re.fullmatch(_HEADER_LINE, line):
                break
            found = re.match(_KEY_LINE, line)
            if found and found["key"] == key[0]:
                exact = len(key) == 1 and found["after"] == "="
                return Spot("duplicate", "Cannot overwrite a value" if exact else "")
        return None

    def key(self, pos: int) -> tuple[int, tuple[str, ...]]:
        """A key, dotted or not, and the blanks after it."""
        parts: list[str] = []
        while True:
            char = self.char(pos)
            if char in _BARE_KEY:
                end = self.skip(pos, _BARE_KEY)
                parts.append(self.doc[pos:end])
                pos = end
            elif char in ('"', "'"):
                end = self.string(pos, char, multiline=False)
                parts.append(self.doc[pos + 1 : end - 1])
                pos = end
            else:
                self.at(pos, Spot("key", "Invalid initial character for a key part"))
                raise self.lost()
            pos = self.skip(pos, _WS)
            if self.char(pos) != ".":
                return pos, tuple(parts)
            pos = self.skip(pos + 1, _WS)

    # --- values -----------------------------------------------------------------------------

    def value(self, pos: int) -> int:
        """Where the value that starts at ``pos`` ends."""
        char = self.char(pos)
        if pos == self.stop and char not in ('"', "'", "[", "{"):
            date = _DATE.match(self.doc, pos)
            raise _Found(Spot("value", "Invalid date or datetime" if date else "Invalid value"))
        if char in ('"', "'"):
            return self.string(pos, char, multiline=self.doc.startswith(char * 3, pos))
        if char == "[":
            return self.array(pos)
        if char == "{":
            return self.inline_table(pos)
        end = self.skip(pos, _BARE_VALUE)
        if end == pos:
            raise self.lost()
        # Nothing goes wrong inside a bare value but at its start: a place inside it is where
        # tomllib's reading of the value ended.
        return self.stop if pos < self.stop < end else end

    def array(self, pos: int) -> int:
        pos = self.array_space(pos + 1)
        if self.char(pos) == "]":
            return pos + 1
        while True:
            pos = self.array_space(self.value(pos))
            char = self.char(pos)
            if char not in (",", "]"):
                self.at(pos, Spot("array", "Unclosed array"))
                raise self.lost()
            if char == "]":
                return pos + 1
            pos = self.array_space(pos + 1)
            if self.char(pos) == "]":
                return pos + 1

    def array_space(self, pos: int) -> int:
        """Past blanks, line breaks and comments, as inside a list."""
        while True:
            before = pos
            pos = self.skip(pos, _WS | {"\n"})
            if self.char(pos) == "#":
                pos = self.comment(pos)
            if pos == before:
                return pos

    def inline_table(self, pos: int) -> int:
        pos = self.skip(pos + 1, _WS)
        if self.char(pos) == "}":
            return pos + 1
        while True:
            pos, _ = self.key(pos)
            if self.char(pos) != "=":
                self.at(pos, Spot("equals", "Expected '=' after a key in a key/value pair"))
                raise self.lost()
            pos = self.value(self.skip(pos + 1, _WS))
            if self.char(pos) in (" ", "\t", ",", "}"):
                self.at(pos, Spot("inline-refused"))
            pos = self.skip(pos, _WS)
            char = self.char(pos)
            if char not in (",", "}"):
                self.at(pos, Spot("inline", "Unclosed inline table"))
                raise self.lost()
            if char == "}":
                return pos + 1
            pos = self.skip(pos + 1, _WS)

    # --- text in quotes ---------------------------------------------------------------------

    def string(self, pos: int, quote: str, multiline: bool) -> int:
        """Where the text in quotes that starts at ``pos`` ends (after its closing quote)."""
        delimiter = quote * 3 if multiline else quote
        literal = quote == "'"
        pos += len(delimiter)
        if multiline and self.char(pos) == "\n":
            pos += 1
        escape = -1  # where the last escape (backslash and letter) ends
        while True:
            if pos == self.stop:
                raise _Found(self.in_string(pos, quote, multiline, pos == escape))
            char = self.char(pos)
            if multiline and self.doc.startswith(delimiter, pos):
                extra = self.doc[pos + 3 : pos + 5]  # up to two more quotes belong to the text
                return pos + 3 + len(extra) - len(extra.lstrip(quote))
            if not multiline and char == quote:
                return pos + 1
            if char == "" or (char in _CONTROL and not (multiline and char == "\n")):
                if literal and self.stop == len(self.doc):  # tomllib looks for a closing quote
                    raise _Found(self.in_string(self.stop, quote, multiline, False))
                raise self.lost()
            if char == "\\" and not literal:
                if multiline and self.char(pos + 1) in (" ", "\t", "\n"):
                    pos = self.line_end_backslash(pos + 1)
                    continue
                escape = pos + 2
                pos += 2
                continue
            pos += 1

    def line_end_backslash(self, pos: int) -> int:
        """Past a backslash's line break and the blanks around it, in a multi-line string."""
        pos = self.skip(pos, _WS)
        if self.char(pos) not in ("\n", ""):
            self.at(pos, Spot("escape", "Unescaped '\\' in a string"))
            raise self.lost()
        return self.skip(pos, _WS | {"\n"})

    def in_string(self, pos: int, quote: str, multiline: bool, after_escape: bool) -> Spot | None:
        char = self.char(pos)
        if char == "":
            if quote == "'":
                return Spot("end-in-string", f"Expected {quote * (3 if multiline else 1)!r}")
            return Spot("end-in-string", "Unterminated string")
        letter = self.doc[pos - 1]
        if after_escape and letter in "uU":
            return Spot("escape", "Invalid hex value")
        if after_escape and letter not in _ESCAPES:
            return Spot("escape", "Unescaped '\\' in a string")
        if char in _CONTROL:
            found = "Found invalid" if quote == "'" else "Illegal"
            detail = f"{found} character {char!r}"
            if char in "\r\n" and not multiline:
                return Spot("open-string", detail, quote=quote)
            return Spot("control", detail, char=char)
        return None
