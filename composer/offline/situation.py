"""What kind of message this lead calls for, decided before any words are written."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from composer.models import Persona
from composer.offline.lead_lines import Line, best
from composer.offline.pack import Pack
from composer.post_kinds import PostKind


class Situation(StrEnum):
    PROBLEM = "problem"  # the lead states the problem the offer solves
    SOLVED = "solved"  # the lead reports a result in that area: pitch keeping or scaling the gain
    NEWS = "news"  # good news: congratulate, then why now
    OPINION = "opinion"  # a lesson or opinion post
    HIRING = "hiring"  # a hiring post: the team grows
    WRONG_FUNCTION = "wrong_function"  # the lead's function is not the buyer: ask who owns it
    SPARSE = "sparse"  # nothing to build on: short, honest, "are you the right person?"
    FIT = "fit"  # their role or work relates to the offer
    RECRUIT = "recruit"  # a recruiter's candidate
    SEEK = "seek"  # a job seeker writes to a possible manager
    SEEK_HIRING = "seek_hiring"  # a job seeker answers a hiring post


@dataclass(frozen=True)
class Reading:
    """The situation and the lead's lines it rests on."""

    situation: Situation
    hook: Line | None  # the line the message quotes ({quote})
    result: Line | None  # a line with a number the lead is proud of ({result})
    second: Line | None  # a line the first message did not use (a follow-up's new fact)


# Functions whose people buy across the business: never told they are the wrong person
_ANY_BUYER = frozenset({"executive", "data", "operations"})


def wrong_function(pack: Pack, lead_pack: Pack, lead_role: str, offer_text: str, lines: list[Line]) -> bool:
    """The lead's function is known, is not a decision-maker's, and the offer names other functions only,
    with nothing in the lead's own words touching the offer. The role is read in the lead's language."""
    theirs = lead_pack.function_of(lead_role) or pack.function_of(lead_role)
    if not theirs or theirs in _ANY_BUYER or any(line.matches for line in lines):
        return False
    named = pack.functions_in(offer_text) - {"executive"}
    return bool(named) and theirs not in named


def read(
    *,
    persona: Persona,
    post_kind: PostKind,
    post_result: bool,
    lines: list[Line],
    pack: Pack,
    lead_pack: Pack,
    lead_role: str,
    offer_text: str,
    has_profile: bool = True,
    variant: int = 0,
) -> Reading:
    """What to write about. Variant N quotes the N-th most relevant line of the same kind, where there is
    one, so variants say different things rather than the same thing in other words."""
    if persona is not Persona.RECRUITER:  # a line that speaks to the reader is for a recruiter to answer
        lines = [line for line in lines if not line.addressed]
    post = [line for line in lines if line.where == "post"]
    result = best(lines, number=True)
    relevant_result = result if result and result.matches else None
    own = best(lines, where=("about", "headline", "experience"))
    situation, hook = _decide(persona, post_kind, post_result, lines, post, relevant_result, own)
    if situation is Situation.SPARSE and has_profile:
        situation = Situation.FIT  # a profile in another language: its role, not an empty pitch
    overridable = (Situation.FIT, Situation.OPINION, Situation.SPARSE)
    if situation in overridable and wrong_function(pack, lead_pack, lead_role, offer_text, lines):
        situation, hook = Situation.WRONG_FUNCTION, None
    if variant and hook is not None:
        peers = sorted((x for x in lines if x.where == hook.where and x.matches), key=lambda x: -x.matches)
        if len(peers) < 2:  # no other line of its kind: any other line that bears on the offer
            peers = sorted((x for x in lines if x.matches), key=lambda x: -x.matches)
        hook = peers[variant % len(peers)] if peers else hook
    used = {id(hook), id(result if situation in (Situation.SOLVED, Situation.RECRUIT) else None)}
    # a follow-up's new fact bears on the offer too; otherwise it brings the sender's proof or problem
    relevant = sorted((line for line in lines if line.matches), key=lambda x: -x.matches)
    second = next((line for line in relevant if id(line) not in used), None)
    return Reading(situation=situation, hook=hook, result=result, second=second)


def _decide(
    persona: Persona,
    post_kind: PostKind,
    post_result: bool,
    lines: list[Line],
    post: list[Line],
    result: Line | None,
    own: Line | None,
) -> tuple[Situation, Line | None]:
    first_post = post[0] if post else None
    relevant = [line for line in lines if line.matches]
    if persona is Persona.RECRUITER:
        return Situation.RECRUIT, max(relevant, key=lambda line: line.matches, default=None)
    if persona is Persona.JOB_SEEKER:
        if post_kind is PostKind.HIRING:
            return Situation.SEEK_HIRING, None
        return Situation.SEEK, max(relevant, key=lambda line: line.matches, default=None)
    news = best(post, news=True) or (first_post if post_result else None)
    if (post_kind is PostKind.NEWS or post_result) and news is not None:
        # news is named in the lead's own words or not congratulated at all: "the news you shared"
        # reads as invented when the draft cannot say what it was
        return Situation.NEWS, news
    if post_kind is PostKind.HIRING:
        return Situation.HIRING, None
    if result:
        return Situation.SOLVED, None
    stated = best(post, problem=True) or first_post
    if post_kind is PostKind.PROBLEM and stated and stated.matches:
        return Situation.PROBLEM, stated
    # a line is quoted only when it bears on the offer: a quote the message cannot tie to it is no hook
    if first_post and any(line.matches for line in post):
        return Situation.OPINION, max(post, key=lambda line: line.matches)
    if own and own.matches:
        return Situation.FIT, own
    if not lines:
        return Situation.SPARSE, None
    return Situation.FIT, None
