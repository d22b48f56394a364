"""A model's reply that ends on the sign-off the prompt gave is complete; one cut mid-sentence is not."""

from __future__ import annotations

import pytest

from composer.models import DraftChannel
from composer.reply_checks import Reply, check_complete

PROMPT = "Sign off with: Katrin Möller, Senior Talent Acquisition Partner, Helvion Medtech GmbH"


@pytest.mark.parametrize(
    ("body", "complete"),
    [
        (
            "Hi Jo,\n\nWould you be open to a call?\n\n"
            "Katrin Möller, Senior Talent Acquisition Partner, Helvion Medtech GmbH",
            True,
        ),
        ("Hi Jo,\n\nWould you be open to a call about the role we are hiring for in Tuttlingen next", False),
    ],
)
def test_the_sign_off_is_not_a_cut(body, complete):
    reply = Reply(body=body, first_name="Jo", channel=DraftChannel.INMAIL, limit=1900, prompt=PROMPT)
    assert check_complete(reply).ok is complete
