"""The one model stack: `chat_model` builds the ChatOpenAI, `explain_failure` words whatever went wrong.

The drafting engine, the chat assistant and the Settings page's "Test connection" all go through these
two. Retries are tenacity's, around a call with the SDK's own retries off: only 429 and 5xx are retried,
waiting as long as the server's Retry-After asks when that fits the draft's time budget. `openai`,
`langchain_openai` and `tenacity` are imported inside the functions: the offline path never loads them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, assert_never

from composer.errors import LLMError
from composer.llm_config import LLMConfig
from composer.redact import redact
from composer.replies import MAX_REPLY_CHARS
from composer.text import one_line

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

SUBJECT_STOP = ("\nSubject:", "\nSUBJECT:")  # a second subject line means a second message: stop there


class FailureKind(StrEnum):
    AUTH = "auth"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"
    NO_QUOTA = "no_quota"
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    OVER_BUDGET = "over_budget"
    SERVER_ERROR = "server_error"
    REFUSED = "refused"  # any other 4xx: the request itself was refused
    BROKE_OFF = "broke_off"  # the reply stopped mid-stream
    BAD_REPLY = "bad_reply"  # an answer that is not a chat completion
    OTHER = "other"


@dataclass(frozen=True)
class ModelFailure:
    """What went wrong, as data (kind, status, the wait the server asked for) and one plain sentence."""

    kind: FailureKind
    message: str
    status: int | None = None
    wait: float | None = None

    @property
    def retryable(self) -> bool:
        return self.kind in (FailureKind.RATE_LIMITED, FailureKind.SERVER_ERROR)


class ModelError(LLMError):
    """A model call that failed; `failure` says how. The message is already redacted."""

    def __init__(self, failure: ModelFailure) -> None:
        super().__init__(failure.message)
        self.failure = failure


_models: dict[tuple[Any, ...], Any] = {}
_models_lock = threading.Lock()


def chat_model(
    config: LLMConfig,
    *,
    max_tokens: int | None = None,
    streaming: bool = False,
    temperature: float | None = None,
) -> Any:
    """The ChatOpenAI for `config`, shared by threads (its HTTP client pools connections).

    The key sent is `config.request_key()`: the configured key only to the server it belongs to. SDK
    retries are off (tenacity's are used, within the draft's budget). `max_tokens` is sent both as the
    SDK's `max_completion_tokens` and, for other servers, as the older `max_tokens` that llama.cpp,
    Ollama and vLLM read.
    """
    key = (
        config.base_url,
        config.model,
        config.request_key(),
        config.timeout,
        max_tokens,
        streaming,
        temperature,
    )
    with _models_lock:
        model = _models.get(key)
        if model is None:
            from langchain_openai import ChatOpenAI
            from pydantic import SecretStr

            options: dict[str, Any] = {
                "model": config.model,
                "base_url": config.base_url,
                "api_key": SecretStr(config.request_key()),
                "timeout": config.timeout,
                "max_retries": 0,
                "max_tokens": max_tokens,
                "streaming": streaming,
                "use_responses_api": False,
                "stream_usage": False,
            }
            if temperature is not None:
                options["temperature"] = temperature
            if max_tokens and config.base_url:
                options["extra_body"] = {"max_tokens": max_tokens}
            model = ChatOpenAI(**options)
            _models[key] = model
    return model


def retry_after(headers: Any) -> float | None:
    """Seconds from `retry-after-ms` or `Retry-After` (seconds or an HTTP date)."""
    if headers is None:
        return None
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return max(float(value) / scale, 0.0)
        except ValueError:
            pass
        try:
            return max((parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds(), 0.0)
        except (TypeError, ValueError):
            return None
    return None


def _detail(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        error = body.get("error", body)
        message = error.get("message") if isinstance(error, dict) else error
        if message:
            return one_line(str(message))[:160]
    return one_line(str(getattr(exc, "message", "") or exc))[:160]


def _kind(exc: BaseException, *, streamed: bool) -> tuple[FailureKind, int | None, float | None]:
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return FailureKind.TIMEOUT, None, None
    if isinstance(exc, openai.APIConnectionError):
        return (FailureKind.BROKE_OFF if streamed else FailureKind.UNREACHABLE), None, None
    if isinstance(exc, openai.APIResponseValidationError):
        return FailureKind.BAD_REPLY, exc.status_code, None
    if not isinstance(exc, openai.APIStatusError):
        return (FailureKind.BROKE_OFF if streamed else FailureKind.OTHER), None, None
    status, headers = exc.status_code, exc.response.headers
    if status == 401:
        return FailureKind.AUTH, status, None
    if status == 403:
        return FailureKind.FORBIDDEN, status, None
    if status == 404:
        return FailureKind.NOT_FOUND, status, None
    if status == 429:
        if "insufficient_quota" in str(getattr(exc, "body", "")):
            return FailureKind.NO_QUOTA, status, None
        return FailureKind.RATE_LIMITED, status, retry_after(headers)
    if status >= 500:
        return FailureKind.SERVER_ERROR, status, retry_after(headers)
    return FailureKind.REFUSED, status, None


def available_models(config: LLMConfig) -> list[str]:
    """Best effort: the models the server lists (sent with the key only where it belongs)."""
    try:
        client = chat_model(config).root_client.with_options(timeout=3.0, max_retries=0)
        return sorted(model.id for model in client.models.list())[:8]
    except Exception:  # a hint only: any failure just means no list
        return []


def explain_failure(
    exc: BaseException, *, config: LLMConfig | None = None, streamed: bool = False
) -> ModelFailure:
    """Any model failure as a kind and one plain sentence that says what to fix (redacted)."""
    if isinstance(exc, ModelError):
        return exc.failure
    config = config or LLMConfig()
    kind, status, wait = _kind(exc, streamed=streamed)
    where = config.where
    match kind:
        case FailureKind.AUTH:
            fix = "check OPENAI_API_KEY"
            if config.has_key and not config.key_allowed:
                fix = (
                    f"the configured key belongs to {config.key_server or 'api.openai.com'} and was not "
                    f"sent; type a key for this server or allow the configured one for it"
                )
            text = f"the model server at {where} rejected the API key (HTTP 401): {fix}"
        case FailureKind.FORBIDDEN:
            text = f"the model server at {where} refused access (HTTP 403): {_detail(exc)}"
        case FailureKind.NOT_FOUND:
            models = available_models(config)
            hint = (
                f"it serves: {', '.join(models)}"
                if models
                else "check INMAIL_MODEL and OPENAI_BASE_URL (often ends in /v1)"
            )
            text = f"the model server at {where} has no model '{config.model}' (HTTP 404): {hint}"
        case FailureKind.RATE_LIMITED:
            text = f"the model server at {where} is rate limiting requests (HTTP 429)"
        case FailureKind.NO_QUOTA:
            text = f"the account at {where} has no quota left (HTTP 429): check its billing"
        case FailureKind.UNREACHABLE:
            text = f"cannot reach the model server at {where}: is it running, and is OPENAI_BASE_URL right?"
        case FailureKind.TIMEOUT:
            text = (
                f"the model server at {where} did not answer in time (INMAIL_LLM_TIMEOUT, INMAIL_LLM_BUDGET)"
            )
        case FailureKind.OVER_BUDGET:
            text = _budget_failure(config).message
        case FailureKind.SERVER_ERROR:
            text = f"the model server at {where} failed (HTTP {status}): {_detail(exc)}"
        case FailureKind.REFUSED:
            text = f"the model server at {where} refused the request (HTTP {status}): {_detail(exc)}"
        case FailureKind.BROKE_OFF:
            text = "the model's reply broke off mid-stream"
        case FailureKind.BAD_REPLY:
            text = f"the model server at {where} sent something that is not a chat reply: {_detail(exc)}"
        case FailureKind.OTHER:
            text = f"the model call failed: {type(exc).__name__}: {_detail(exc)}"
        case _:
            assert_never(kind)
    return ModelFailure(kind, redact(text, secrets=config.secrets()), status, wait)


class Deadline:
    """The time left for one draft: each request's timeout is cut to it."""

    def __init__(self, seconds: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._end = clock() + seconds

    def remaining(self) -> float:
        return max(self._end - self._clock(), 0.0)

    @property
    def passed(self) -> bool:
        return self.remaining() <= 0


def over_budget(config: LLMConfig) -> ModelError:
    return ModelError(_budget_failure(config))


def _budget_failure(config: LLMConfig) -> ModelFailure:
    text = f"the model did not finish within the {config.budget:g} s budget (INMAIL_LLM_BUDGET)"
    return ModelFailure(FailureKind.OVER_BUDGET, text)


@dataclass
class Answer:
    text: str = ""
    finish_reason: str | None = None  # "length": the model hit max_tokens mid-message


def _text(chunk: Any) -> str:
    content = getattr(chunk, "content", chunk)
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in content)
    return str(content or "")


Chunks = Generator[tuple[str, str | None], None, None]  # (text, finish_reason) of one reply, closed when left
Opener = Callable[[float], Chunks]  # starts one request with that timeout (each retry calls it again)


def langchain_reply(model: BaseChatModel, messages: list[Any], **options: Any) -> Opener:
    """A LangChain chat model's reply (injected models: tests, notebooks)."""

    def open_(timeout: float) -> Chunks:
        chunks = model.stream(messages, timeout=timeout, **options)
        try:
            for chunk in chunks:
                metadata = getattr(chunk, "response_metadata", None) or {}
                yield _text(chunk), metadata.get("finish_reason")
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()  # closes the HTTP response: the server stops generating

    return open_


_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


def server_reply(
    config: LLMConfig,
    messages: list[Any],
    *,
    max_tokens: int,
    stop: list[str],
    temperature: float | None = None,
) -> Opener:
    """The request ChatOpenAI would send, read as the SSE lines it is: the SDK's client (its connection
    pool, errors and key) without building two typed objects per chunk, which cost three times the CPU
    of the rest of a draft (bench/bench_llm.py). Leaving the iterator closes the response, so a server
    such as llama.cpp sees the connection drop and stops generating."""
    import json

    import httpx2
    import openai

    client = chat_model(config).root_client
    body: dict[str, Any] = {
        "model": config.model,
        "messages": [{"role": _ROLES[m.type], "content": _text(m)} for m in messages],
        "stream": True,
        "stop": stop,
        "max_completion_tokens": max_tokens,
    }
    if config.base_url:
        body["max_tokens"] = max_tokens  # the older name, which llama.cpp, Ollama and vLLM read
    if temperature is not None:
        body["temperature"] = temperature

    def open_(timeout: float) -> Chunks:
        create = client.with_streaming_response.chat.completions.create
        started = time.monotonic()
        # The prompt goes as extra_body: the SDK's type-directed copy of a 5 KB prompt costs more CPU
        # than the draft's checks, and these are plain strings already.
        with create(
            model=config.model, messages=[], stream=True, extra_body=body, timeout=timeout
        ) as response:
            request, done = response.http_request, False
            # The timeout is for the whole request: httpx's is per read, and a server that sends
            # keep-alive pings (llama-cpp-python, every 15 s while it waits) would reset it for ever.
            fired = threading.Event()
            left = max(timeout - (time.monotonic() - started), 0.0)
            watchdog = threading.Timer(left, _hang_up, (response, fired))
            watchdog.daemon = True
            watchdog.start()
            try:
                for line in response.iter_lines():
                    data = line.removeprefix("data:").strip() if line.startswith("data:") else ""
                    if data == "[DONE]":
                        done = True  # read on to the body's end (the next bytes): the connection is reused
                    if done or not data:
                        continue
                    event = json.loads(data)
                    if isinstance(error := event.get("error"), dict):  # llama.cpp reports mid-stream
                        raise openai.APIError(str(error.get("message", error)), request, body=error)
                    for choice in event.get("choices") or ():
                        yield (choice.get("delta") or {}).get("content") or "", choice.get("finish_reason")
            except httpx2.TimeoutException as exc:
                raise openai.APITimeoutError(request) from exc
            except httpx2.TransportError as exc:
                if fired.is_set():  # the watchdog hung up: a timeout
                    raise openai.APITimeoutError(request) from exc
                raise openai.APIConnectionError(request=request) from exc
            finally:
                watchdog.cancel()

    return open_


def _hang_up(response: Any, fired: threading.Event) -> None:
    """Shut the request's socket: the read blocked on it returns at once, and the server sees it go."""
    import contextlib
    import socket

    fired.set()
    stream = response.http_response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed: the request ended on its own
            sock.shutdown(socket.SHUT_RDWR)


def stream_answer(
    reply: Opener,
    *,
    config: LLMConfig,
    deadline: Deadline,
    answer: Answer,
) -> Iterator[str]:
    """Text chunks of one reply, retried (429/5xx) before its first chunk, ended at the deadline.

    Each attempt's request timeout is the time left, and a stream still running at the deadline is
    closed (the server sees the connection drop and stops generating). Raises ModelError.
    """
    from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, stop_any
    from tenacity.stop import stop_base

    def retryable(exc: BaseException) -> bool:
        if shown or isinstance(exc, ModelError):  # half a message is not retried behind the reader's back
            return False
        return _kind(exc, streamed=False)[0] in (FailureKind.RATE_LIMITED, FailureKind.SERVER_ERROR)

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = _kind(exc, streamed=False)[2] if exc is not None else None
        return asked if asked is not None else min(0.5 * 2 ** (state.attempt_number - 1), 8.0)

    class TooLate(stop_base):
        """Stop when the wait the server asks for (or the back-off) would pass the budget or the cap."""

        def __call__(self, state: RetryCallState) -> bool:
            return state.upcoming_sleep > min(deadline.remaining(), config.max_retry_wait)

    attempts = Retrying(
        retry=retry_if_exception(retryable),
        wait=wait,
        stop=stop_any(stop_after_attempt(config.max_attempts), TooLate()),
        reraise=True,
    )
    shown = False
    try:
        for attempt in attempts:
            with attempt:
                if deadline.passed:
                    raise over_budget(config)
                chunks = reply(max(min(config.timeout, deadline.remaining()), 0.01))
                try:
                    for piece, finish_reason in chunks:
                        if deadline.passed:
                            raise over_budget(config)
                        answer.finish_reason = finish_reason or answer.finish_reason
                        if piece:
                            shown = True
                            answer.text += piece
                            yield piece
                        if len(answer.text) >= MAX_REPLY_CHARS:  # a server that ignores max_tokens
                            answer.finish_reason = "length"
                            break
                finally:
                    chunks.close()
    except ModelError:
        raise
    except ValueError as exc:
        if shown or "no generation chunks" not in str(exc).lower():
            raise _failed(exc, config=config, deadline=deadline, shown=shown, tries=1) from exc
        return  # LangChain's word for an empty reply: the checks say it is too short
    except Exception as exc:  # every SDK or transport error becomes one sentence
        tries = attempts.statistics.get("attempt_number", 1)
        raise _failed(exc, config=config, deadline=deadline, shown=shown, tries=tries) from exc


def _failed(
    exc: BaseException, *, config: LLMConfig, deadline: Deadline, shown: bool, tries: int
) -> ModelError:
    failure = explain_failure(exc, config=config, streamed=shown)
    message = failure.message + (f" after {tries} attempts" if tries > 1 else "")
    if failure.retryable and failure.wait is not None and failure.wait > config.max_retry_wait:
        message += f"; the server asked to wait {failure.wait:.0f} s, try again later"
    if failure.kind is FailureKind.TIMEOUT and deadline.passed:
        message = _budget_failure(config).message
    return ModelError(ModelFailure(failure.kind, message, failure.status, failure.wait))
