"""The one ask of a message, chosen by situation, persona and channel, written as a whole question.

An ask the user typed is used as they wrote it when it is a sentence ("Can we talk on Tuesday?"), or set
in the language's own question when it is a phrase ("a 20-minute call next week").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from composer.models import DraftChannel, Persona
from composer.offline.holes import fill, first_filled
from composer.offline.pack import Pack
from composer.offline.situation import Situation
from composer.plan import sender_texts
from composer.text import fold, one_line

if TYPE_CHECKING:
    from composer.drafting import Job

_SENTENCE_END = ".!?…"


def typed_ask(pack: Pack, text: str, values: dict[str, str | None]) -> str:
    """The user's ask as a whole sentence of the draft."""
    text = one_line(text).strip()
    if not text:
        return ""
    if text.endswith(("?", "？", "¿")):
        mark = pack.line("quote", "question_mark")
        return text[:-2] + mark if text.endswith(" ?") and mark.startswith("\u202f") else text
    bare = text.rstrip(_SENTENCE_END).strip()
    first = fold(bare.split(" ", 1)[0]).strip()
    if first in pack.words("question_start"):  # a question typed without its mark
        return bare[:1].upper() + bare[1:] + pack.line("quote", "question_mark")
    if first in pack.words("ask_article"):
        bare = bare[:1].lower() + bare[1:]
    elif text[-1] in _SENTENCE_END and len(bare.split()) >= 3:
        return text  # a sentence of the sender's own ("Let's talk next week.")
    return first_filled(pack.lines("ask", "custom"), values | {"ask_text": bare}) or bare


def the_ask(pack: Pack, job: Job, situation: Situation, values: dict[str, str | None]) -> str:
    settings = job.settings
    if not settings.cta:
        return ""
    texts, _ = sender_texts(job.sender, pack.language)
    own = settings.cta_text or texts.get("ask", "")

    def line(kind: str) -> str:
        return first_filled(pack.lines("ask", kind), values) or pack.line("ask", "call")

    if settings.cta_text:  # the ask typed for this draft wins over the situation's own
        return typed_ask(pack, settings.cta_text, values)
    if settings.channel is DraftChannel.FOLLOW_UP:
        return typed_ask(pack, own, values) if own else line("follow")
    if situation is Situation.WRONG_FUNCTION:
        return line("who_owns")
    if situation is Situation.SPARSE:
        return line("right_person")
    if own:
        return typed_ask(pack, own, values)
    assets = [a for a in getattr(job.sender, "assets", []) if a]
    match settings.persona:
        case Persona.RECRUITER:
            return line("recruit")
        case Persona.JOB_SEEKER:
            return line("apply" if situation is Situation.SEEK_HIRING else "seek")
        case _:
            if assets and job.strategy.name == "rabt" and situation is not Situation.NEWS:
                return fill(pack.line("ask", "asset"), values | {"asset": one_line(assets[0])}) or line(
                    "call"
                )
            own_call = f"call_{settings.persona.value}"  # a founder asks directly, a marketer compares notes
            return line(own_call if pack.lines("ask", own_call) else "call_company")
