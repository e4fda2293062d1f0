"""Who may do what: every mutation × every role, with valid input about Chiang Mai.

Anonymous callers and researchers never write; a focal point writes only for its own city (and
never records contributions or candidates); the secretariat writes everything. Whenever a call
is refused the graph is exactly as it was; whenever it succeeds, the graph changed.
"""

from __future__ import annotations

from typing import Any

import pytest

from services.policy import ANONYMOUS, Viewer
from tests.schema.conftest import BOGOTA, CHIANG_MAI, MUTATIONS, RESEARCHER, SECRETARIAT, Api

ROLES: dict[str, Viewer] = {
    "anonymous": ANONYMOUS,
    "researcher": RESEARCHER,
    "own-focal-point": CHIANG_MAI,
    "other-focal-point": BOGOTA,
    "secretariat": SECRETARIAT,
}

# A valid input for each mutation, all about Chiang Mai (the project it leads, its report ...).
INPUTS: dict[str, dict[str, Any]] = {
    "createProject": {
        "title": "Lanna Makers Exchange",
        "startYear": 2025,
        "leadCity": "chiang-mai",
        "cities": ["bogota"],
        "fields": ["CRAFTS_AND_FOLK_ART"],
        "sdgTargets": ["11.4"],
    },
    "updateProject": {"project": "lanna-crafts-lab", "status": "COMPLETED", "cities": []},
    "registerInstitution": {
        "name": "Lanna Weaving Guild",
        "kind": "PROFESSIONAL_BODY",
        "country": "TH",
        "city": "chiang-mai",
    },
    "linkInstitution": {"institution": "chiang-mai-university", "city": "chiang-mai"},
    "recordReportSubmission": {"city": "chiang-mai", "cycle": 2021, "submittedDate": "2021-11-02"},
    "recordContribution": {"city": "chiang-mai", "year": 2022, "amount": 2500, "currency": "USD"},
    "recordCandidate": {
        "name": "Nan",
        "country": "TH",
        "field": "CRAFTS_AND_FOLK_ART",
        "mentor": "chiang-mai",
        "startYear": 2025,
    },
    "requestIntroduction": {
        "from": "chiang-mai",
        "to": "phuket",
        "need": {"sdgTargets": ["11.4"]},
        "note": "met in Braga",
    },
    "updateIntroduction": {"id": "chiang-mai:fabriano:2026-01-05", "status": "ACCEPTED"},
    "dismissRecommendation": {
        "city": "chiang-mai",
        "partner": "fabriano",
        "need": {"sdgTargets": ["11.4"]},
    },
    "recordHostApplication": {"city": "chiang-mai", "year": 2027, "venueSeats": 900},
    "answerInvitation": {"project": "bogota-sound-lab", "city": "chiang-mai", "accept": True},
}

OK = "Success"
NO = "ForbiddenError"
# mutation: outcome for (anonymous, researcher, own focal point, other focal point, secretariat)
EXPECTED: dict[str, tuple[str, str, str, str, str]] = {
    "createProject": (NO, NO, OK, NO, OK),
    "updateProject": (NO, NO, OK, NO, OK),
    "registerInstitution": (NO, NO, OK, NO, OK),
    "linkInstitution": (NO, NO, OK, NO, OK),
    "recordReportSubmission": (NO, NO, OK, NO, OK),
    "recordContribution": (NO, NO, NO, NO, OK),
    "recordCandidate": (NO, NO, NO, NO, OK),
    "requestIntroduction": (NO, NO, OK, NO, OK),
    # The other focal point here speaks for neither city of the introduction.
    "updateIntroduction": (NO, NO, OK, NO, OK),
    "dismissRecommendation": (NO, NO, OK, NO, OK),
    "recordHostApplication": (NO, NO, OK, NO, OK),
    # Bogotá leads the project, but only the invited city (or the secretariat) answers.
    "answerInvitation": (NO, NO, OK, NO, OK),
}

# Where a focal point of another city is stopped: the field naming the city it does not speak for.
OTHER_CITY_FIELD = {
    "createProject": ["input", "leadCity"],
    "updateProject": ["input", "project"],
    "registerInstitution": ["input", "city"],
    "linkInstitution": ["input", "city"],
    "recordReportSubmission": ["input", "city"],
    "requestIntroduction": ["input", "from"],
    "updateIntroduction": ["input", "id"],
    "dismissRecommendation": ["input", "city"],
    "recordHostApplication": ["input", "city"],
    "answerInvitation": ["input", "city"],
}

CASES = [
    pytest.param(mutation, role, EXPECTED[mutation][index], id=f"{mutation}-{role}")
    for mutation in MUTATIONS
    for index, role in enumerate(ROLES)
]


async def test_the_matrix_covers_every_mutation_of_the_schema(api: Api) -> None:
    result = await api.execute(ANONYMOUS, '{ __type(name: "Mutation") { fields { name } } }')
    assert result.errors is None
    names = {field["name"] for field in result.data["__type"]["fields"]}
    assert names == set(MUTATIONS) == set(EXPECTED) == set(INPUTS)


@pytest.mark.parametrize(("mutation", "role", "expected"), CASES)
async def test_every_mutation_for_every_role(
    api: Api, mutation: str, role: str, expected: str
) -> None:
    before = await api.snapshot()
    outcome = await api.call(ROLES[role], mutation, INPUTS[mutation])
    after = await api.snapshot()
    if expected == OK:
        assert outcome["__typename"].endswith("Success"), outcome
        assert after != before
        return
    assert outcome["__typename"] == expected, outcome
    assert outcome["message"]
    assert after == before
    if role == "other-focal-point" and mutation in OTHER_CITY_FIELD:
        assert outcome["field"] == OTHER_CITY_FIELD[mutation]
    else:
        assert outcome["field"] == [mutation]
