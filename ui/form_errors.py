"""Form problems in plain words, each naming the field as the form labels it and the tab to fix it on.

Pydantic says `field 'id': Input should be a valid string`; the page says "The lead's first name is
empty: fill in First name on the Lead tab." The composer's models do the checking; this only words it.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ui import lead_form, sender_form

_TABS = {"lead": "the Lead tab", "sender": "the You tab", "settings": "the Settings tab"}
_WHOSE = {"lead": "The lead's", "sender": "Your", "settings": "The"}


def _label(what: str, loc: tuple[Any, ...]) -> str:
    field = str(loc[0]) if loc else "value"
    labels: dict[str, str] = {
        "lead": {**lead_form.TEXT_FIELDS, **lead_form.LONG_FIELDS, **lead_form.LIST_FIELDS},
        "sender": {**sender_form.FIELDS, **sender_form.LONG_FIELDS, **sender_form.LIST_FIELDS},
        "settings": {},
    }[what]
    label = labels.get(field) or field.replace("_", " ").capitalize()
    label = label.split(" (")[0]
    if len(loc) >= 2 and isinstance(loc[1], int):  # a row: "Experience 2, Company"
        row = f"{field.capitalize().rstrip('s')} {loc[1] + 1}"
        label = f"{row}, {str(loc[2]).capitalize()}" if len(loc) >= 3 else row
    return label


def _problem(error: ErrorDetails) -> str:
    kind = error.get("type", "")
    context: dict[str, Any] = dict(error.get("ctx") or {})
    if kind in ("missing", "string_type") and error.get("input") in (None, ""):
        return "is empty"
    if kind == "string_too_short":
        return "is empty"
    if kind == "string_too_long":
        return f"is too long (at most {context.get('max_length', '?'):,} characters)"
    if kind in ("too_long", "list_too_long"):
        return f"has too many entries (at most {context.get('max_length', '?')})"
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    return f"is not valid ({message[:1].lower() + message[1:]})"


def plain(what: str, exc: ValidationError) -> str:
    """The first problem as one sentence; `what` is lead, sender or settings."""
    errors = exc.errors()
    first = errors[0]
    loc = tuple(first.get("loc") or ())
    label = _label(what, loc)
    verb = "fill in" if _problem(first) == "is empty" else "fix"
    more = len(errors) - 1
    extra = f" ({more} more problem{'s' if more > 1 else ''} after that)" if more else ""
    return f"{_WHOSE[what]} {label.lower()} {_problem(first)}: {verb} {label} on {_TABS[what]}.{extra}"


def validate(lead: dict[str, Any], sender: dict[str, Any], settings: dict[str, Any]) -> str | None:
    """None when the three forms hold valid data, else the first problem in plain words."""
    from composer import Lead, Sender, Settings

    forms = (("lead", Lead, lead), ("sender", Sender, sender), ("settings", Settings, settings))
    for what, model, data in forms:
        try:
            model.model_validate(data)
        except ValidationError as exc:
            return plain(what, exc)
    return None
