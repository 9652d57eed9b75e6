"""Render the assessment form as static HTML, at site build time.

The questions work without any script for reading; the page's JavaScript only enhances them
(saving answers, progress, scoring through Pyodide). They are deliberately not inside a
``<form>`` and the "See my level" button is a plain, disabled button: without JavaScript
nothing can submit them, so answers never end up in a query string or a server log. The note
that the assessment needs JavaScript (:func:`noscript_note`) comes first on the page, and the
answered count stays hidden until the page's script shows it. Every word is the catalog's
(``build.form.*``), in the language in use.
"""

from __future__ import annotations

from html import escape

from .._bank.model import NA, Bank, Choice, Question, na_label
from .._text import text

NOT_SURE_VALUE = "unsure"
#: The form value of "Not applicable" is the answer JSON's own: "na".
NA_VALUE = NA


def _choices(question: Question) -> tuple[tuple[Choice, str], ...]:
    """The statements, then "Not applicable" where the bank offers it, then "Not sure", each
    with its form value."""
    *levels, not_sure = question.choices
    picks = tuple((choice, str(choice.level)) for choice in levels)
    extra = ((Choice(None, na_label()), NA_VALUE),) if question.not_applicable else ()
    return (*picks, *extra, (not_sure, NOT_SURE_VALUE))


def _choice(question: Question, choice: Choice, value: str, index: int) -> str:
    input_id = f"q-{question.id}-{value}"
    css = "ex-choice ex-choice--unsure" if choice.level is None else "ex-choice"
    return (
        f'<label class="{css}" for="{input_id}">'
        f'<input type="radio" id="{input_id}" name="{escape(question.id)}" value="{value}"'
        f' data-choice="{index}">'
        f'<span class="ex-choice__text">{escape(choice.text)}</span></label>'
    )


def _question(bank: Bank, question: Question, position: int, total: int) -> str:
    dimension = bank.dimension(question.dimension)
    choices = "\n".join(
        _choice(question, choice, value, index)
        for index, (choice, value) in enumerate(_choices(question))
    )
    meta = text("build.form.question", position=position, total=total)
    return (
        f'<fieldset class="ex-question" id="question-{escape(question.id)}"'
        f' data-question="{escape(question.id)}" data-area="{escape(question.dimension)}">\n'
        f'<legend><span class="ex-question__meta">{escape(meta)}'
        f" · {escape(dimension.name)}</span>"
        f'<span class="ex-question__text">{escape(question.text)}</span></legend>\n'
        f'<div class="ex-choices">\n{choices}\n</div>\n'
        "</fieldset>"
    )


def noscript_note(levels_overview: str) -> str:
    """The note for readers without JavaScript, placed right under the title of the page with
    the form (hooks/page_markup.py), before the introduction: they learn at once what works for
    them. ``levels_overview`` is the address of the levels overview's self-identify section."""
    note = text("build.form.noscript", link=escape(levels_overview))
    return f'<noscript><p class="ex-noscript">{note}</p></noscript>'


def render_form(bank: Bank) -> str:
    """The whole assessment form: one fieldset per question, progress, actions and status."""
    total = len(bank.questions)
    questions = "\n".join(
        _question(bank, q, i, total) for i, q in enumerate(bank.questions, start=1)
    )
    answered = text(
        "build.form.answered", count='<span id="ex-progress-count">0</span>', total=total
    )
    instruction = escape(text("build.form.instruction"))
    submit, reset = escape(text("build.form.submit")), escape(text("build.form.reset"))
    return f"""<div id="ex-assessment" class="ex-assessment" data-total="{total}">
<div class="ex-progress" aria-live="off" hidden>
<label for="ex-progress-bar" id="ex-progress-label">{answered}</label>
<progress id="ex-progress-bar" max="{total}" value="0"></progress>
</div>
<p class="ex-instruction">{instruction}</p>
{questions}
<div class="ex-actions">
<button type="button" data-ex-action="submit" class="md-button md-button--primary" disabled>
{submit}</button>
<button type="button" class="md-button" data-ex-action="reset" disabled>{reset}</button>
</div>
<div id="ex-status" class="ex-status"></div>
</div>"""
