"""`inmail leads import|list|show|rm`, in process: the import reports skipped rows on stderr, --json gives
the import's JSON, refused files are one line with nothing stored, and ids, prefixes and names all work."""

from __future__ import annotations

import json

from inmail.cli.main import main

CSV = (
    b"First Name;Last Name;Position;Company;LinkedIn URL\n"
    b"Elena;Rossi;COO;Korvo;linkedin.com/in/elena\n;;;Nobody;\n"
)


def _run(capsys, *words):
    code = main(list(words))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_show_and_rm(tmp_path, capsys):
    leads = tmp_path / "leads.csv"
    leads.write_bytes(CSV)
    data = ["--data-dir", str(tmp_path / "data")]
    code, out, err = _run(capsys, *data, "leads", "import", str(leads))
    assert code == 0
    assert out.startswith("Imported 1 lead (1 new, 0 updated, 0 unchanged); 1 skipped")
    assert err.strip() == "inmail: skipped line 3: no first name in this row"
    code, out, _ = _run(capsys, *data, "leads", "import", str(leads), "--json")
    report = json.loads(out)
    assert report["imported"][0]["id"] == "https://www.linkedin.com/in/elena"
    assert report["skipped"] == [{"where": "line 3", "why": "no first name in this row"}]
    assert report["stored"] == {"added": 0, "updated": 0, "unchanged": 1}
    code, out, _ = _run(capsys, *data, "leads", "list")
    assert out.strip() == "https://www.linkedin.com/in/elena  Elena Rossi  (COO, Korvo)"
    code, out, _ = _run(capsys, *data, "leads", "list", "--json")
    assert [lead["first_name"] for lead in json.loads(out)] == ["Elena"]
    code, out, _ = _run(capsys, *data, "leads", "show", "elena rossi")
    assert json.loads(out)["company"] == "Korvo"
    code, out, _ = _run(capsys, *data, "leads", "rm", "https://linkedin.com/in/Elena/")
    assert (code, out.strip()) == (0, "Removed Elena Rossi (https://www.linkedin.com/in/elena).")
    code, _, err = _run(capsys, *data, "leads", "show", "elena")
    assert code == 1
    assert "no saved lead matches 'elena'" in err
    assert "inmail leads list" in err


def test_a_file_with_no_usable_column_is_one_line_and_map_fixes_it(tmp_path, capsys):
    path = tmp_path / "odd.csv"
    path.write_bytes(b"Who,Firm\nAna Cruz,Acme\n")
    data = ["--data-dir", str(tmp_path / "data")]
    code, out, err = _run(capsys, *data, "leads", "import", str(path))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert "no column a lead can use" in err
    assert "--map" in err
    code, out, _ = _run(
        capsys, *data, "leads", "import", str(path), "--map", "Who=full_name", "--map", "Firm=company"
    )
    assert code == 0
    code, out, _ = _run(capsys, *data, "leads", "show", "Ana")
    assert json.loads(out)["company"] == "Acme"
    code, _, err = _run(capsys, *data, "leads", "import", str(path), "--map", "Who")
    assert code == 2
    assert "COLUMN=field" in err


def test_bad_files_are_refused_in_one_line(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path / "data")]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    for path, words in ((empty, "is empty"), (tmp_path / "none.pdf", "does not exist")):
        code, out, err = _run(capsys, *data, "leads", "import", str(path))
        assert code == 1
        assert words in err
        assert err.count("\n") == 1
        assert "nothing was imported" in err
    code, out, _ = _run(capsys, *data, "leads", "list")
    assert "No saved leads yet" in out
