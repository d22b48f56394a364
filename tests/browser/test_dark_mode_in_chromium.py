"""Issue 18, item 6: the app follows the browser's colour-scheme preference (a custom [theme] in
.streamlit/config.toml would force one theme)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from support import harness

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _background(chromium, app_url, scheme: str) -> tuple[int, ...]:
    context = chromium.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(app_url)
        expect(page.get_by_role("heading", name="Compose", level=1)).to_be_visible()
        harness.wait_for_run(page)
        css = page.get_by_test_id("stApp").evaluate("e => getComputedStyle(e).backgroundColor")
    finally:
        context.close()
    return tuple(int(part) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3])


def test_the_app_is_dark_when_the_browser_prefers_dark_and_light_otherwise(chromium, app_url):
    dark, light = _background(chromium, app_url, "dark"), _background(chromium, app_url, "light")
    assert sum(dark) < 3 * 80, f"a dark background, not {dark}"
    assert sum(light) > 3 * 200, f"a light background, not {light}"
