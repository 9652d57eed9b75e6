"""A bank file that is not valid TOML, told in plain words.

:func:`toml_error` turns tomllib's error into a message of four lines: where (line, column,
and the item and field of the bank, as the loader's other messages name them), the line
itself, a mark under the column, and what to do about that kind of mistake.

What the message says comes from the error's place alone: its ``pos`` (Python 3.14 and
later) or the ``(at line N, column M)`` / ``(at end of document)`` its text ends with (3.11
to 3.13), and what the document holds there (:func:`quiz._bank.toml_scan.spot`). tomllib's own
words are never matched, so a Python version that rewords them leaves the message as it is;
they are shown only for a mistake the place does not tell apart.

Only a broken file gets here: the loader imports this module when tomllib fails.
"""

from __future__ import annotations

import re

from ..errors import BankError
from .toml_scan import Spot, spot

__all__ = ["position", "toml_error"]

#: The place at the end of tomllib's message, in every version from 3.11.
_PLACE = re.compile(r"\s*\(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)\s*$")
_HEADER = r"\s*\[\[?\s*(?P<name>[A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(?:#.*)?"
_KEY = r"\s*(?P<key>[A-Za-z0-9_-]+)\s*="


def position(error: ValueError, doc: str) -> int | None:
    """Where in ``doc`` (``\\r\\n`` made ``\\n``, as tomllib reads it) the error is: its
    ``pos``, or the line and column its message ends with; ``None`` if it says neither."""
    pos = getattr(error, "pos", None)
    if isinstance(pos, int) and not isinstance(pos, bool) and 0 <= pos <= len(doc):
        return pos
    found = _PLACE.search(str(error))
    if found is None:
        return None
    if found["line"] is None:
        return len(doc)
    start = 0
    for _ in range(int(found["line"]) - 1):
        start = doc.find("\n", start) + 1
        if start == 0:  # fewer lines than the message says
            return None
    return min(start + int(found["column"]) - 1, len(doc))


def _own_words(error: ValueError) -> str:
    """tomllib's words for the error, without the place, on one line."""
    words = getattr(error, "msg", None)
    if not isinstance(words, str):
        words = _PLACE.sub("", str(error))
    return " ".join(words.split())


def toml_error(error: ValueError, text: str, source: str) -> BankError:
    """A TOML syntax error as three parts: where (line, column, item and field), the line itself
    with a mark under the column, and what to do about it."""
    doc = text.replace("\r\n", "\n")
    pos = position(error, doc)
    if pos is None:  # an error that says nowhere where it is
        return BankError(f"{source}: not valid TOML: {' '.join(str(error).split())}")
    found = spot(doc, pos)
    detail = found.detail if found is not None and found.detail else _own_words(error)
    lines = [line.rstrip("\r") for line in doc.split("\n")]
    if pos >= len(doc):  # at the end of the file: show its last line with text
        index = max((i for i, line in enumerate(lines) if line.strip()), default=0)
        column = len(lines[index]) + 1
        place = f"on line {index + 1}, at the end of the file"
    else:
        index = doc.count("\n", 0, pos)
        column = pos - doc.rfind("\n", 0, pos)
        place = f"at line {index + 1}, column {column}"
    line = lines[index]
    item, field = _item(lines, index)
    named = ", ".join(part for part in (item, f"field '{field}'" if field else "") if part)
    heading = f"{source}: not valid TOML {place}" + (f" ({named})" if named else "")
    shown = f"  Line {index + 1}: "
    mark = "".join("\t" if char == "\t" else " " for char in line[: column - 1])
    return BankError(
        f"{heading}: {detail}.\n"
        f"{shown}{line}\n"
        f"{' ' * len(shown)}{mark}^\n"
        f"  How to fix it: {_hint(found, line, lines, index)}"
    )


def _header(line: str) -> str | None:
    found = re.fullmatch(_HEADER, line)
    return "".join(found["name"].split()) if found else None


def _value(lines: list[str], start: int, key: str) -> str | None:
    """The value of ``key`` in the block whose header is on line ``start`` (quotes removed)."""
    for line in lines[start + 1 :]:
        if _header(line) is not None:
            break
        found = re.fullmatch(rf"\s*{key}\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|(\d+))\s*(?:#.*)?", line)
        if found:
            return next(group for group in found.groups() if group is not None)
    return None


def _item(lines: list[str], index: int) -> tuple[str, str]:
    """The item (``question 'metrics-reach' option 3``...) and the field that line ``index``
    belongs to, read from the raw lines as the loader's messages name them."""
    key = re.match(_KEY, lines[index])
    field = key["key"] if key else ""
    headers = [(i, name) for i in range(index, -1, -1) if (name := _header(lines[i]))]
    if not headers or _header(lines[index]) is not None:
        return "", field
    at, section = headers[0]
    parent = section.split(".", 1)[0]
    if parent == "scoring":
        return "section 'scoring'", field
    if section == "dimensions.steps":
        field = f"steps.{field}" if field else "steps"
    top = next(((i, name) for i, name in headers if name == parent), None)
    if parent not in ("levels", "themes", "dimensions", "questions") or top is None:
        return "", field
    start = top[0]
    if parent == "levels":
        number = _value(lines, start, "number")
        item = f"level {number}" if number else ""
    else:
        found = _value(lines, start, "id")
        kind = parent[:-1]
        item = f"{kind} '{found}'" if found else ""
    if not item:
        item = f"{parent[:-1]} #{sum(1 for _, name in headers if name == parent)}"
    if section == "questions.options":
        level = _value(lines, at, "level")
        item += f" option {level}" if level else " option"
    return item, field


_BLOCKS = {
    "questions": ("question", "[[questions]]"),
    "questions.options": ("question", "[[questions]]"),
    "dimensions": ("dimension", "[[dimensions]]"),
    "dimensions.steps": ("dimension", "[[dimensions]]"),
    "levels": ("level", "[[levels]]"),
    "themes": ("theme", "[[themes]]"),
}


def _section(lines: list[str], index: int) -> str:
    """The name of the last [header] at or above line ``index`` ('' for none)."""
    headers = (_header(lines[i]) for i in range(index, -1, -1))
    return next((name for name in headers if name), "")


#: What to do, for each kind of place (see :class:`quiz._bank.toml_scan.Spot`) that needs no more
#: than the kind to say it.
_FIXES = {
    "end-in-string": (
        'A text value near the end of the file has no closing quote (or a """ block is never '
        "closed): close it."
    ),
    "value": (
        'After = write text in double quotes ("like this"), a whole number (like 3), true or '
        'false, or a list in square brackets (like ["a", "b"]).'
    ),
    "equals": (
        "Each line must be key = value. If this line continues the text of the line above, "
        "join the two lines: a text value stays on one line. A note must start with #."
    ),
    "escape": (
        "A backslash (\\) inside double quotes must be written \\\\, or put single quotes "
        "around the text instead."
    ),
    "array": "A list that starts with [ has no closing ]: add ] at its end.",
    "statement": (
        "A line must start with a key (like text =), a [header], or # for a note. A key uses "
        "only letters, digits, - and _."
    ),
    "header-open": "This header is not closed: end it with ] (or ]] if it starts with [[).",
    "inline": (
        "A table written in curly brackets ({ }) has no closing }: add } at its end, or write "
        "its keys on lines of their own under a [header]."
    ),
}
_FIXES["key"] = _FIXES["statement"]
_ANY = "Compare this line with a similar line elsewhere in the file that works."


def _hint(found: Spot | None, line: str, lines: list[str], index: int) -> str:
    """What to do about what is at the error's place, in plain words."""
    kind = found.kind if found is not None else ""
    key = re.match(_KEY, line)
    name = f"'{key['key']}'" if key else "this key"
    if found is None or kind in _FIXES:
        return _FIXES.get(kind, _ANY)
    if kind == "open-string":
        quote = "double quote" if found.quote == '"' else "quote"
        return (
            f"The text on this line has no closing {quote}: add {found.quote} at the end of "
            "the text. A text value must start and end on the same line."
        )
    if kind == "control":
        return (
            f"An invisible control character (U+{ord(found.char):04X}) sits at the mark, where "
            "TOML does not allow one: delete it, for example by typing the words around the "
            "mark again."
        )
    if kind == "follows":
        value = line.partition("=")[2] if key else line
        if len(re.findall(r'(?<!\\)"', value)) > 2:  # more than an opening and a closing quote
            return (
                "Text in double quotes cannot contain a double quote: use single quotes around "
                'the text (\'like "this"\'), or write \\" for each inner quote. (Text in single '
                "quotes cannot contain an apostrophe.)"
            )
        return (
            "Something follows the value on this line. Each line holds one key = value; "
            "anything after the value must be a comment that starts with #."
        )
    if kind == "duplicate":
        block = _BLOCKS.get(_section(lines, index))
        if block is None:
            return f"{name} appears twice: keep one of the two lines."
        kind, header = block
        also = (
            " (or a [[questions.options]] header above a statement)" if kind == "question" else ""
        )
        return (
            f"{name} appears twice in the same {kind}, or a {header} header is missing above "
            f"it{also}: delete the extra line, or put the missing header back."
        )
    header = line.split("#", 1)[0].strip()
    if kind == "header-twice":
        if _header(line) == "dimensions.steps":
            return (
                f"{header} appears twice in one dimension: a [[dimensions]] header is missing "
                "above the second one. Put it back, or delete the extra steps."
            )
        return f"{header} appears twice in the file: keep one, with all its lines."
    if kind == "header-taken":
        name = _header(line) or header
        return (
            f"{header} clashes with an earlier use of '{name}' above it (a key = value line "
            f"with that name, or a header that starts with '{name}.'). Check the headers above "
            "this line for a misspelt or missing one."
        )
    return _ANY
