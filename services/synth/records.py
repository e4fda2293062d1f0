"""What member cities owe the network and send to it: monitoring reports and contributions.

Both are keyed by city and year (`<city>:<cycle>`, `<city>:<year>`), so each city has at most
one of each per year. A report is due on the 30th of November of its cycle; which ones are
overdue is relative to the synthetic `CURRENT_YEAR`.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from graph.dataset import Link
from services.synth.draft import Draft
from services.synth.years import CURRENT_YEAR, REPORT_EVERY


def add_reports(draft: Draft) -> None:
    """A Membership Monitoring Report every four years after each designation, up to next
    year's: most past ones submitted (some late), this year's partly, and a former member's
    last past one never."""
    rng = draft.rng
    report_of = draft.links("MonitoringReport-REPORT_OF-City")
    for city in draft.cities:
        if city.year is None:
            continue
        cycles = list(range(city.year + REPORT_EVERY, CURRENT_YEAR + 2, REPORT_EVERY))
        for n, cycle in enumerate(cycles):
            due = date(cycle, 11, 30)
            last = n == len(cycles) - 1
            if cycle > CURRENT_YEAR:
                submitted_p = 0.05  # due next year: a few are in early
            elif cycle == CURRENT_YEAR:
                submitted_p = 0.6
            elif city.status == "former" and last:
                submitted_p = 0.0  # the report that was never sent
            else:
                submitted_p = 0.85
            submitted: str | None = None
            url: str | None = None
            report_id = f"{city.id}:{cycle}"
            if rng.random() < submitted_p:
                offset = rng.randint(-90, 20) if rng.random() < 0.8 else rng.randint(21, 200)
                submitted = (due + timedelta(days=offset)).isoformat()
                url = f"https://reports.example.org/{city.id}/{cycle}.pdf"
            draft.node(
                "MonitoringReport",
                {
                    "id": report_id,
                    "cycle": cycle,
                    "due_date": due.isoformat(),
                    "submitted_date": submitted,
                    "url": url,
                },
            )
            report_of.append(Link(report_id, city.id, {}))


def add_contributions(draft: Draft) -> None:
    """Contributions of member cities: in about one year of four since designation,
    a few thousand US dollars, now and then much more."""
    rng = draft.rng
    contribution_of = draft.links("Contribution-CONTRIBUTION_OF-City")
    for city in draft.cities:
        if city.year is None or city.status != "member":
            continue
        for year in range(city.year, CURRENT_YEAR + 1):
            if rng.random() >= 0.25:
                continue
            extra = rng.lognormvariate(math.log(3_000), 1.0)
            amount = float(2_000 + round(extra / 100) * 100)
            contribution_id = f"{city.id}:{year}"
            draft.node(
                "Contribution",
                {"id": contribution_id, "year": year, "amount": amount, "currency": "USD"},
            )
            contribution_of.append(Link(contribution_id, city.id, {}))
