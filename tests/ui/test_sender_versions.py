"""The "You" form's texts a draft is built on: proof point, preferred ask and versions in other languages
are saved with the profile, come back in a new session and reach the draft."""

from __future__ import annotations

from ui import state

PAGE = "ui/compose.py"


def test_proof_ask_and_a_french_version_are_saved_and_come_back(open_page):
    at = open_page(PAGE)
    at.button(key="btn.sample_sender").click().run()
    at.text_area(key="sender.proof").input("Parcelo cut overtime by 22% in three months.").run()
    at.text_area(key="sender.ask").input("Could we talk for 15 minutes on Tuesday?").run()
    at.selectbox(key="sender.language").select("en").run()
    at.text_area(key="sender.offers.fr").input("Tally Forecast prévoit les volumes de colis.").run()
    at.button(key="btn.save_sender").click().run()
    saved = state.workspace().sender_data()
    assert saved["proof"] == "Parcelo cut overtime by 22% in three months."
    assert saved["ask"] == "Could we talk for 15 minutes on Tuesday?"
    assert saved["language"] == "en"
    assert saved["offers"]["fr"] == "Tally Forecast prévoit les volumes de colis."
    assert "pt" not in saved["offers"]  # empty versions are not saved

    again = open_page(PAGE)
    assert again.text_area(key="sender.proof").value == "Parcelo cut overtime by 22% in three months."
    assert again.text_area(key="sender.offers.fr").value == "Tally Forecast prévoit les volumes de colis."
    assert again.selectbox(key="sender.language").value == "en"
    assert not again.exception


def test_what_you_can_send_is_saved_and_is_the_only_thing_a_draft_offers(open_page):
    at = open_page(PAGE)
    at.selectbox(key="pick.lead").select("Sample: Priya Shah, Northwind Retail").run()
    at.button(key="btn.sample_sender").click().run()
    at.text_area(key="sender.assets").input("a one-page case study on the Nordpak rollout").run()
    at.button(key="btn.save_sender").click().run()
    assert state.workspace().sender_data()["assets"] == ["a one-page case study on the Nordpak rollout"]
    again = open_page(PAGE)
    assert again.text_area(key="sender.assets").value == "a one-page case study on the Nordpak rollout"
    again.selectbox(key="pick.lead").select("Sample: Priya Shah, Northwind Retail").run()
    next(b for b in again.button if b.label == "Generate draft").click().run()
    bodies = [
        a.value for a in again.text_area if a.key and a.key.startswith("draft.") and a.key.endswith(".body")
    ]
    assert bodies, "a draft was made"
    assert "a one-page case study on the Nordpak rollout" in bodies[0]
    assert not again.exception
