"""Where the model lives: base URL, model name, key, timeout. Read from the environment by default."""

from __future__ import annotations

import os
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from composer.errors import InputError

DEFAULT_MODEL = "gpt-4o-mini"
_NO_KEY = "not-needed"  # local servers (Ollama, llama.cpp, vLLM) ignore the key, the SDK insists on one


class LLMConfig(BaseModel):
    """Settings for an OpenAI-compatible chat server. The key is a SecretStr: never printed or saved."""

    model_config = ConfigDict(frozen=True, defer_build=True)  # built on first use: not on the offline path

    base_url: str | None = None
    model: str = DEFAULT_MODEL
    api_key: SecretStr = SecretStr(_NO_KEY)
    timeout: float = Field(default=60.0, gt=0, le=600)
    max_attempts: int = Field(default=3, ge=1, le=6)
    max_retry_wait: float = Field(default=20.0, ge=0, le=120)

    @field_validator("base_url")
    @classmethod
    def _strip_url(cls, value: str | None) -> str | None:
        return value.strip().rstrip("/") or None if value else None

    @property
    def where(self) -> str:
        return self.base_url or "api.openai.com"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LLMConfig | None:
        """OPENAI_BASE_URL, INMAIL_MODEL, OPENAI_API_KEY, INMAIL_LLM_TIMEOUT; None when no model is set up.

        A model counts as set up when there is a key (OpenAI itself) or a base URL (a local server).
        """
        env = os.environ if env is None else env
        base_url = env.get("OPENAI_BASE_URL", "").strip()
        key = env.get("OPENAI_API_KEY", "").strip()
        if not base_url and not key:
            return None
        timeout = env.get("INMAIL_LLM_TIMEOUT", "").strip()
        try:
            return cls(
                base_url=base_url or None,
                model=env.get("INMAIL_MODEL", "").strip() or DEFAULT_MODEL,
                api_key=SecretStr(key or _NO_KEY),
                **({"timeout": float(timeout)} if timeout else {}),
            )
        except ValueError:  # pydantic's ValidationError is a ValueError too
            raise InputError(
                f"INMAIL_LLM_TIMEOUT={timeout!r} is not a number of seconds between 0 and 600"
            ) from None
