"""The matrix items check every case and name each failing one with what failed, not only the first."""

from __future__ import annotations

import pytest
from matrix_kit import STYLES, case_name, check_every_case

from composer import DraftChannel, Persona
from composer.models import Mood


def _even(number: int, word: str) -> None:
    if number == 3:
        raise ValueError("three is not a number here")
    assert number % 2 == 0, f"{word} is odd"


def test_every_failing_case_is_named_with_what_failed():
    with pytest.raises(pytest.fail.Exception) as failed:
        check_every_case([(1, "one"), (2, "two"), (3, "three"), (5, "five")], _even)
    message = str(failed.value)
    assert message.startswith("3 of 4 cases failed:\n")
    assert "1-one:\n    one is odd" in message
    assert "3-three:\n    ValueError: three is not a number here" in message  # a crash hides nothing
    assert "5-five:\n    five is odd" in message
    assert "2-two" not in message


def test_a_matrix_that_passes_raises_nothing():
    check_every_case(((n, str(n)) for n in range(0, 10, 2)), _even)


def test_a_long_failure_keeps_its_first_lines():
    def long(_: int) -> None:
        raise AssertionError("\n".join(f"line {n}" for n in range(40)))

    with pytest.raises(pytest.fail.Exception) as failed:
        check_every_case([(7,)], long)
    assert "line 11" in str(failed.value)
    assert "line 12" not in str(failed.value)
    assert "(28 more lines)" in str(failed.value)


def test_cases_are_named_as_pytest_would_name_their_items():
    assert case_name(("rabt", Persona.JOB_SEEKER, Mood.FUNNY, DraftChannel.FOLLOW_UP, "pt")) == (
        "rabt-job_seeker-funny-follow_up-pt"
    )
    assert len(STYLES) == len(Persona) * len(Mood) * len(DraftChannel)
