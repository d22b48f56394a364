"""tests/support/apptest.py waits for an AppTest run without Streamlit's 1 ms poll: a run still ends when
its script does, and a run past its timeout is still stopped with Streamlit's own error."""

from __future__ import annotations

import threading

import pytest
from streamlit.testing.v1 import AppTest, local_script_runner
from support import apptest


def _slow(seconds):
    import time

    import streamlit as st

    time.sleep(seconds)
    st.write("done")


def _endless():
    import time

    import streamlit as st

    slot = st.empty()
    while True:  # each write is a point where the runner can stop the script
        time.sleep(0.01)
        slot.write("still going")


def test_apptest_waits_on_the_runner_not_on_a_poll():
    assert local_script_runner.require_widgets_deltas is apptest._wait_for_shutdown


@pytest.mark.parametrize("seconds", [0, 0.3])
def test_a_run_ends_when_its_script_does(seconds):
    at = AppTest.from_function(_slow, kwargs={"seconds": seconds}, default_timeout=30).run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["done"]


def test_a_run_past_its_timeout_is_stopped_with_streamlits_error():
    before = {t for t in threading.enumerate() if t.name == "ScriptRunner.scriptThread"}
    at = AppTest.from_function(_endless)
    with pytest.raises(RuntimeError, match=r"^AppTest script run timed out after 0\.3\(s\)$"):
        at.run(timeout=0.3)
    running = {t for t in threading.enumerate() if t.name == "ScriptRunner.scriptThread"} - before
    assert not running, "the script was stopped"
