"""`inmail plan`: the JSON contract, the text, and bad input as one line (in process through `main`)."""

from __future__ import annotations

import json

import pytest

CAREER = ("ledger", "init", "--plan", "premium_career", "--start", "2026-06-01T00:00:00Z")


def lead(name: str, **fields) -> dict:
    return {"id": f"https://www.linkedin.com/in/{name}", "degree": 2, "location": "London", **fields}


@pytest.fixture
def leads_file(tmp_path):
    def write(leads: list[dict], *, name: str = "leads.jsonl") -> str:
        path = tmp_path / name
        if name.endswith(".jsonl"):
            path.write_text("\n".join(json.dumps(item) for item in leads) + "\n")
        else:
            path.write_text(json.dumps(leads))
        return str(path)

    return write


def one_line_error(result, *words: str) -> None:
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("inmail: error: ")
    for word in words:
        assert word in lines[0]


def test_the_json_is_the_contract(cli, leads_file) -> None:
    assert cli(*CAREER).returncode == 0
    people = [
        lead("paid"),
        lead("friend", degree=1),
        lead("op", open_profile=True),
        lead("out", accepts_inmail=False),
    ]
    result = cli("plan", leads_file(people), "--start", "2026-07-01T08:00:00Z", "--days", "7", "--json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert set(plan) == {"start", "days", "steps", "unreachable"}
    assert (plan["start"], plan["days"], plan["unreachable"]) == ("2026-07-01T08:00:00Z", 7, [])
    assert [set(step) for step in plan["steps"]] == [{"lead_id", "at", "channel", "credits"}] * 4
    by_lead = {
        step["lead_id"].rsplit("/", 1)[1]: (step["channel"], step["credits"]) for step in plan["steps"]
    }
    assert by_lead == {
        "paid": ("inmail", 1),
        "friend": ("message", 0),
        "op": ("open_profile", 0),
        "out": ("invitation_note", 0),
    }
    assert [step["at"] for step in plan["steps"]] == sorted(step["at"] for step in plan["steps"])
    assert [s["channel"] for s in plan["steps"]][:2] == ["message", "open_profile"]  # free first


def test_the_text_lists_sends_and_who_cannot_be_reached(cli, leads_file) -> None:
    cli(*CAREER)
    cli("ledger", "invite", lead("gone")["id"], "--at", "2026-06-20T09:00:00Z")
    people = [lead("gone", accepts_inmail=False), lead("paid")]
    result = cli("plan", leads_file(people, name="leads.json"), "--start", "2026-07-01T08:00:00Z")
    assert result.returncode == 0, result.stderr
    assert "1 send(s), 1 credit(s)" in result.stdout
    assert "Not reachable in the horizon (1):" in result.stdout
    assert "opted out of InMail; your invitation of 2026-06-20 is still pending; no channel" in result.stdout


def test_one_lead_object_is_a_plan_of_one(cli, tmp_path) -> None:
    cli(*CAREER)
    path = tmp_path / "maria.json"
    path.write_text(json.dumps(lead("maria")))
    result = cli("plan", str(path), "--start", "2026-07-01T08:00:00Z", "--json")
    assert [step["lead_id"] for step in json.loads(result.stdout)["steps"]] == [lead("maria")["id"]]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--days", "0"), ("--days must be from 1 to 365",)),
        (("--days", "10000"), ("--days must be from 1 to 365",)),
        (("--days", "two"), ("--days must be a whole number",)),
        (("--keep", "-1"), ("--keep cannot be negative",)),
        (("--start", "soon"), ("bad date",)),
        (("--start", "2026-05-01T00:00:00Z"), ("before the plan's start", "--start")),
    ],
)
def test_bad_options_are_one_line(cli, leads_file, args, words) -> None:
    cli(*CAREER)
    one_line_error(cli("plan", leads_file([lead("a")]), *args), *words)


def test_no_plan_set_is_one_line(cli, leads_file) -> None:
    one_line_error(cli("plan", leads_file([lead("a")])), "inmail ledger init")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"id": "https://www.linkedin.com/in/a"}\n{"id":\n', ("line 2",)),
        ('{"id": "https://www.linkedin.com/in/a"}\n[1]\n', ("line 2 is not a lead object",)),
        ('{"first_name": "Ann"}\n', ("lead 1", '"id"')),
    ],
)
def test_bad_lead_files_are_one_line(cli, tmp_path, content, words) -> None:
    cli(*CAREER)
    path = tmp_path / "leads.jsonl"
    path.write_text(content)
    one_line_error(cli("plan", str(path)), *words)


def test_a_csv_and_the_lead_book_are_planned_too(cli, tmp_path) -> None:
    cli(*CAREER)
    csv = tmp_path / "leads.csv"
    csv.write_text(
        "First Name,Last Name,Company,LinkedIn URL\nAnn,Lee,Acme,https://www.linkedin.com/in/ann-lee\n"
    )
    from_csv = json.loads(cli("plan", str(csv), "--start", "2026-07-01T08:00:00Z", "--json").stdout)
    assert [step["lead_id"] for step in from_csv["steps"]] == ["https://www.linkedin.com/in/ann-lee"]
    assert cli("leads", "import", str(csv)).returncode == 0
    from_book = json.loads(cli("plan", "--all", "--start", "2026-07-01T08:00:00Z", "--json").stdout)
    assert from_book["steps"] == from_csv["steps"]


def test_no_leads_given_is_one_line(cli) -> None:
    one_line_error(cli("plan"), "--all")


def test_every_opted_out_lead_with_a_pending_invitation_is_an_honest_empty_plan(cli, leads_file) -> None:
    cli(*CAREER)
    for name in ("a", "b"):
        cli("ledger", "invite", lead(name)["id"], "--at", "2026-06-20T09:00:00Z")
    people = [lead("a", accepts_inmail=False), lead("b", accepts_inmail=False)]
    result = cli("plan", leads_file(people), "--start", "2026-07-01T08:00:00Z", "--json")
    plan = json.loads(result.stdout)
    assert plan["steps"] == []
    assert [item["lead_id"] for item in plan["unreachable"]] == [lead("a")["id"], lead("b")["id"]]
