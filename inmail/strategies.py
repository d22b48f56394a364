"""Creating a strategy: its metadata (`strategies/NAME.toml`, written with tomli-w) and an English message
template to start from (`messages/NAME/en.j2`, a copy of an existing strategy's). Both files are validated
before either is written, so a bad name or field never leaves half a strategy behind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import tomli_w
from pydantic import BaseModel, Field

from inmail.errors import StrategyExistsError, StrategyInvalidError

if TYPE_CHECKING:
    from composer.templates import TemplateStore


class NewStrategy(BaseModel):
    name: str
    title: str = ""
    description: str = ""
    sections: list[str] = Field(default_factory=list)
    base: str = "rabt"  # the strategy whose English message the new one starts from

    def files(self, store: TemplateStore) -> dict[str, str]:
        """The two files of the strategy, by template name."""
        name = self.name.strip().lower()
        metadata = {
            "title": self.title.strip() or name.upper(),
            "description": self.description.strip(),
            "sections": [section.strip() for section in self.sections if section.strip()],
            "guidance": {
                section.strip(): f"what the {section.strip()} part says"
                for section in self.sections
                if section.strip()
            },
        }
        return {
            f"strategies/{name}.toml": tomli_w.dumps(metadata),
            f"messages/{name}/en.j2": store.source(f"messages/{self.base}/en.j2"),
        }


def create(store: TemplateStore, new: NewStrategy) -> list[str]:
    """Write the new strategy's files (validated first); returns their template names."""
    from composer import ComposerError, list_strategies

    name = new.name.strip().lower()
    if name in {strategy.name for strategy in list_strategies(store)}:
        raise StrategyExistsError(name)
    try:
        files = new.files(store)
        overlay = store.with_overlay(files)
        for file, text in files.items():
            report = overlay.validate(file, text, preview=False)
            if report.errors:
                first = report.errors[0]
                raise StrategyInvalidError(name, file=file, line=first.line, problem=first.message)
    except ComposerError as exc:  # a name the store refuses, or an unknown base strategy
        raise StrategyInvalidError(
            name, file=f"strategies/{name}.toml", line=None, problem=str(exc)
        ) from None
    for file, text in files.items():
        store.save(file, text)
    return list(files)
