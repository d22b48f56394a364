"""`inmail draft`, `inmail templates`, `inmail drafts` and `inmail sent`: in process (`main([...])`), with
a few runs of the installed console script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.cli_output import one_error_line
from support.fake_openai import Reply

from composer.samples import sample_json
from limits import EventKind

SETUP = {EventKind.PLAN_SET, EventKind.SYNC}  # the plan and its opening balance

MARIA = "https://www.linkedin.com/in/maria-lopez-data"
SAMPLES = Path(__file__).resolve().parents[2] / "composer" / "samples"


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    paths = {}
    for name in ("maria", "sam", "camille", "jonas"):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(sample_json(name)), encoding="utf-8")
        paths[name] = path
    return paths


def test_draft_prints_a_message_ready_to_paste(run_cli, files):
    result = run_cli("draft", str(files["maria"]), "--sender", str(files["sam"]))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0].startswith("inmail: saved as draft ")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Subject: ")
    assert "Acme Logistics" in lines[0]
    assert lines[1] == ""
    assert lines[2] == "Hello Maria,"
    assert sample_json("sam")["offer"] in result.stdout
    assert not any(mark in result.stdout for mark in ("{", "}", "inmail:"))  # no hole, no notice in the text
    assert result.stdout.rstrip().endswith("Sam Rivera, Founder, Tally Forecast")


def test_draft_json_has_the_documented_shape(cli, files):
    result = cli("draft", str(files["maria"]), "--sender", str(files["sam"]), "--strategy", "pas", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {
        "subject",
        "body",
        "strategy",
        "engine",
        "model",
        "language",
        "facts_used",
        "checks",
        "warnings",
        "outcome",
        "why",
        "alternatives",
        "coach",
        "id",
    } <= set(data)
    assert data["strategy"] == "pas"
    assert data["engine"] == "template"
    assert data["language"] == "en"
    assert data["facts_used"]
    assert all(set(fact) == {"kind", "text"} for fact in data["facts_used"])
    assert any(fact["text"] in data["body"] for fact in data["facts_used"])  # what it says it used, used
    assert all(set(check) == {"name", "ok", "message"} and check["ok"] for check in data["checks"])


def test_connection_notes_have_no_subject(cli, files):
    result = cli("draft", str(files["maria"]), "--sender", str(files["sam"]), "--channel", "connection_note")
    assert result.returncode == 0
    assert not result.stdout.startswith("Subject:")
    assert len(result.stdout.strip()) <= 300


@pytest.mark.parametrize(
    ("lead", "args", "greeting"),
    [
        ("camille", [], "Bonjour Camille,"),
        ("jonas", ["--language", "auto"], "Hallo Jonas,"),
        ("maria", ["--language", "es"], "Hola, Maria:"),
    ],
)
def test_language_follows_the_lead_or_the_option(cli, files, lead, args, greeting):
    result = cli("draft", str(files[lead]), "--sender", str(files["sam"]), *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2] == greeting


def test_options_reach_the_draft(cli, files):
    result = cli(
        "draft",
        str(files["maria"]),
        "--sender",
        str(files["sam"]),
        "--cta",
        "Can I send you a one-page summary?",
        "--footer",
        "Sam",
        "--persona",
        "founder",
        "--mood",
        "friendly",
        "--temperature",
        "0.1",
    )
    assert result.returncode == 0, result.stderr
    assert "Can I send you a one-page summary?" in result.stdout
    close, footer = result.stdout.rstrip().splitlines()[-2:]
    assert footer == "Sam"
    assert close.endswith(",")  # the friendly mood's close above the footer
    no_cta = cli("draft", str(files["maria"]), "--sender", str(files["sam"]), "--no-cta")
    assert "15 minutes" not in no_cta.stdout


def test_without_sender_the_saved_one_or_the_sample_is_used(cli, files, data_dir):
    sample = cli("draft", str(files["maria"]))
    assert sample.returncode == 0
    assert "sample sender Sam Rivera" in sample.stderr
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "sender.json").write_text(
        json.dumps({"name": "Ines Duarte", "company": "Routewise", "offer": "Routewise plans depot shifts."})
    )
    saved = cli("draft", str(files["maria"]))
    assert saved.returncode == 0
    assert "sample sender" not in saved.stderr
    assert "Routewise plans depot shifts." in saved.stdout


@pytest.mark.parametrize(
    ("make", "args", "fragment"),
    [
        (None, ["draft", "/nope/lead.json"], "does not exist"),
        ("{not json", ["draft", "{file}"], "is not valid JSON (line 1"),
        ('{"last_name": "x"}', ["draft", "{file}"], "lead: field 'first_name': Field required"),
        (None, ["draft", "{maria}", "--strategy", "nope"], "unknown strategy 'nope'"),
        (None, ["draft", "{maria}", "--temperature", "2"], "temperature"),
        (None, ["draft", "{maria}", "--language", "elvish!"], "not a language code"),
        (None, ["draft", "{maria}", "--channel", "email"], "channel"),
        (None, ["draft", "{maria}", "--engine", "magic"], "unknown engine"),
        (None, ["draft", "{maria}", "--engine", "llm"], "no model configured"),
        (None, ["draft", "{maria}", "--sender", "{file}"], "sender"),
        (None, ["templates", "show", "messages/nope/en.j2"], "no template named"),
    ],
)
def test_bad_input_gets_one_line_and_a_non_zero_exit(cli, files, tmp_path, make, args, fragment):
    broken = tmp_path / "broken.json"
    broken.write_text(make if make is not None else "[]")
    args = [a.replace("{file}", str(broken)).replace("{maria}", str(files["maria"])) for a in args]
    assert fragment in one_error_line(cli(*args))


def test_offline_draft_never_imports_the_llm_stack(run_cli, files):
    result = run_cli(
        "draft", str(files["maria"]), "--sender", str(files["sam"]), env={"PYTHONPROFILEIMPORTTIME": "1"}
    )
    assert result.returncode == 0
    imported = [
        line.rsplit("|", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    ]
    assert "composer.template_engine" in imported
    assert not [
        name for name in imported if name.split(".")[0] in ("langchain_openai", "langchain_core", "openai")
    ]


def test_the_llm_engine_through_the_cli(cli, files, fake_openai):
    env = {"OPENAI_BASE_URL": fake_openai.base_url, "INMAIL_MODEL": "fake-model", "OPENAI_API_KEY": "sk-test"}
    fake_openai.enqueue(
        "Subject: Your post\n\nHi Maria, your post on late deliveries was spot on and matches what we "
        "see. Call next week?"
    )
    result = cli(
        "draft", str(files["maria"]), "--sender", str(files["sam"]), "--engine", "llm", "--json", env=env
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["engine"] == "llm"
    assert data["subject"] == "Your post"
    assert (data["outcome"], data["why"]) == ("model", "the model's draft passed its checks")
    assert fake_openai.chat_requests[0].headers["authorization"] == "Bearer sk-test"


def test_a_failing_model_falls_back_with_a_visible_warning(cli, files, fake_openai):
    fake_openai.api_key = "sk-right"
    env = {
        "OPENAI_BASE_URL": fake_openai.base_url,
        "INMAIL_MODEL": "fake-model",
        "OPENAI_API_KEY": "sk-wrong",
    }
    result = cli("draft", str(files["maria"]), "--sender", str(files["sam"]), "--engine", "llm", env=env)
    assert result.returncode == 0
    assert "inmail: warning: the model's draft could not be used: the model server at" in result.stderr
    assert "rejected the API key (HTTP 401)" in result.stderr
    assert "Traceback" not in result.stderr
    offline = cli("draft", str(files["maria"]), "--sender", str(files["sam"]))
    assert result.stdout == offline.stdout  # the template engine's draft


def test_grounding_failures_are_reported_on_stderr(cli, files, fake_openai):
    env = {"OPENAI_BASE_URL": fake_openai.base_url, "INMAIL_MODEL": "fake-model"}
    fake_openai.default = Reply(
        text="Subject: Hi\n\nHi Maria, your time at Initech Systems shows in your post on why late "
        "deliveries are a data problem. Call next week?"
    )
    result = cli(
        "draft", str(files["maria"]), "--sender", str(files["sam"]), "--engine", "llm", "--json", env=env
    )
    assert result.returncode == 0  # the template engine's draft passes its checks
    assert "failed its checks, also after one repair (grounding)" in result.stderr
    data = json.loads(result.stdout)
    assert (data["engine"], data["outcome"]) == ("template", "fallback")
    [attempt] = data["alternatives"]
    grounding = next(c for c in attempt["checks"] if c["name"] == "grounding")
    assert "Initech Systems" in grounding["message"]


def test_templates_list_show_and_path(cli, data_dir):
    listed = cli("templates", "list")
    assert listed.returncode == 0
    assert any(
        line.split() == ["messages/pas/en.j2", "message", "shipped"] for line in listed.stdout.splitlines()
    )
    shown = cli("templates", "show", "rabt")
    assert shown.stdout.startswith('title = "RABT"')
    assert cli("templates", "path").stdout.strip() == str(data_dir / "templates")
    assert cli("templates", "path", "llm/system.j2").stdout.strip().endswith("prompts/llm/system.j2")


BAB_TOML = 'title = "BAB"\ndescription = "Before, After, Bridge."\nsections = ["Before", "After", "Bridge"]\n'
BAB_EN = (
    '{% import "messages/common/en.j2" as c with context %}\n'
    "Subject: Before and after\n\n{{ c.greeting() }}\n\nBefore: planning by hand at {{ lead.company }}.\n\n"
    "{{ sender.offer }}\n\n{{ c.ask() }}\n\n{{ c.sign_off() }}\n"
)


def test_a_template_file_is_validated_with_a_preview(cli, tmp_path):
    good = tmp_path / "messages" / "bab" / "en.j2"
    good.parent.mkdir(parents=True)
    good.write_text(BAB_EN)
    result = cli("templates", "validate", str(good))
    assert result.returncode == 0, result.stderr
    assert "valid as messages/bab/en.j2" in result.stdout
    assert "Before: planning by hand at Acme Logistics." in result.stdout


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Subject: x\n\n{% if %}", "line 3: Expected an expression"),
        ("Subject: x\n\n{{ cycler.__init__.__globals__ }}", "line 3: attribute '__globals__' is not allowed"),
        ("Subject: x\n\n{{ ''.__class__.__mro__ }}", "line 3: attribute '__mro__'"),
        ("Subject: x\n\n{{ x|attr('__class__') }}", "line 3: filter 'attr' is not available"),
        ("Subject: x\n\n{{ leed.first_name }}", "line 3: unknown variable `leed`; the template can use: "),
        ("Subject: x\n\n{{ 'x' * 10**8 }}", "longer than 20,000 characters"),
    ],
)
def test_a_bad_template_fails_validation_in_one_line(cli, tmp_path, text, fragment):
    bad = tmp_path / "bad.j2"
    bad.write_text(text)
    line = one_error_line(cli("templates", "validate", str(bad), "--name", "messages/bab/en.j2"))
    assert fragment in line


def test_validate_needs_to_know_which_template_a_loose_file_is(cli, tmp_path):
    loose = tmp_path / "mine.j2"
    loose.write_text("Subject: x\n\nHi")
    assert "pass --name" in one_error_line(cli("templates", "validate", str(loose)))


def test_a_user_strategy_in_the_overrides_folder_works_with_draft(cli, files, data_dir):
    folder = data_dir / "templates"
    (folder / "strategies").mkdir(parents=True)
    (folder / "messages" / "bab").mkdir(parents=True)
    (folder / "strategies" / "bab.toml").write_text(BAB_TOML)
    (folder / "messages" / "bab" / "en.j2").write_text(BAB_EN)
    listed = cli("templates", "list").stdout
    assert any(line.split() == ["strategies/bab.toml", "strategy", "user"] for line in listed.splitlines())
    result = cli("draft", str(files["maria"]), "--sender", str(files["sam"]), "--strategy", "bab", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["strategy"] == "bab"
    assert data["subject"] == "Before and after"


def _plan(cli, data_dir):
    result = cli(
        "ledger",
        "init",
        "--plan",
        "premium_career",
        "--start",
        "2026-11-01",
        "--at",
        "2026-11-01",
        "--balance",
        "5",
    )
    assert result.returncode == 0, result.stderr


def _draft_id(cli, files, *args):
    result = cli("draft", str(files["maria"]), "--sender", str(files["sam"]), "--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["id"]


def test_a_draft_from_the_cli_is_marked_as_sent_once(cli, files, data_dir):
    from limits import Account, EventKind

    _plan(cli, data_dir)
    draft_id = _draft_id(cli, files)
    listed = cli("drafts")
    assert listed.stdout.startswith(draft_id[:8])
    assert "not sent" in listed.stdout
    first = cli("sent", draft_id[:8], "--at", "2026-11-20T09:00:00Z")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == (
        f"Recorded an InMail (1 credit) to {MARIA} at 2026-11-20 09:00 UTC (event 3); balance 4."
    )
    again = json.loads(cli("sent", draft_id, "--json", "--at", "2026-11-21").stdout)
    assert (again["first_time"], again["balance"], again["at"]) == (False, 4, "2026-11-20T09:00:00Z")
    with Account.open(data_dir) as account:
        sends = [(e.kind, e.key) for e in account.events() if e.kind not in SETUP]
    assert sends == [(EventKind.INMAIL, draft_id)]
    assert "sent 2026-11-20 09:00" in cli("drafts").stdout


def test_a_connection_note_from_the_cli_becomes_an_invitation(cli, files, data_dir):
    _plan(cli, data_dir)
    draft_id = _draft_id(cli, files, "--channel", "connection_note")
    assert "Recorded an invitation with a note" in cli("sent", draft_id).stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["sent", "nope-nope"], "no saved draft has the id 'nope-nope': run `inmail drafts`"),
        (["sent", "{id}", "--at", "yesterday"], "bad date"),
        (["sent", "{one}"], "too short to name a draft: give at least 6 characters of its id"),
    ],
)
def test_sent_refuses_with_one_line_and_records_nothing(cli, files, data_dir, args, fragment):
    from limits import Account

    _plan(cli, data_dir)
    draft_id = _draft_id(cli, files)
    line = one_error_line(cli(*[a.replace("{id}", draft_id).replace("{one}", draft_id[:1]) for a in args]))
    assert fragment in line
    with Account.open(data_dir) as account:
        assert [e.kind for e in account.events() if e.kind not in SETUP] == []


def test_an_inmail_to_a_lead_who_takes_none_is_refused_in_one_line_naming_the_flag(
    cli, files, tmp_path, data_dir
):
    lead = tmp_path / "opted-out.json"
    lead.write_text(json.dumps({**sample_json("maria"), "accepts_inmail": False}))
    line = one_error_line(cli("draft", str(lead), "--sender", str(files["sam"])))
    assert line.endswith(
        "Maria does not accept InMail: add --channel connection_note to draft a connection note instead"
    )
    assert not (data_dir / "drafts.jsonl").exists(), "nothing is drafted or kept"
    note = cli("draft", str(lead), "--sender", str(files["sam"]), "--channel", "connection_note")
    assert note.returncode == 0, note.stderr


def test_sent_to_someone_linkedin_would_not_deliver_to_records_nothing(cli, files, data_dir, tmp_path):
    from limits import Account

    _plan(cli, data_dir)
    lead = tmp_path / "opted-out.json"
    lead.write_text(json.dumps({**sample_json("maria"), "accepts_inmail": False}))
    # her invitation went, she has not accepted it yet: a follow-up would be an InMail she does not take
    cli("sent", _draft_id(cli, {**files, "maria": lead}, "--channel", "connection_note"))
    refused = cli("draft", str(lead), "--sender", str(files["sam"]), "--channel", "follow_up")
    assert "does not accept InMail" in one_error_line(refused)  # refused before anything is drafted
    with Account.open(data_dir) as account:
        assert [e.kind for e in account.events() if e.kind not in SETUP] == [EventKind.INVITE]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("[" * 50_000 + "]" * 50_000, "is nested more than 32 levels deep"),
        ('{"a": ' * 40 + "1" + "}" * 40, "is nested more than 32 levels deep"),
        ("x" * 1_000_001, "is larger than 1,000,000 bytes"),
    ],
)
def test_oversized_and_deep_leads_and_senders_get_one_line(cli, files, tmp_path, content, fragment, data_dir):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    assert fragment in one_error_line(cli("draft", str(bad)))
    assert fragment in one_error_line(cli("draft", str(files["maria"]), "--sender", str(bad)))
    assert not (data_dir / "drafts.jsonl").exists(), "nothing is written on error"


def test_a_saved_sender_that_is_broken_gets_one_line(cli, files, data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "sender.json").write_text("[1]")
    line = one_error_line(cli("draft", str(files["maria"])))
    assert f"sender profile {data_dir / 'sender.json'} must hold one JSON object" in line


def test_the_console_script_reads_dev_zero_in_bounded_memory_and_says_so(run_cli):
    result = run_cli("draft", "/dev/zero")
    assert "lead file /dev/zero is larger than 1,000,000 bytes" in one_error_line(result)


@pytest.mark.parametrize("command", [["draft", "{maria}"], ["drafts"], ["templates", "list"], ["plans"]])
def test_a_data_dir_that_is_a_file_gets_one_line(cli, files, tmp_path, command):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    args = [a.replace("{maria}", str(files["maria"])) for a in command]
    line = one_error_line(cli("--data-dir", str(blocker), *args))
    assert f"the data directory {blocker} is a file, not a directory: pass --data-dir DIR" in line
    assert blocker.read_text() == "x"


@pytest.mark.parametrize("command", [["draft", "{maria}"], ["sent", "abc"], ["plans"]])
def test_a_data_dir_nothing_can_be_written_to_gets_one_line(cli, files, command):
    # /proc/self is a directory where even root cannot create files: a stand-in for a read-only folder.
    args = [a.replace("{maria}", str(files["maria"])) for a in command]
    result = cli("--data-dir", "/proc/self", *args)
    one_error_line(result)
    assert result.stdout == "", "no draft is printed when it cannot be kept"
