"""Render the assessment form as static HTML, at site build time.

The questions work without any script for reading; the page's JavaScript only enhances them
(saving answers, progress, scoring through Pyodide). They are deliberately not inside a
``<form>`` and the "See my level" button is a plain, disabled button: without JavaScript
nothing can submit them, so answers never end up in a query string or a server log. The note
that the assessment needs JavaScript (:func:`noscript_note`) comes first on the page, and the
answered count stays hidden until the page's script shows it.
"""

from __future__ import annotations

from html import escape

from .._bank.model import NA, NA_LABEL, Bank, Choice, Question

NOT_SURE_VALUE = "unsure"
#: The form value of "Not applicable" is the answer JSON's own: "na".
NA_VALUE = NA

#: The instruction above the questions: the statements of a question build on each other.
INSTRUCTION = (
    "For each question, choose the highest statement that is fully true today: each statement "
    "includes the ones before it. Choose “Not sure” when you cannot tell, and “Not "
    "applicable”, where it is offered, when the question does not apply to your organisation "
    "(for example, no incentive scheme or no HR team)."
)


def _choices(question: Question) -> tuple[Choice, ...]:
    """The statements, then "Not applicable" where the bank offers it, then "Not sure"."""
    *levels, not_sure = question.choices
    extra = (Choice(None, NA_LABEL),) if question.not_applicable else ()
    return (*levels, *extra, not_sure)


def _choice(question: Question, choice: Choice, index: int) -> str:
    na = choice.level is None and choice.text == NA_LABEL
    value = NA_VALUE if na else NOT_SURE_VALUE if choice.level is None else str(choice.level)
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
    choices = "\n".join(_choice(question, c, i) for i, c in enumerate(_choices(question)))
    return (
        f'<fieldset class="ex-question" id="question-{escape(question.id)}"'
        f' data-question="{escape(question.id)}" data-area="{escape(question.dimension)}">\n'
        f'<legend><span class="ex-question__meta">Question {position} of {total}'
        f" · {escape(dimension.name)}</span>"
        f'<span class="ex-question__text">{escape(question.text)}</span></legend>\n'
        f'<div class="ex-choices">\n{choices}\n</div>\n'
        "</fieldset>"
    )


def noscript_note(levels_overview: str) -> str:
    """The note for readers without JavaScript, placed right under the title of the page with
    the form (hooks/page_markup.py), before the introduction: they learn at once what works for
    them. ``levels_overview`` is the address of the levels overview's self-identify section."""
    return (
        '<noscript><p class="ex-noscript"><strong>The assessment needs JavaScript</strong>: it is'
        " scored by Python running in your browser. You can still read the questions below, and"
        f' find your level from the descriptions in <a href="{escape(levels_overview)}">the'
        " levels overview</a>.</p></noscript>"
    )


def render_form(bank: Bank) -> str:
    """The whole assessment form: one fieldset per question, progress, actions and status."""
    total = len(bank.questions)
    questions = "\n".join(
        _question(bank, q, i, total) for i, q in enumerate(bank.questions, start=1)
    )
    return f"""<div id="ex-assessment" class="ex-assessment" data-total="{total}">
<div class="ex-progress" aria-live="off" hidden>
<label for="ex-progress-bar" id="ex-progress-label">Answered:
<span id="ex-progress-count">0</span> of {total}</label>
<progress id="ex-progress-bar" max="{total}" value="0"></progress>
</div>
<p class="ex-instruction">{escape(INSTRUCTION)}</p>
{questions}
<div class="ex-actions">
<button type="button" data-ex-action="submit" class="md-button md-button--primary" disabled>
See my level</button>
<button type="button" class="md-button" data-ex-action="reset" disabled>Start over</button>
</div>
<div id="ex-status" class="ex-status"></div>
</div>"""
