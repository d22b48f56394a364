"""README's test command is the one CI runs."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bash_blocks(text: str) -> list[str]:
    blocks, inside, current = [], False, []
    for line in text.splitlines():
        if line.startswith("```"):
            if inside:
                blocks.append("\n".join(current).strip())
                current = []
            inside = not inside and line.strip() == "```bash"
        elif inside:
            current.append(line)
    return blocks


def test_ci_runs_readmes_test_command():
    blocks = _bash_blocks((ROOT / "README.md").read_text())
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in (ROOT / ".ci" / "run").read_text().splitlines()


def test_readme_starts_the_app_with_streamlit():
    blocks = _bash_blocks((ROOT / "README.md").read_text())
    assert any(b.endswith("streamlit run app.py") for b in blocks)
