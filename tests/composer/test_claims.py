"""A draft claims no asset, sender role or news that the inputs do not hold, whichever engine wrote it."""

from __future__ import annotations

import pytest

from composer import Lead, Sender, Settings
from composer.claims import check_claims

LEAD = Lead.model_validate(
    {
        "first_name": "Maria",
        "company": "Acme",
        "language": "en",
        "recent_post": "Good planning starts with listening to drivers.",
    }
)
NEWS_LEAD = LEAD.model_copy(
    update={"recent_post": "Thrilled to announce we just opened our new depot in Valencia!"}
)
RESULT_LEAD = LEAD.model_copy(update={"about": "Cut late deliveries by 18% with weekly forecasts."})
SENDER = Sender.model_validate({"name": "Sam Rivera", "title": "Partner", "company": "Tally"})
WITH_ASSET = SENDER.model_copy(update={"assets": ["a one-page case study on the Nordpak rollout"]})


def failed(body: str, lead: Lead = LEAD, sender: Sender = SENDER) -> set[str]:
    results = check_claims(body, lead=lead, sender=sender, settings=Settings(), language="en")
    return {r.name for r in results if not r.ok}


@pytest.mark.parametrize(
    ("body", "lead", "sender", "fails"),
    [
        ("Shall I send you our two-page case study first?", LEAD, SENDER, {"assets"}),
        ("Shall I send you a one-page case study on the Nordpak rollout?", LEAD, WITH_ASSET, set()),
        ("I can share the role's 90-day plan before we talk.", LEAD, SENDER, {"assets"}),
        ("I'd love to show you a two-minute demo video.", LEAD, SENDER, set()),  # no offer to send
        ("Happy to send a short demo recording.", LEAD, SENDER, {"assets"}),
        ("I'm Sam, the founder of Tally.", LEAD, SENDER, {"sender_role"}),
        ("I'm Sam, a partner at Tally.", LEAD, SENDER, set()),
        ("Your company's founder wrote a great post.", LEAD, SENDER, set()),  # not about the sender
        ("Congratulations on the news, Maria!", LEAD, SENDER, {"news"}),
        ("Congratulations on the new depot in Valencia!", NEWS_LEAD, SENDER, set()),
        ("Congratulations on cutting late deliveries by 18%.", RESULT_LEAD, SENDER, set()),
        ("Your post on planning stayed with me.", LEAD, SENDER, set()),
    ],
)
def test_claims(body, lead, sender, fails):
    assert failed(body, lead, sender) == fails


def test_an_asset_declared_in_one_language_may_be_offered_in_another():
    body = "Puis-je vous envoyer une étude de cas d'une page sur le déploiement chez Nordpak ?"
    results = check_claims(body, lead=LEAD, sender=WITH_ASSET, settings=Settings(), language="fr")
    assert {r.name for r in results if not r.ok} == set()
    undeclared = check_claims(body, lead=LEAD, sender=SENDER, settings=Settings(), language="fr")
    assert {r.name for r in undeclared if not r.ok} == {"assets"}
