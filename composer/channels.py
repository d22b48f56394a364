"""Length limits per channel (DESIGN section 2: subject <= 200, body 1,900 to stay under 2,000; note 300)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from composer.models import Channel


@dataclass(frozen=True)
class Limits:
    subject: int  # 0: the channel has no subject
    body: int
    target: int  # what a good message aims for; the prompt asks for it

    def as_dict(self) -> dict[str, int]:
        return {"subject": self.subject, "body": self.body, "target": self.target}


def limits(channel: Channel) -> Limits:
    match channel:
        case Channel.INMAIL:
            return Limits(subject=200, body=1900, target=700)
        case Channel.FOLLOW_UP:
            return Limits(subject=200, body=1900, target=450)
        case Channel.CONNECTION_NOTE:
            return Limits(subject=0, body=300, target=280)
        case _:
            assert_never(channel)
