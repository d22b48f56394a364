"""The model settings the user saves on the Settings page: `model.json` in the data directory.

Only settings that are safe in a file live here (the time budget per draft); the base URL, the model and
any key stay in the environment, `.streamlit/secrets.toml` or the session. A value left blank is not
saved, so the environment's (`INMAIL_LLM_BUDGET`) or the default applies.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from inmail import files
from inmail.errors import FileError, FileProblem

MODEL_FILE = "model.json"
MAX_BUDGET = 1800.0  # seconds: LLMConfig.budget's upper bound
BUDGET_RULE = f"a number of seconds above 0 and at most {MAX_BUDGET:g} (30 minutes)"


class ModelSettings(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)  # a key someone typed into the file is dropped

    budget: float | None = Field(default=None, gt=0, le=MAX_BUDGET)  # seconds for one draft, repair included


def parse_budget(text: str) -> float | None:
    """The budget typed on the page: None when blank; ValueError with one plain sentence otherwise."""
    text = text.strip().removesuffix("s").strip().replace(",", ".")
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        raise ValueError(f"The time budget must be {BUDGET_RULE}, not {text!r}.") from None
    if not 0 < seconds <= MAX_BUDGET:  # also refuses nan and inf
        raise ValueError(f"The time budget must be {BUDGET_RULE}, not {seconds:g}.")
    return seconds


class ModelSettingsFile:
    def __init__(self, directory: Path) -> None:
        self.path = directory / MODEL_FILE

    def load(self) -> ModelSettings:
        """The saved settings; the defaults before the first save. FileError when the file is unusable."""
        if not self.path.exists():
            return ModelSettings()
        data = files.read_object(self.path, what="model settings")
        try:
            return ModelSettings.model_validate(data)
        except ValidationError as exc:
            detail = f"has a budget that is not {BUDGET_RULE}" if "budget" in str(exc) else "is not usable"
            raise FileError(
                FileProblem.WRONG_SHAPE, self.path, what="model settings", detail=detail
            ) from None

    def save(self, settings: ModelSettings) -> None:
        files.write_json(self.path, settings.model_dump(exclude_none=True), what="model settings")
