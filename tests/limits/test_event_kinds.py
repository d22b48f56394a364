"""An event carries the fields of its kind and no others: a wrong one fails when it is made."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from limits import Event, EventKind, ResponseKind

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

GOOD = [
    (EventKind.PLAN_SET, {"plan": "premium_business", "start": AT}),
    (EventKind.PLAN_SET, {"plan": "premium_business", "start": AT, "cycle_day": 3, "credits": 5}),
    (EventKind.INMAIL, {"lead_id": "in/ana", "open_profile": True}),
    (EventKind.MESSAGE, {"lead_id": "in/ana"}),
    (EventKind.INVITE, {"lead_id": "in/ana", "note": True}),
    (EventKind.WITHDRAW, {"lead_id": "in/ana"}),
    (EventKind.RESPONSE, {"lead_id": "in/ana", "response": ResponseKind.REPLIED}),
    (EventKind.SYNC, {"credits": 0}),
    (EventKind.PURCHASE, {"credits": 10}),
]

BAD = [
    (EventKind.INMAIL, {"lead_id": "in/ana", "credits": 3}, "inmail events have no credits"),
    (EventKind.INMAIL, {}, "inmail events need lead_id"),
    (EventKind.RESPONSE, {"lead_id": "in/ana"}, "response events need response"),
    (EventKind.SYNC, {"credits": 4, "lead_id": "in/ana"}, "sync events have no lead_id"),
    (EventKind.SYNC, {}, "sync events need credits"),
    (EventKind.PURCHASE, {"credits": 1, "plan": "premium_career"}, "purchase events have no plan"),
    (EventKind.PLAN_SET, {"plan": "premium_career"}, "plan_set events need start"),
    (EventKind.MESSAGE, {"lead_id": "in/ana", "note": True}, "message events have no note"),
    (EventKind.WITHDRAW, {"lead_id": "in/ana", "response": "replied"}, "withdraw events have no response"),
]


@pytest.mark.parametrize(("kind", "fields"), GOOD, ids=lambda v: str(v) if isinstance(v, EventKind) else "")
def test_an_event_with_the_fields_of_its_kind_is_made_and_round_trips(kind: EventKind, fields: dict) -> None:
    event = Event(kind=kind, at=AT, **fields)
    assert Event.model_validate(event.detail()) == event


@pytest.mark.parametrize(("kind", "fields", "message"), BAD, ids=[m for *_, m in BAD])
def test_a_field_of_another_kind_or_a_missing_one_fails_with_its_name(
    kind: EventKind, fields: dict, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        Event(kind=kind, at=AT, **fields)


def test_every_kind_has_a_field_rule() -> None:
    from limits.events import KIND_FIELDS

    assert set(KIND_FIELDS) == set(EventKind)
