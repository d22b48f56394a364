"""The catalog is built once per set of overrides in a process, and an override is seen by the next read."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from limits import Account, InvalidValueError, load_catalog

BODY = "lengths.inmail_body_chars"
EXPIRES = "plans.premium_career.lots_expire"


def test_the_same_overrides_share_one_catalog_and_other_overrides_get_their_own():
    assert load_catalog() is load_catalog({})
    assert load_catalog({BODY: 1500}) is load_catalog({BODY: 1500})
    assert load_catalog({BODY: 1500}) is not load_catalog({BODY: 1400})
    assert load_catalog({BODY: 1500, EXPIRES: False}) is load_catalog({EXPIRES: False, BODY: 1500})
    assert load_catalog({BODY: 1500}).figure(BODY).value == 1500
    assert load_catalog().figure(BODY).value != 1500


# Values Python calls equal (1 == True == 1.0 == "1" is not, but the first three hash alike): each is
# coerced on its own, as if nothing had been asked before.
EQUAL_BUT_DIFFERENT = [
    (BODY, 1, 1),
    (BODY, True, InvalidValueError),
    (BODY, 1.0, 1),
    (EXPIRES, 1, True),
    (EXPIRES, True, True),
    (EXPIRES, "off", False),
    (BODY, [1500], InvalidValueError),  # not hashable: built without the cache, and refused as before
]


@pytest.mark.parametrize(("key", "value", "expected"), EQUAL_BUT_DIFFERENT)
def test_values_that_compare_equal_are_not_confused(key, value, expected):
    load_catalog({key: 1})  # asked first: a cache keyed by value alone would answer the rest with it
    for _ in range(2):
        if expected is InvalidValueError:
            with pytest.raises(InvalidValueError):
                load_catalog({key: value})
        else:
            assert load_catalog({key: value}).figure(key).value == expected


def test_an_override_set_or_cleared_is_seen_by_the_next_read(tmp_path):
    with Account.open(tmp_path) as account:
        shipped = account.catalog().figure(BODY).value
        account.set_override(BODY, 1234)
        assert account.catalog().figure(BODY).value == 1234
        assert account.catalog().figure(BODY).cite() == "your override"
        with Account.open(tmp_path) as again:
            assert again.catalog() is account.catalog()
        account.set_override(BODY, 1235)
        assert account.catalog().figure(BODY).value == 1235
        account.clear_override(BODY)
        assert account.catalog().figure(BODY).value == shipped
        assert account.catalog() is load_catalog()


def test_threads_reading_catalogs_at_once_get_their_own_figures():
    values = [1000 + index % 7 for index in range(64)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = list(pool.map(lambda value: load_catalog({BODY: value}).figure(BODY).value, values))
    assert found == values


def test_the_fingerprint_is_worked_out_once_and_a_copy_with_other_figures_gets_its_own():
    key = "plans.premium_career.credits_per_month"
    shipped = load_catalog()
    assert shipped.fingerprint is shipped.fingerprint
    figures = {**shipped.figures, key: shipped.figure(key).model_copy(update={"value": 7})}
    copy = shipped.model_copy(update={"figures": figures})
    assert copy.fingerprint == load_catalog({key: 7}).fingerprint != shipped.fingerprint
    assert load_catalog({BODY: 1500}).fingerprint == shipped.fingerprint  # a length moves no credits
