"""Docs that cannot go stale: every CLI command is in the README and has help text."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from consilience.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_docs_readme_starts_with_the_two_setup_commands():
    first_block = README.split("```")[1]
    commands = [ln.split("#")[0].strip() for ln in first_block.splitlines()[1:] if ln.strip()]
    assert commands == ["make demo", "make test"]


def test_docs_every_command_is_documented_and_has_help():
    runner = CliRunner()
    for name, command in main.commands.items():
        assert f"consilience {name}" in README, f"README does not show `consilience {name}`"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert command.help and len(command.help.strip()) > 20


def test_docs_every_analyze_option_is_in_the_readme():
    for param in main.commands["analyze"].params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt not in ("--help", "--quiet", "--workers", "--no-store"):
                assert opt in README, f"README does not mention {opt}"
