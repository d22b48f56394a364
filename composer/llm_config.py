"""Where the model lives: base URL, model name, key, timeouts and the per-draft budget.

The key is bound to the server it was configured beside (`key_server`): the environment's key goes only
to the environment's base URL. A base URL chosen elsewhere (the Settings page) gets no key unless the user
gives one for it (`with_server(url, api_key=...)`) or trusts that host with the configured key
(`with_server(url, trust_key=True)`). `request_key()` is the only way the key leaves this object.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, assert_never
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from composer.errors import InputError

DEFAULT_MODEL = "gpt-4o-mini"
OPENAI_URL = "https://api.openai.com/v1"
NO_KEY = "not-needed"  # local servers (Ollama, llama.cpp, vLLM) ignore the key, the SDK insists on one
DEFAULT_BUDGET = 60.0  # seconds for one draft, repair included: a local 1-3B model on a laptop CPU
# "smollm2-135m", "llama-3.2-1b", "qwen2.5:0.5b", "gemma-3-270m": a parameter count in the model's name
_SIZE = re.compile(r"(?<![a-z0-9])(\d+(?:\.\d+)?)\s*([mb])(?![a-z])", re.I)
SMALL_CONTEXT = 4096  # tokens: below this the full prompt leaves too little room for the reply
SMALL_PARAMETERS = 3e9


class PromptSize(StrEnum):
    AUTO = "auto"  # short for small models (by context size, else by the size in the model's name)
    FULL = "full"
    SHORT = "short"


def shown_url(url: str | None) -> str | None:
    """`url` without the user and password it may carry: what a page or message may show."""
    if not url or "@" not in url:
        return url
    parts = urlsplit(url)
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def _url(value: str | None) -> str | None:
    """A base URL as kept and shown: without a final slash and without the user and password of
    `http://user:password@host/v1`, which would otherwise be printed and stored with every error and draft."""
    url = value.strip().rstrip("/") or None if value else None
    if url is None:
        return None
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - urlsplit checks the port only when asked
    except ValueError:
        raise InputError(
            f"the base URL {shown_url(url)} has a port that is not a number from 0 to 65535: fix it, e.g. "
            "http://localhost:8080/v1"
        ) from None
    return shown_url(url)


def server_of(url: str | None) -> str:
    """The server a URL names, for comparing where a key may go: scheme, host, port and path."""
    parts = urlsplit(url or OPENAI_URL)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
    except ValueError:  # not a port: compare the text as it is, which matches nothing configured
        return (url or "").lower()
    return f"{parts.scheme.lower()}://{(parts.hostname or '').lower()}:{port}{parts.path.rstrip('/')}"


def host_of(url: str | None) -> str:
    parts = urlsplit(url or OPENAI_URL)
    try:
        port = parts.port
    except ValueError:
        return parts.netloc.lower()
    return (parts.hostname or "").lower() + (f":{port}" if port else "")


class LLMConfig(BaseModel):
    """Settings for an OpenAI-compatible chat server. The key is a SecretStr: never printed or saved."""

    model_config = ConfigDict(frozen=True, defer_build=True)  # built on first use: not on the offline path

    base_url: str | None = None
    model: str = DEFAULT_MODEL
    api_key: SecretStr = SecretStr(NO_KEY)
    key_server: str | None = None  # the base URL the key was configured for (None: OpenAI's)
    trusted_hosts: frozenset[str] = frozenset()  # hosts the user explicitly allowed the key for
    timeout: float = Field(default=60.0, gt=0, le=600)  # one request, at most
    budget: float = Field(default=DEFAULT_BUDGET, gt=0, le=1800)  # one draft, repair included
    max_attempts: int = Field(default=3, ge=1, le=6)
    max_retry_wait: float = Field(default=20.0, ge=0, le=120)
    prompt: PromptSize = PromptSize.AUTO
    context_size: int | None = Field(default=None, ge=256, le=10_000_000)

    @model_validator(mode="before")
    @classmethod
    def _bind_key(cls, data: Any) -> Any:
        # A key given without saying where it belongs belongs to the base URL given with it.
        if isinstance(data, dict) and "key_server" not in data:
            data = {**data, "key_server": data.get("base_url")}
        return data

    @field_validator("base_url", "key_server")
    @classmethod
    def _strip_url(cls, value: str | None) -> str | None:
        return _url(value)

    @property
    def where(self) -> str:
        return self.base_url or "api.openai.com"

    @property
    def has_key(self) -> bool:
        return self.api_key.get_secret_value() not in ("", NO_KEY)

    @property
    def key_allowed(self) -> bool:
        """Whether the configured key may go to `base_url`."""
        if server_of(self.base_url) == server_of(self.key_server):
            return True
        return host_of(self.base_url) in self.trusted_hosts

    def request_key(self) -> str:
        """The key to send to `base_url`: the configured one only where it belongs."""
        return self.api_key.get_secret_value() if self.has_key and self.key_allowed else NO_KEY

    def secrets(self) -> tuple[str, ...]:
        """What redaction removes from every message and draft."""
        return (self.api_key.get_secret_value(),) if self.has_key else ()

    def with_server(
        self, base_url: str | None, *, api_key: str | None = None, trust_key: bool = False
    ) -> LLMConfig:
        """This configuration pointed at another server. A key typed for it goes there; the configured
        key goes there only with `trust_key` (the user ticked "use my configured key with HOST")."""
        update: dict[str, Any] = {"base_url": _url(base_url)}
        if api_key and api_key.strip():
            update |= {"api_key": SecretStr(api_key.strip()), "key_server": _url(base_url)}
        elif trust_key:
            update["trusted_hosts"] = self.trusted_hosts | {host_of(base_url)}
        return self.model_copy(update=update)

    def short_prompt(self) -> bool:
        match self.prompt:
            case PromptSize.SHORT:
                return True
            case PromptSize.FULL:
                return False
            case PromptSize.AUTO:
                if self.context_size is not None:
                    return self.context_size < SMALL_CONTEXT
                size = _SIZE.search(self.model)
                if size is None:
                    return False
                count = float(size.group(1)) * (1e6 if size.group(2).lower() == "m" else 1e9)
                return count <= SMALL_PARAMETERS
            case _:
                assert_never(self.prompt)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LLMConfig | None:
        """OPENAI_BASE_URL, INMAIL_MODEL, OPENAI_API_KEY, INMAIL_LLM_TIMEOUT, INMAIL_LLM_BUDGET,
        INMAIL_LLM_PROMPT (auto|full|short), INMAIL_LLM_CONTEXT; None when no model is set up.

        A model counts as set up when there is a key (OpenAI itself) or a base URL (a local server). The
        key is bound to the base URL read beside it.
        """
        env = os.environ if env is None else env
        base_url = env.get("OPENAI_BASE_URL", "").strip()
        key = env.get("OPENAI_API_KEY", "").strip()
        if not base_url and not key:
            return None
        options: dict[str, Any] = {}
        for name, field, what in (
            ("INMAIL_LLM_TIMEOUT", "timeout", "a number of seconds between 0 and 600"),
            ("INMAIL_LLM_BUDGET", "budget", "a number of seconds between 0 and 1800"),
            ("INMAIL_LLM_PROMPT", "prompt", "auto, full or short"),
            ("INMAIL_LLM_CONTEXT", "context_size", "a number of tokens such as 2048"),
        ):
            if value := env.get(name, "").strip():
                try:
                    cls.model_validate({field: value})
                except ValueError:  # pydantic's ValidationError is a ValueError too
                    raise InputError(f"{name}={value!r} is not {what}") from None
                options[field] = value
        return cls.model_validate(
            {
                "base_url": base_url or None,
                "model": env.get("INMAIL_MODEL", "").strip() or DEFAULT_MODEL,
                "api_key": SecretStr(key or NO_KEY),
                **options,
            }
        )
