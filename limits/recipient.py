"""Who a message is for, as far as the rules care: degree, Open Profile, InMail opt-out, time zone."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from limits.errors import InvalidValueError
from limits.identity import canonical_lead_id
from limits.zones import zone_info

_DEGREE_WORDS = {"1": 1, "1st": 1, "2": 2, "2nd": 2, "3": 3, "3rd": 3, "3+": 3, "3rd+": 3}
_OUT_OF_NETWORK = {"", "none", "null", "out", "out_of_network", "out of network"}


class Recipient(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    degree: int | None = None  # 1, 2 or 3; None = out of network
    open_profile: bool = False
    accepts_inmail: bool = True
    location: str | None = None
    timezone: str | None = None

    def __init__(
        self,
        id: str,
        degree: int | None = None,
        open_profile: bool = False,
        accepts_inmail: bool = True,
        location: str | None = None,
        timezone: str | None = None,
    ) -> None:
        super().__init__(
            id=id,
            degree=degree,
            open_profile=open_profile,
            accepts_inmail=accepts_inmail,
            location=location,
            timezone=timezone,
        )

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the lead needs an id (its profile URL)")
        return canonical_lead_id(value)

    @field_validator("degree", mode="before")
    @classmethod
    def _degree(cls, value: Any) -> int | None:
        if value is None or (isinstance(value, str) and value.strip().lower() in _OUT_OF_NETWORK):
            return None
        if isinstance(value, str) and value.strip().lower() in _DEGREE_WORDS:
            return _DEGREE_WORDS[value.strip().lower()]
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3:
            return value
        raise ValueError("degree must be 1, 2, 3 or null (out of network)")

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if zone_info(value) is None:
            raise ValueError(f"unknown time zone {value!r}: use an IANA name such as Europe/Madrid")
        return value

    @classmethod
    def from_lead(cls, lead: Any) -> Recipient:
        """The rule-relevant part of a lead JSON object (DESIGN section 6); other fields are ignored."""
        if not isinstance(lead, Mapping):
            raise InvalidValueError('the lead must be a JSON object with at least an "id" (the profile URL)')
        if not isinstance(lead.get("id"), str) or not lead["id"].strip():
            raise InvalidValueError('the lead has no "id": add the profile URL as "id"')
        fields = ("id", "degree", "open_profile", "accepts_inmail", "location", "timezone")
        data = {name: lead[name] for name in fields if name in lead}
        for flag in ("open_profile", "accepts_inmail"):
            if flag in data and data[flag] is None:
                del data[flag]  # unknown: keep the default
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            message = first["msg"].removeprefix("Value error, ")
            raise InvalidValueError(f"lead field {where}: {message}") from None
