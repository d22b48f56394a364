"""The grounding check tells names from words: German nouns and Title Case subject words are words; an
invented person or company is still a name."""

from __future__ import annotations

import pytest

from composer.grounding import known_words, ungrounded_names

KNOWN = known_words("Katrin Vogel Brenner Maschinenbau Einkauf Lieferzeiten SEO Acme Logistics")


@pytest.mark.parametrize(
    ("text", "language", "subject", "names"),
    [
        ("Ihr Schwerpunkt Lieferantenentwicklung passt gut zu uns.", "de", False, []),
        ("Wir kennen die Sorgen Ihrer Lieferkette gut.", "de", False, []),
        ("Guten Tag Katrin Vogel, danke für Ihren Beitrag.", "de", False, []),
        ("Catching SEO", "en", True, []),
        ("Late Deliveries At Acme Logistics", "en", True, []),
        (
            "Ich habe mit Anna Schmidt von Globex Partners gesprochen.",
            "de",
            False,
            ["Anna Schmidt von Globex Partners"],
        ),
        ("I spoke with John Harbourline about Qonto.", "en", False, ["John Harbourline", "Qonto"]),
        ("Congrats on the Qonto deal", "en", True, ["Qonto"]),
        ("Your Time At IBM", "en", True, ["IBM"]),
        ("Olá Katrin, Parabéns pela nova loja.", "pt", False, []),  # a greeting and a congratulation
        ("Buongiorno Katrin, Complimenti per il premio.", "it", False, []),
        ("È Lei la persona giusta? Le scrivo per questo.", "it", False, []),  # the courtesy capitals
        ("Hola Katrin, ¿Conectamos?", "es", False, []),  # a question's first word
    ],
)
def test_names_and_words(text, language, subject, names):
    assert ungrounded_names(text, KNOWN, language=language, headline=subject) == names
