"""The command table: each module's COMMANDS is what its register() adds, and a command line that starts
with a command builds only that module's sub-parsers without changing what the user sees."""

from __future__ import annotations

import argparse

import pytest

from inmail.cli.commands import modules
from inmail.cli.main import build_parser

EVERY_COMMAND = sorted(name for module in modules() for name in module.COMMANDS)


def _registered(parser: argparse.ArgumentParser) -> set[str]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(sub.choices)


@pytest.mark.parametrize("module", modules(), ids=lambda m: m.__name__)
def test_commands_names_what_register_adds(module):
    parser = argparse.ArgumentParser()
    module.register(parser.add_subparsers())
    assert _registered(parser) == set(module.COMMANDS)


def test_no_two_modules_claim_a_command():
    assert len(EVERY_COMMAND) == len(set(EVERY_COMMAND))


@pytest.mark.parametrize("command", EVERY_COMMAND)
def test_a_command_builds_only_its_own_module(command):
    (owner,) = [m for m in modules() if command in m.COMMANDS]
    assert _registered(build_parser(command)) == set(owner.COMMANDS)


@pytest.mark.parametrize("first", [None, "--data-dir", "-h", "--help", "bogus", "lead.json"])
def test_anything_else_builds_every_command(first):
    assert _registered(build_parser(first)) == set(EVERY_COMMAND)


def test_help_lists_every_command(cli):
    result = cli("--help")
    assert result.returncode == 0
    for command in EVERY_COMMAND:
        assert command in result.stdout


def test_an_unknown_command_is_refused_with_the_full_list(cli):
    result = cli("bogus")
    assert result.returncode == 2
    assert "invalid choice: 'bogus'" in result.stderr
    for command in EVERY_COMMAND:
        assert command in result.stderr


def test_global_options_before_the_command_still_work(cli, tmp_path):
    result = cli("--data-dir", str(tmp_path / "data"), "templates", "path")
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "data") in result.stdout


def test_a_command_help_is_its_own(cli):
    result = cli("draft", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: inmail draft ")
    assert "--sender" in result.stdout
