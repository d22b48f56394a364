"""The command table in inmail.cli.commands names, for each command word, the module whose `register()`
adds it; the word after the global `--data-dir DIR` is the command a command line builds alone."""

from __future__ import annotations

import argparse

import pytest

from inmail.cli.commands import COMMAND_MODULES, command_word, modules
from inmail.cli.main import build_parser, main


def _registered(parser: argparse.ArgumentParser) -> set[str]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(sub.choices)


def test_the_table_names_each_modules_own_commands():
    owners = {command: module.__name__ for module in modules() for command in module.COMMANDS}
    assert owners == COMMAND_MODULES


@pytest.mark.parametrize("command", sorted(COMMAND_MODULES))
def test_a_command_imports_only_its_own_module(command):
    (module,) = modules(command)
    assert module.__name__ == COMMAND_MODULES[command]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([], None),
        (["draft", "lead.json"], "draft"),
        (["--data-dir", "d", "draft", "lead.json"], "draft"),
        (["--data-dir=d", "templates", "list"], "templates"),
        (["--data-dir=d", "--data-dir", "e", "coach", "-"], "coach"),
        (["--data-dir"], None),
        (["-h", "draft"], "-h"),  # the top-level help lists every command
        (["--data", "d", "draft"], "--data"),  # an abbreviation: every command is built, as argparse takes it
        (["lead.json"], "lead.json"),
    ],
)
def test_the_command_word_comes_after_the_data_dir_option(words, expected):
    assert command_word(words) == expected


def test_a_command_after_the_data_dir_option_builds_only_its_module():
    assert _registered(build_parser(command_word(["--data-dir", "d", "drafts"]))) == {"drafts", "sent"}


def test_the_data_dir_option_before_a_command_still_reaches_it(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "templates", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(data / "templates")
