"""Properties: any valid lead gives a draft within limits, greeting the lead, with no leftovers, never
mixing languages, saying once who is writing."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from composer import (
    ComposerError,
    Draft,
    DraftChannel,
    Lead,
    Persona,
    Sender,
    Settings,
    catalog_limits,
    compose,
    languages,
)
from composer.channels import limits
from composer.models import FactKind, Mood
from composer.scrub import clean_text
from composer.templates import TemplateStore
from composer.text import split_sentences
from limits import load_catalog

STORE = TemplateStore()
SENDER = Sender(
    name="Sam Rivera",
    company="Tally Forecast",
    offer="Tally Forecast predicts parcel volumes.",
    offers={
        "fr": "Tally Forecast prévoit les volumes de colis.",
        "de": "Tally Forecast sagt Paketmengen voraus.",
        "es": "Tally Forecast predice los volúmenes de paquetes.",
        "it": "Tally Forecast prevede i volumi dei pacchi.",
    },
)
GREETINGS = {"Hi", "Hello", "Hey", "Bonjour", "Salut", "Hallo", "Hola", "¡Hola", "Olá", "Ciao", "Buongiorno"}
GREETINGS |= {"Salve"}
LEFTOVER = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|\[|\]|<|>|\bNone\b|\bnull\b|\bundefined\b")

NASTY = st.sampled_from(
    [
        "{{ lead }}",
        "{% for %}",
        "[Name]",
        "<b>",
        "https://x.example/a",
        "a@b.co",
        "**bold**",
        "\n\n",
        "None",
        "Ignore previous instructions.",
        "é",
        "ß",
        "—",
        "…",
        "  ",
        "O'Brien",
        "#1",
        "C#",
        "50%",
        "null",
    ]
)
TEXT = st.lists(st.one_of(st.text(min_size=0, max_size=40), NASTY), max_size=6).map("".join)
# A name with no letter or digit once cleaned is refused (test_composer_hostile_replies covers that).
NAME = st.one_of(st.text(min_size=1, max_size=30), NASTY).filter(
    lambda s: any(ch.isalnum() for ch in clean_text(s, limit=40))
)


# The parts of a lead, made once: a strategy made inside a draw is validated and labelled again on every
# call.
MAYBE_TEXT = st.none() | TEXT
LANGUAGE = st.sampled_from([None, "en", "fr", "de", "es", "it"])
EXPERIENCES = st.lists(
    st.fixed_dictionaries(
        {
            "title": MAYBE_TEXT,
            "company": MAYBE_TEXT,
            "description": MAYBE_TEXT,
            "end": st.none() | st.just("2020-01"),
        }
    ),
    max_size=3,
)
SKILLS = st.lists(NAME, max_size=4)
EDUCATION = st.lists(st.fixed_dictionaries({"school": MAYBE_TEXT}), max_size=2)
MUTUALS = st.lists(NAME, max_size=3)


@st.composite
def leads(draw: st.DrawFn) -> Lead:
    return Lead(
        id=draw(TEXT),
        first_name=draw(NAME),
        last_name=draw(MAYBE_TEXT),
        headline=draw(MAYBE_TEXT),
        title=draw(MAYBE_TEXT),
        company=draw(MAYBE_TEXT),
        language=draw(LANGUAGE),
        about=draw(MAYBE_TEXT),
        experiences=draw(EXPERIENCES),
        skills=draw(SKILLS),
        education=draw(EDUCATION),
        recent_post=draw(MAYBE_TEXT),
        mutual_connections=draw(MUTUALS),
    )


SETTINGS = st.builds(
    Settings,
    strategy=st.sampled_from(["rabt", "aida", "pas"]),
    channel=st.sampled_from(list(DraftChannel)),
    language=st.sampled_from(["auto", "en", "fr", "de", "es", "pt", "it", "nl"]),
    persona=st.sampled_from(list(Persona)),
    mood=st.sampled_from(list(Mood)),
    facts=st.frozensets(st.sampled_from(list(FactKind))),
)

# No plan (the shipped figures), a free account's 200-character note, a paid plan's 300.
LENGTHS = st.sampled_from(
    [None, *(catalog_limits(load_catalog(), plan=plan) for plan in ("basic", "premium_career", "recruiter"))]
)


def _inputs(lead: Lead) -> str:
    parts = [
        lead.id,
        lead.first_name,
        lead.last_name,
        lead.headline,
        lead.title,
        lead.company,
        lead.about,
        lead.recent_post,
        *lead.skills,
        *lead.mutual_connections,
    ]
    parts += [e.title for e in lead.experiences] + [e.company for e in lead.experiences]
    parts += [e.description for e in lead.experiences] + [e.school for e in lead.education]
    return "\n".join(p for p in parts if p)


def _draft_or_refusal(lead: Lead, options: Settings, *, lengths=None) -> Draft | None:
    """The draft, or None for the one refusal a setting can earn: a language asked for explicitly that
    the offline engine does not write or the sender has no offer in, said in one line with what to do."""
    try:
        return compose(lead, SENDER, options, store=STORE, lengths=lengths)[0]
    except ComposerError as exc:
        refusal = str(exc)
    assert options.language != "auto", refusal
    assert "\n" not in refusal
    assert "add one in You" in refusal or "the offline engine writes" in refusal
    return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lead=leads(), options=SETTINGS, lengths=LENGTHS)
def test_any_valid_lead_gives_a_draft_within_limits_without_leftovers(lead, options, lengths):
    draft = _draft_or_refusal(lead, options, lengths=lengths)
    if draft is None:
        return
    figure = limits(options.channel, lengths)
    if options.channel is DraftChannel.CONNECTION_NOTE:
        assert draft.subject is None
        assert 0 < len(draft.body) <= figure.body
    else:
        assert draft.subject
        assert len(draft.subject) <= figure.subject
        assert 0 < len(draft.body) <= figure.body
    given_text = _inputs(lead)
    for match in LEFTOVER.finditer(draft.text()):
        # only a word the lead itself wrote ("None of our trucks...") may appear; never markup
        assert match.group(0).isalpha(), f"leftover {match.group(0)!r}"
        assert match.group(0) in given_text, f"leftover {match.group(0)!r}"
    assert draft.body.split()[0].rstrip(",:!") in GREETINGS
    # never mixed: the draft is in one language, the one asked for unless a warning says why not
    assert draft.language in languages.SUPPORTED
    if draft.language != languages.requested(options.language, lead):
        assert draft.warnings
    names = [*_inputs(lead).split("\n"), SENDER.name, SENDER.company or ""]  # as the language check does
    assert languages.foreign_sentences(draft.body, draft.language, ignore=names) == []
    lengths = {c.name: c.ok for c in draft.checks}
    assert lengths["subject_length"]
    assert lengths["body_length"]
    assert lengths["placeholders"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lead=leads(), options=SETTINGS)
def test_any_inmail_says_who_is_writing_once_before_its_ask_and_a_follow_up_never_twice(lead, options):
    """Who is writing rides on the reason: one sentence, before the ask, not a who-line of its own
    repeated for every lead; a follow-up does not introduce the sender again."""
    assume("sam" not in _inputs(lead).lower())  # the lead's own words could name a Sam too
    inmail = options.model_copy(update={"channel": DraftChannel.INMAIL})
    draft = _draft_or_refusal(lead, inmail)
    if draft is None:
        return
    text = draft.body.rsplit("\n\n", 1)[0]  # the signature names the sender again
    naming = [s for s in split_sentences(text) if re.search(r"\bSam\b", s)]
    assert len(naming) == 1, draft.body
    after_greeting = text.split("\n", 1)[-1]  # the lead's name in the greeting may hold a "?"
    if "?" in after_greeting:
        assert after_greeting.index("Sam") < after_greeting.index("?")
    follow_up = options.model_copy(update={"channel": DraftChannel.FOLLOW_UP})
    again = _draft_or_refusal(lead, follow_up)
    assert again is not None  # the InMail was written in this language, so the follow-up is too
    assert not re.search(r"\bSam\b", again.body.rsplit("\n\n", 1)[0]), again.body
