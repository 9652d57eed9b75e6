"""The report as Markdown, every section in order, and the report put into a file between its
``benchmark:start``/``benchmark:end`` markers (``--write``)."""

from __future__ import annotations

import re

from benchmark.report import Report
from benchmark.sections import (
    hosts_section,
    lighthouse_errors,
    lighthouse_section,
    startup_section,
    submit_section,
    team_section,
    visits_section,
)
from benchmark.stats import markdown_table
from benchmark.targets import targets_section


def render(report: Report) -> str:
    sections = [
        ["# EX Maturity Playbook: performance benchmark"],
        ["## Environment", "", markdown_table(["Item", "Value"], report.env)],
        targets_section(report),
        startup_section(report),
        submit_section(report),
        visits_section(report),
        hosts_section(report),
        lighthouse_section(report),
        team_section(report),
    ]
    host_errors = [error for runs in report.hosts for error in runs.errors]
    errors = report.startup.errors + report.visits.errors + host_errors + lighthouse_errors(report)
    if errors:
        sections.append(["## Failed runs", "", *(f"- {e}" for e in errors)])
    sections.append([f"Benchmark wall time: {report.elapsed_s:.0f} s."])
    return "\n\n".join("\n".join(section) for section in sections) + "\n"


MARKERS = ("<!-- benchmark:start -->", "<!-- benchmark:end -->")


def embed_report(document: str, report: str) -> str:
    """``document`` with ``report`` between its markers, headings demoted two levels."""
    start, end = MARKERS
    if start not in document or end not in document:
        raise SystemExit(f"the file has no {start} ... {end} block")
    demoted = re.sub(
        r"^(#+) ", lambda m: "#" * min(len(m.group(1)) + 2, 6) + " ", report, flags=re.M
    )
    before, rest = document.split(start, 1)
    after = rest.split(end, 1)[1]
    return f"{before}{start}\n{demoted.strip()}\n{end}{after}"
