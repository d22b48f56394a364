"""The variables templates see. Message templates and LLM prompts get the same cleaned lead and sender.

`MESSAGE_VARIABLES` and `PROMPT_VARIABLES` are what template validation accepts; anything else is a
typo or a variable the composer does not provide.
"""

from __future__ import annotations

import functools
import zlib
from typing import Any

from composer import languages
from composer.channels import limits
from composer.drafting import Job
from composer.facts import NO_HOOK, hooks, lead_view
from composer.models import Sender, Settings
from composer.text import cut, cut_clause, ensure_sentence, one_line, split_sentences

MESSAGE_VARIABLES = frozenset(
    [
        "lead",
        "sender",
        "hook",
        "hooks",
        "cta",
        "cta_on",
        "footer",
        "channel",
        "persona",
        "mood",
        "language",
        "strategy",
        "variant",
        "pick",
        "limits",
    ]
)
PROMPT_VARIABLES = MESSAGE_VARIABLES - {"pick"} | {
    "lead_profile",
    "sender_profile",
    "language_name",
    "variants",
    "draft",
    "length",
    "example",  # the rest is the LLM engine's (composer.llm_engine.prompts)
    "plan",
    "greeting",
    "short",
    "problems",
}


class Picker:
    """`pick("Hi", "Hello")` in a template: a choice that is stable for one lead, strategy and variant."""

    def __init__(self, seed: str) -> None:
        self._seed = seed

    def __call__(self, *options: str) -> str:
        if not options:
            return ""
        key = "\x1f".join((self._seed, *map(str, options)))
        return options[zlib.crc32(key.encode()) % len(options)]


def _sentence(text: str, limit: int) -> str:
    first = split_sentences(text)
    return ensure_sentence(cut_clause(first[0], limit)) if first else ""


def sender_view(sender: Sender, language: str) -> dict[str, Any]:
    """The sender's own words: trusted (they may contain the sender's links), only tidied and cut."""
    offer, problem = sender.offer_in(language), sender.problem_in(language)
    return dict(_sender_view(sender.name, sender.title, sender.company, offer, problem, sender.footer))


@functools.lru_cache(maxsize=256)  # the same sender writes every draft
def _sender_view(
    name: str, title: str | None, company: str | None, offer: str, problem: str, footer: str | None
) -> dict[str, str]:
    offer, problem, name = one_line(offer), one_line(problem), one_line(name)
    return {
        "name": name,
        "first_name": name.split(" ")[0],
        "title": one_line(title or ""),
        "company": one_line(company or ""),
        "offer": ensure_sentence(cut(offer, 400)) if offer else "",
        "offer_short": _sentence(offer, 100),
        "problem": ensure_sentence(cut(problem, 300)) if problem else "",
        "problem_short": _sentence(problem, 120),
        "footer": one_line(footer or ""),
    }


def footer_text(sender: Sender, settings: Settings) -> str | None:
    if not settings.footer:
        return None
    return one_line(settings.footer_text or sender.footer or sender.name)


def message_context(job: Job, *, language: str, variant: int = 0) -> dict[str, Any]:
    lead, sender, settings, strategy = job.lead, job.sender, job.settings, job.strategy
    view = lead_view(lead, settings.facts, language=language)
    found = hooks(view, lead, sender, settings.facts)
    hook = found[variant % len(found)] if found else NO_HOOK
    return {
        "lead": view,
        "sender": sender_view(sender, language),
        "hook": hook.as_dict(),
        "hooks": [h.as_dict() for h in found],
        "cta": one_line(settings.cta_text) if settings.cta and settings.cta_text else None,
        "cta_on": settings.cta,
        "footer": footer_text(sender, settings),
        "channel": settings.channel.value,
        "persona": settings.persona.value,
        "mood": settings.mood.value,
        "language": language,
        "strategy": strategy.as_context(),
        "variant": variant,
        "pick": Picker(f"{lead.id or lead.full_name}\x1f{strategy.name}\x1f{settings.channel}\x1f{variant}"),
        "limits": limits(settings.channel).as_dict(),
    }


_PROFILE_FIELDS = (
    ("name", "name"),
    ("headline", "headline"),
    ("current role", "title"),
    ("company", "company"),
    ("location", "location"),
    ("result on profile", "achievement"),
    ("about", "about"),
    ("recent post", "recent_post"),
)


def _profile(view: dict[str, Any]) -> str:
    lines = [f"{label}: {view[key]}" for label, key in _PROFILE_FIELDS if view[key]]
    for label, key in (("past employers", "past_companies"), ("skills", "skills"), ("schools", "schools")):
        if view[key]:
            lines.append(f"{label}: {', '.join(view[key])}")
    if view["mutual_connections"]:
        lines.append(f"mutual connections: {', '.join(view['mutual_connections'])}")
    return "\n".join(lines)


def prompt_context(job: Job, *, language: str, variant: int = 0, draft: str = "") -> dict[str, Any]:
    context = message_context(job, language=language, variant=variant)
    del context["pick"]
    shown = ("name", "title", "company", "offer", "problem", "footer")
    sender_lines = [f"{key}: {context['sender'][key]}" for key in shown if context["sender"][key]]
    return context | {
        "lead_profile": _profile(context["lead"]),
        "sender_profile": "\n".join(sender_lines),
        "language_name": languages.name(language),
        "variants": job.settings.variants,
        "draft": draft,
        "length": len(draft),
        # filled in by composer.llm_engine.prompts; these defaults serve template previews
        "example": "",
        "plan": {"hook": "", "why": ""},
        "greeting": f"Hi {context['lead']['first_name']},",
        "short": False,
        "problems": [],
    }
