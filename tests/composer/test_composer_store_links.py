"""Overrides are regular files inside the data directory's templates folder: a link (to /etc/passwd, to
/proc/self/environ) or a linked folder is refused in one line, and never reaches a listing or a draft.
A file saved with a byte order mark validates and drafts alike."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from composer import SAMPLE_LEAD, SAMPLE_SENDER, ComposerError, Settings, TemplateStore, compose

SHIPPED = Path(__file__).resolve().parents[2] / "prompts"
NAME = "messages/rabt/en.j2"


@pytest.fixture
def overrides(data_dir) -> Path:
    folder = data_dir / "templates"
    (folder / "messages" / "rabt").mkdir(parents=True)
    return folder


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ"])
def test_a_linked_override_is_refused_in_one_line_and_never_drafted(data_dir, overrides, target):
    os.symlink(target, overrides / NAME)
    store = TemplateStore(data_dir)
    with pytest.raises(ComposerError, match="symbolic link") as refused:
        store.source(NAME)
    assert "\n" not in str(refused.value)
    with pytest.raises(ComposerError, match="symbolic link"):
        compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store)


def test_an_override_inside_a_linked_folder_is_refused(data_dir, overrides, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "en.j2").write_text((SHIPPED / NAME).read_text(encoding="utf-8"), encoding="utf-8")
    (overrides / "messages" / "rabt").rmdir()
    os.symlink(outside, overrides / "messages" / "rabt")
    with pytest.raises(ComposerError, match="outside"):
        TemplateStore(data_dir).source(NAME)


def test_the_cli_shows_one_line_not_the_linked_file(cli, overrides):
    os.symlink("/etc/passwd", overrides / NAME)
    result = cli("templates", "show", NAME)
    assert result.returncode != 0
    assert "root:" not in result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_override_with_a_byte_order_mark_validates_and_drafts(data_dir, overrides):
    text = "\ufeff" + (SHIPPED / NAME).read_text(encoding="utf-8")
    store = TemplateStore(data_dir)
    assert not store.validate(NAME, text).errors
    store.save(NAME, text)
    assert not (overrides / NAME).read_bytes().startswith(b"\xef\xbb\xbf")
    (overrides / NAME).write_bytes(text.encode("utf-8"))  # as an editor saves it
    [draft] = compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=TemplateStore(data_dir))
    assert draft.ok
    assert not draft.body.startswith("\ufeff")
