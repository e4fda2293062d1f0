"""Reports and contributions, called directly: who records what, the report's state on a day,
and a recorded value never overwritten."""

from __future__ import annotations

import datetime as dt

import pytest

from services.container import Services
from services.errors import InvalidInput, Missing, Refused
from services.records import (
    NewContribution,
    ReportState,
    ReportSubmission,
    city_of_record,
    report_state,
)
from tests.services.conftest import BOGOTA, CHIANG_MAI, NOBODY, SECRETARIAT, TODAY, snapshot


@pytest.mark.parametrize(
    ("due", "submitted", "today", "state"),
    [
        ("2026-03-02", None, dt.date(2026, 3, 2), ReportState.DUE),  # due today: not late yet
        ("2026-03-01", None, dt.date(2026, 3, 2), ReportState.OVERDUE),
        ("2026-03-01", "2026-04-01", dt.date(2026, 3, 2), ReportState.SUBMITTED),
        ("2030-01-01", None, dt.date(2026, 3, 2), ReportState.DUE),
    ],
)
def test_a_reports_state_on_a_day(
    due: str, submitted: str | None, today: dt.date, state: ReportState
) -> None:
    assert report_state(due, submitted, today) is state


def test_the_city_of_a_record() -> None:
    assert city_of_record("chiang-mai:2021") == "chiang-mai"
    assert city_of_record("granada-es:2019") == "granada-es"


async def test_the_citys_focal_point_records_its_submission(services: Services) -> None:
    sub = ReportSubmission(city="chiang-mai", cycle=2021, submitted_date="2021-11-02")
    done = await services.records.submit_report(CHIANG_MAI, sub)
    assert done.props["submitted_date"] == "2021-11-02"
    assert not done.created
    other_date = ReportSubmission(city="chiang-mai", cycle=2021, submitted_date="2021-12-01")
    with pytest.raises(InvalidInput) as refused:
        await services.records.submit_report(CHIANG_MAI, other_date)
    assert refused.value.field == ("submitted_date",)


async def test_a_submission_in_the_future_is_refused_by_the_services_clock(
    services: Services,
) -> None:
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    sub = ReportSubmission(city="chiang-mai", cycle=2021, submitted_date=tomorrow)
    with pytest.raises(InvalidInput) as refused:
        await services.records.submit_report(CHIANG_MAI, sub)
    assert refused.value.field == ("submitted_date",)
    assert "future" in refused.value.message


async def test_only_the_secretariat_sets_a_due_date(services: Services) -> None:
    sub = ReportSubmission(
        city="chiang-mai", cycle=2025, submitted_date="2025-11-02", due_date="2025-11-30"
    )
    with pytest.raises(Refused) as refused:
        await services.records.submit_report(CHIANG_MAI, sub)
    assert refused.value.field == ("due_date",)
    done = await services.records.submit_report(SECRETARIAT, sub)
    assert done.created
    assert done.props["due_date"] == "2025-11-30"


async def test_another_city_cannot_record_for_chiang_mai(services: Services) -> None:
    before = await snapshot(services)
    sub = ReportSubmission(city="chiang-mai", cycle=2021, submitted_date="2021-11-02")
    with pytest.raises(Refused) as refused:
        await services.records.submit_report(BOGOTA, sub)
    assert refused.value.field == ("city",)
    assert await snapshot(services) == before


async def test_contributions_are_recorded_by_the_secretariat_only(services: Services) -> None:
    new = NewContribution(city="chiang-mai", year=2025, amount=2500)
    for viewer in (NOBODY, CHIANG_MAI):
        with pytest.raises(Refused) as refused:
            await services.records.record_contribution(viewer, new)
        assert refused.value.message == "only the secretariat may record a contribution"
    done = await services.records.record_contribution(SECRETARIAT, new)
    assert done.created
    assert done.props["amount"] == 2500.0
    with pytest.raises(InvalidInput) as invalid:
        await services.records.record_contribution(
            SECRETARIAT, NewContribution(city="chiang-mai", year=2025, amount=9000)
        )
    assert invalid.value.field == ("amount",)
    with pytest.raises(Missing):
        await services.records.record_contribution(
            SECRETARIAT, NewContribution(city="atlantis", year=2025, amount=1)
        )
