"""The one retry layer for model calls, and the one-line messages for everything that can go wrong.

The SDK's own retries are off (`max_retries=0`), so 429 and 5xx are retried here only, honouring
`Retry-After`; a bad key, an unknown model, an unreachable server or a timeout fail at once with a
sentence that says what to fix. `openai` is imported inside the functions: the offline path never loads it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

from composer.errors import LLMError
from composer.llm_config import LLMConfig
from composer.text import one_line

T = TypeVar("T")


@dataclass(frozen=True)
class Failure:
    message: str
    retryable: bool = False
    wait: float | None = None  # seconds the server asked for


def retry_after(headers: Any) -> float | None:
    """Seconds from `retry-after-ms` or `Retry-After` (seconds or an HTTP date)."""
    if headers is None:
        return None
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(float(ms) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def _detail(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        error = body.get("error", body)
        message = error.get("message") if isinstance(error, dict) else error
        if message:
            return one_line(str(message))[:160]
    return one_line(str(getattr(exc, "message", "") or exc))[:160]


def _available_models(config: LLMConfig) -> list[str]:
    """Best effort: the models the server lists, to suggest one when the configured one is unknown."""
    import openai

    try:
        client = openai.OpenAI(
            base_url=config.base_url, api_key=config.api_key.get_secret_value(), timeout=3.0, max_retries=0
        )
        return sorted(model.id for model in client.models.list())[:8]
    except Exception:  # a hint only: any failure just means no list
        return []


def classify(exc: BaseException, config: LLMConfig) -> Failure:
    import openai

    where = config.where
    if isinstance(exc, openai.APITimeoutError):
        return Failure(f"the model server at {where} did not answer within {config.timeout:g} s")
    if isinstance(exc, openai.APIConnectionError):
        return Failure(
            f"cannot reach the model server at {where}: is it running, and is OPENAI_BASE_URL right?"
        )
    if not isinstance(exc, openai.APIStatusError):
        return Failure(f"the model call failed: {type(exc).__name__}: {one_line(str(exc))[:160]}")
    status = exc.status_code
    if status == 401:
        return Failure(f"the model server at {where} rejected the API key (HTTP 401): check OPENAI_API_KEY")
    if status == 403:
        return Failure(f"the model server at {where} refused access (HTTP 403): {_detail(exc)}")
    if status == 404:
        models = _available_models(config)
        hint = (
            f"it serves: {', '.join(models)}"
            if models
            else "check INMAIL_MODEL and OPENAI_BASE_URL (often ends in /v1)"
        )
        return Failure(f"the model server at {where} has no model '{config.model}' (HTTP 404): {hint}")
    if status == 429:
        body = getattr(exc, "body", None)
        if isinstance(body, dict) and "insufficient_quota" in str(body):
            return Failure(f"the account at {where} has no quota left (HTTP 429): check its billing")
        wait = retry_after(exc.response.headers)
        return Failure(f"the model server at {where} is rate limiting requests (HTTP 429)", True, wait)
    if status >= 500:
        wait = retry_after(exc.response.headers)
        return Failure(f"the model server at {where} failed (HTTP {status}): {_detail(exc)}", True, wait)
    return Failure(f"the model server at {where} refused the request (HTTP {status}): {_detail(exc)}")


def backoff(attempt: int) -> float:
    return min(0.5 * 2 ** (attempt - 1), 8.0) + random.uniform(0, 0.25)


def call_with_retries(
    call: Callable[[], T], config: LLMConfig, *, sleep: Callable[[float], None] = time.sleep
) -> T:
    """Run `call`; retry 429 and 5xx up to config.max_attempts, waiting as the server asks."""
    for attempt in range(1, config.max_attempts + 1):
        try:
            return call()
        except LLMError:
            raise
        except Exception as exc:  # every SDK or transport error is classified into one line
            failure = classify(exc, config)
            if not failure.retryable or attempt == config.max_attempts:
                tries = f" after {attempt} attempts" if attempt > 1 else ""
                raise LLMError(f"{failure.message}{tries}") from exc
            wait = failure.wait if failure.wait is not None else backoff(attempt)
            if wait > config.max_retry_wait:
                raise LLMError(
                    f"{failure.message}; the server asked to wait {wait:.0f} s, try again later"
                ) from exc
            sleep(wait)
    raise AssertionError("unreachable: the loop returns or raises")
