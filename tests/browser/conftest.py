"""The real app under `streamlit run` on a free loopback port, driven by Debian's Chromium.

Every wait is on a condition (Playwright's `expect`, `wait_for`) with the harness's generous patience,
never a fixed sleep: on a loaded 2-core machine a Streamlit run can take seconds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import harness


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("browser-data")


@pytest.fixture(scope="module")
def app_url(app_data_dir):
    with harness.running_app(data_dir=app_data_dir) as url:
        yield url


@pytest.fixture(scope="package")
def chromium():
    """One Chromium for the browser tests, each module in a context of its own: starting it is the slow
    part. Package scope closes it after the last browser test, since Playwright's sync API marks an event
    loop as running in this thread, which `asyncio.run` elsewhere would refuse."""
    if not os.path.exists(harness.CHROMIUM):
        pytest.skip(f"no Chromium at {harness.CHROMIUM}: apt-get install chromium (or set INMAIL_CHROMIUM)")
    from playwright.sync_api import expect

    expect.set_options(timeout=harness.PATIENCE_MS)
    with harness.launched_chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def browser(chromium, app_url):
    """A fresh context (no cookies, storage or clipboard grant of another module) on this module's app."""
    with harness.fresh_context(chromium, origin=app_url) as context:
        yield context


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()
