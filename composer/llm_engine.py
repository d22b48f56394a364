"""The LLM engine: a model's draft that passes its checks, or the reason there is none.

No tool calling, no JSON schema: many local servers lack them, so the model is asked for "Subject: ...",
a blank line and the body, and `composer.replies` reads it forgivingly. Generation is bounded (max_tokens
from the channel's limit, a stop on a second "Subject:", every request cut to the draft's time budget).
The reply is checked like any draft plus `composer.reply_checks`; a failing reply gets one repair round
with the failed checks as instructions. `run` yields the text as it streams and ends with one Result;
the service turns a Result without a draft into the template engine's draft.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from composer.channels import ChannelLimits, limits
from composer.contexts import prompt_context
from composer.drafting import Job, RawDraft, allowed_links, finish
from composer.llm_client import (
    SUBJECT_STOP,
    Answer,
    Deadline,
    ModelError,
    Opener,
    langchain_reply,
    server_reply,
    stream_answer,
)
from composer.llm_config import LLMConfig
from composer.models import CheckResult, Draft, DraftChannel, Engine
from composer.offline import engine as offline
from composer.offline.holes import first_filled
from composer.redact import redact
from composer.replies import MAX_REPLY_CHARS, parse_reply
from composer.reply_checks import Reply, reply_checks
from composer.scrub import strip_links
from composer.text import cut, split_sentences

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

CHARS_PER_TOKEN = 3  # conservative across languages: English runs about 4
HEADROOM = 1.3  # room for the subject line, a sign-off and a model that runs a little long
FINISH_RESERVE = 3.0  # seconds of the budget kept for what follows the model (at most 10% of it)


@dataclass
class Result:
    """The end of one model draft: `draft` when one passed its checks, else `why` and the last `attempt`."""

    draft: Draft | None = None
    attempt: Draft | None = None
    why: str = ""
    repaired: list[str] = field(default_factory=list)  # the first reply's failed checks, when repaired


def max_tokens(channel: DraftChannel, lengths: ChannelLimits | None = None) -> int:
    limit = limits(channel, lengths)
    return int((limit.body + limit.subject) / CHARS_PER_TOKEN * HEADROOM) + 16


@dataclass(frozen=True)
class Guide:
    """What the template engine would write: its plan (the hook), greeting and subject guide the model.

    The seam for `composer.plan`: when the message plan lands, `plan` comes from it (the chosen hook and
    why it matters for the offer) instead of the hook the template engine picks today.
    """

    greeting: str
    subject: str | None
    plan: dict[str, str]


def guide(job: Job, context: dict[str, Any]) -> Guide:
    """The offline engine's reading of the lead, for the prompt: the situation, the lead's own lines a
    draft may quote whole, a greeting in the draft's language and a subject to fall back on."""
    prepared = offline.prepare(job, job.language, variant=context["variant"])
    values, reading = prepared.values, prepared.reading
    native = prepared.pack.language == job.language
    greeting = values["greeting"] if native and values["greeting"] else f"Hi {job.lead.first_name},"
    subject = first_filled(prepared.pack.subjects(reading.situation.value), values) if native else None
    lines = [line for line in (reading.hook, reading.result, reading.second) if line is not None]
    plan = {
        "situation": reading.situation.value,
        "quotes": "\n".join(f"- {prepared.pack.quoted(line.text)} (their {line.where})" for line in lines),
        "assets": "; ".join(a for a in job.sender.assets if a),
    }
    return Guide(greeting=greeting, subject=subject, plan=plan)


def prompts(job: Job, *, config: LLMConfig, variant: int) -> tuple[list[Any], dict[str, Any], Guide]:
    from langchain_core.messages import HumanMessage, SystemMessage

    context = prompt_context(job, language=job.language, variant=variant)
    found = guide(job, context)
    example = job.store.render("llm/examples.j2", context).strip()
    if job.settings.channel is DraftChannel.CONNECTION_NOTE:
        example = example.split("\n\n", 1)[-1] if example.startswith("Subject:") else example
    context |= {
        "example": example,
        "plan": found.plan,
        "greeting": found.greeting,
        "short": config.short_prompt(),
    }
    messages = [
        SystemMessage(job.store.render("llm/system.j2", context)),
        HumanMessage(job.store.render("llm/user.j2", context)),
    ]
    return messages, context, found


def _subject(found: Guide, body: str, job: Job) -> str:
    first = split_sentences(body.split("\n\n", 1)[-1]) or [job.strategy.title]
    return found.subject or cut(first[0], 60)


def checked(answer: Answer, job: Job, *, config: LLMConfig, system: str, found: Guide) -> Draft:
    """The reply as a finished Draft carrying every draft check and the reply checks."""
    subject, body = parse_reply(redact(answer.text[:MAX_REPLY_CHARS], secrets=config.secrets()))
    warnings: list[str] = []
    channel = job.settings.channel
    if channel is DraftChannel.CONNECTION_NOTE:
        subject = None
    elif not subject and body.strip():
        subject = _subject(found, body, job)
        warnings.append(f"the model wrote no subject line; using: {subject}")
    raw = RawDraft(
        subject=subject,
        body=body,
        language=job.language,
        requested_language=job.language,
        engine=Engine.LLM,
        model=config.model,
        warnings=warnings,
        model_written=True,
    )
    draft = finish(raw, job)
    _, removed = strip_links(body, allowed=allowed_links(job.sender, job.settings))
    reply = Reply(
        body=body,
        first_name=job.lead.first_name,
        channel=channel,
        limit=limits(channel, job.lengths).body,
        prompt=system,
        removed_links=tuple(removed),
        finish_reason=answer.finish_reason,
    )
    return draft.model_copy(update={"checks": [*draft.checks, *reply_checks(reply)]})


_INSTRUCTIONS = {
    "grounding": "use only names that appear in the lead profile or the sender details",
    "lead_fact": "use one concrete fact from the lead profile",
    "language": "write the whole message in {language}",
    "placeholders": "fill in or remove every placeholder",
    "subject_length": "give it a short subject line",
    "body_length": "make the body shorter",
    "inventions": "state no number, phone number, payment request or event that the lead profile and the "
    "sender details do not give",
}


def instructions(draft: Draft, *, language: str) -> list[str]:
    """The failed checks, worded as instructions for the repair round."""
    problems = []
    for check in draft.checks:
        if not check.ok:
            how = _INSTRUCTIONS.get(check.name, "").format(language=language)
            problems.append(f"{check.message}: {how}" if how else check.message)
    return problems


def failed_names(draft: Draft) -> list[str]:
    return [check.name for check in draft.checks if not check.ok]


def _summary(checks: list[CheckResult]) -> str:
    return ", ".join(check.name.replace("_", " ") for check in checks if not check.ok)


def _reply(messages: list[Any], job: Job, *, config: LLMConfig, model: BaseChatModel | None) -> Opener:
    stop, temperature = list(SUBJECT_STOP), job.settings.temperature
    if model is not None:
        return langchain_reply(model, messages, stop=stop, temperature=temperature)
    tokens = max_tokens(job.settings.channel, job.lengths)
    return server_reply(config, messages, max_tokens=tokens, stop=stop, temperature=temperature)


def run(
    job: Job, *, config: LLMConfig, variant: int = 0, model: BaseChatModel | None = None
) -> Iterator[str | Result]:
    """Text chunks as the model writes (and a line when it is asked to repair), then one Result."""
    from langchain_core.messages import AIMessage, HumanMessage

    # The whole draft keeps to the budget: building the client and the prompt count, and the model stops
    # early enough to leave time for the checks, a fallback draft and the command's own start and output.
    deadline = Deadline(config.budget - min(FINISH_RESERVE, config.budget * 0.1))
    messages, context, found = prompts(job, config=config, variant=variant)
    reply = _reply(messages, job, config=config, model=model)
    system = str(messages[0].content)
    answer = Answer()
    try:
        yield from stream_answer(reply, config=config, deadline=deadline, answer=answer)
    except ModelError as exc:
        yield Result(why=str(exc))
        return
    first = checked(answer, job, config=config, system=system, found=found)
    if first.ok:
        yield Result(draft=first)
        return
    if deadline.passed:
        yield Result(attempt=first, why=f"its draft failed its checks ({_summary(first.checks)})")
        return
    problems = instructions(first, language=context["language_name"])
    failing = ", ".join(failed_names(first))
    yield f"\n\n[The draft failed its checks ({failing}): asking the model to fix it.]\n\n"
    context["problems"] = problems
    repair = [*messages, AIMessage(answer.text), HumanMessage(job.store.render("llm/repair.j2", context))]
    second_answer = Answer()
    try:
        yield from stream_answer(
            _reply(repair, job, config=config, model=model),
            config=config,
            deadline=deadline,
            answer=second_answer,
        )
    except ModelError as exc:
        yield Result(attempt=first, why=f"its draft failed its checks and the repair failed: {exc}")
        return
    second = checked(second_answer, job, config=config, system=system, found=found)
    if second.ok:
        yield Result(draft=second, repaired=failed_names(first))
    else:
        yield Result(
            attempt=second,
            why=f"its draft failed its checks, also after one repair ({_summary(second.checks)})",
        )
