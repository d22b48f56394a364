"""Sentences, cuts and the text helpers every draft goes through: tables, then properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from composer import SAMPLE_LEAD, parse_reply, split_sentences
from composer.facts import facts_used
from composer.text import cut, tidy


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # closing quotes and brackets stay with the sentence they close
        ('Saw your post: "X." Next one.', ['Saw your post: "X."', "Next one."]),
        ("He said “Hi.” Then left.", ["He said “Hi.”", "Then left."]),
        ("Il a dit « Bonjour. » Puis il est parti.", ["Il a dit « Bonjour. »", "Puis il est parti."]),
        ("Il a dit «Bonjour.» Puis rien.", ["Il a dit «Bonjour.»", "Puis rien."]),
        ("Er sagte „Hallo.“ Dann ging er.", ["Er sagte „Hallo.“", "Dann ging er."]),
        ("Er sagte »Hallo.« Dann ging er.", ["Er sagte »Hallo.«", "Dann ging er."]),
        ("I said 'ok.' Next.", ["I said 'ok.'", "Next."]),
        ("(See the post.) Next.", ["(See the post.)", "Next."]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        ('Why "late"? Data.', ['Why "late"?', "Data."]),
        # a full stop that is not a sentence's end
        ("Use tools, e.g. Python, daily. Then rest.", ["Use tools, e.g. Python, daily.", "Then rest."]),
        ("Fewer misses, i.e. fewer calls. Good.", ["Fewer misses, i.e. fewer calls.", "Good."]),
        ("Routes (e.g. Lyon) changed. Next.", ["Routes (e.g. Lyon) changed.", "Next."]),
        ("It grew 3.5 times. Then it slowed.", ["It grew 3.5 times.", "Then it slowed."]),
        ("Version 2.0.1 shipped. Done.", ["Version 2.0.1 shipped.", "Done."]),
        ("Dr. Weber leads it. Yes.", ["Dr. Weber leads it.", "Yes."]),
        ("Mr. and Mrs. Lee came. Fine.", ["Mr. and Mrs. Lee came.", "Fine."]),
        ("J. K. Rowling wrote it. Next.", ["J. K. Rowling wrote it.", "Next."]),
        ("M. Dupont est là. Oui.", ["M. Dupont est là.", "Oui."]),
        ("Wir planen z.B. Routen. Dann mehr.", ["Wir planen z.B. Routen.", "Dann mehr."]),
        ("El Sr. García llegó. Bien.", ["El Sr. García llegó.", "Bien."]),
        ("See acme.com today. Then call.", ["See acme.com today.", "Then call."]),
        # abbreviations that may end a sentence do so when a capital follows
        ("I work at Acme Inc. We grew.", ["I work at Acme Inc.", "We grew."]),
        ("Acme Inc. and Globex merged. Fine.", ["Acme Inc. and Globex merged.", "Fine."]),
        ("Depots, trucks, etc. Then more.", ["Depots, trucks, etc.", "Then more."]),
        ("In the U.S. market. Then Europe.", ["In the U.S. market.", "Then Europe."]),
        ("Born in the U.S. Then moved.", ["Born in the U.S.", "Then moved."]),
        # lines and leftovers
        ("First line\nSecond line", ["First line", "Second line"]),
        ("No end at all", ["No end at all"]),
        ("Trailing abbreviation, e.g.", ["Trailing abbreviation, e.g."]),
        ("Wait... what? Yes!", ["Wait...", "what?", "Yes!"]),
        ("  \n ", []),
        ("", []),
    ],
)
def test_sentences_split_where_they_end(text, sentences):
    assert split_sentences(text) == sentences


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Dr. Weber runs the depot. He cut costs by 18% last year.", 40, "Dr. Weber runs the depot."),
        (
            'Your post: "Peak season is won in August." Agreed.',
            47,
            'Your post: "Peak season is won in August."',
        ),
        (
            "We ship e.g. parcels and pallets. More text follows here.",
            40,
            "We ship e.g. parcels and pallets.",
        ),
    ],
)
def test_cuts_fall_after_a_whole_sentence_never_inside_an_abbreviation(text, limit, expected):
    assert cut(text, limit) == expected


@pytest.mark.parametrize(
    ("reply", "subject"),
    [
        (
            'Subject: Your post: "Peak season is won in August."\n\nHi',
            'Your post: "Peak season is won in August."',
        ),
        ("Subject: Re: “Late deliveries.”\n\nHi", "Re: “Late deliveries.”"),
        ('Subject: "Late deliveries"\n\nHi', "Late deliveries"),
        ("Subject: « Votre publication »\n\nBonjour", "Votre publication"),
        ('Subject: ""\n\nHi', None),
    ],
)
def test_a_quote_that_closes_inside_the_subject_stays(reply, subject):
    assert parse_reply(reply)[0] == subject


PIECES = st.sampled_from(
    [
        " ",
        "\n",
        ".",
        "!",
        "?",
        "…",
        '"',
        "'",
        "”",
        "»",
        "«",
        "“",
        ")",
        "(",
        "e.g.",
        "Dr.",
        "Inc.",
        "3.5",
        "J.",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=25).map("".join)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_splitting_loses_and_adds_nothing_but_spaces(text):
    sentences = split_sentences(text)
    assert "".join("".join(sentences).split()) == "".join(text.split())
    assert all(s == s.strip() and s for s in sentences)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab C.\n\r\t\u00a0\u2003\u3000")), max_size=40))
def test_tidy_is_idempotent_and_leaves_single_spaces(text):
    once = tidy(text)
    assert tidy(once) == once
    assert "  " not in once
    assert "\n\n\n" not in once
    assert "\r\n" not in once


# Words of the sample lead's facts, so that drafts built from them mention some and split others.
LEAD = SAMPLE_LEAD
LEAD_TEXTS = [LEAD.company, LEAD.title, LEAD.recent_post, LEAD.education[0].school, *LEAD.skills]
LEAD_WORDS = sorted({word for text in [*LEAD_TEXTS, *LEAD.mutual_connections] for word in text.split()})
FACT_WORDS = st.sampled_from([*LEAD_WORDS, "Ñandú", "ÉTÉ", "\n", ", "])
DRAFT_TEXT = st.lists(st.one_of(FACT_WORDS, st.text(max_size=6)), max_size=12).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.none(), DRAFT_TEXT), DRAFT_TEXT)
def test_facts_read_from_subject_and_body_apart_match_the_joined_text(subject, body):
    # finish() folds subject and body apart, so the checks can reuse the body's fold
    joined = f"{subject or ''}\n{body}"
    assert facts_used(body, SAMPLE_LEAD, subject=subject) == facts_used(joined, SAMPLE_LEAD)
