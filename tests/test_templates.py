"""Templates: the vault's own override the defaults, and no template can run code, read files or loop forever."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import write_note

Run = Callable[..., Result]


@pytest.fixture
def career(run: Run, tmp_path: Path) -> Path:
    vault = tmp_path / "career"
    assert run("init", str(vault)).exit_code == 0
    return vault


def person_template(vault: Path, text: str) -> None:
    write_note(vault, ".infoview/templates/person.md", text)


def add(run: Run, vault: Path, *args: str) -> Result:
    return run("--vault", str(vault), "person", "add", "Anna Lee", *args)


def test_init_templates_copies_the_defaults_and_they_override(run: Run, career: Path) -> None:
    result = run("init", str(career), "--templates")
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (career / ".infoview" / "templates").iterdir()) == [
        "followup.md",
        "interview.md",
        "outreach.md",
        "person.md",
        "thanks.md",
    ]
    person_template(
        career, "---\ntype: person\ncompany: {{ company }}\nmine: true\n---\nMy own template for {{ name }}.\n"
    )
    assert add(run, career, "--company", "Acme").exit_code == 0
    assert (career / "People" / "Anna Lee.md").read_text() == (
        "---\ntype: person\ncompany: Acme\nmine: true\n---\nMy own template for Anna Lee.\n"
    )
    assert run("--vault", str(career), "ls", "--type", "person").stdout.count("Anna Lee") == 1


def test_a_missing_override_falls_back_to_the_default(run: Run, career: Path) -> None:
    write_note(career, ".infoview/templates/interview.md", "---\ntype: interview\n---\n")
    assert add(run, career).exit_code == 0
    assert "## Background" in (career / "People" / "Anna Lee.md").read_text()


def test_templates_folder_is_not_scanned_as_notes(run: Run, career: Path) -> None:
    run("init", str(career), "--templates")
    assert run("--vault", str(career), "index").stdout.startswith("0 notes")


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "not allowed"),
        ("{{ cycler.__init__.__globals__.os.popen('touch pwned').read() }}", "not allowed"),
        ("{{ lipsum.__globals__['os'].popen('touch pwned').read() }}", "not allowed"),
        ("{{ self.__init__.__globals__.__builtins__.__import__('os').getcwd() }}", "not allowed"),
        ("{{ '{0.__class__.__mro__}'.format('') }}", "not allowed"),
        ("{{ range(10**9)|length }}", "not allowed"),
        ("{{ 'a' * 10**10 }}", "not allowed"),
        ("{{ 10 ** (10 ** 8) }}", "not allowed"),
        ('{{ "x".center(10**9)|length }}', "not allowed in a template: padding too large"),
        ('{{ "x".zfill(width=10**9)|length }}', "not allowed in a template: padding too large"),
        ('{{ "x"|center(10**9)|length }}', "needs more than 256 MiB of memory"),
        ('{{ ("%0999999999d" % 1)|length }}', "needs more than 256 MiB of memory"),
    ],
)
def test_code_and_resource_attacks_are_errors(run: Run, career: Path, template: str, words: str) -> None:
    person_template(career, f"---\ntype: person\n---\nline two\n{template}\n")
    result = add(run, career)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: .infoview/templates/person.md:") and words in result.stderr
    assert not (career / "People" / "Anna Lee.md").exists() and not Path("pwned").exists()


def test_attribute_filter_is_blocked(run: Run, career: Path) -> None:
    person_template(career, "---\ntype: person\n---\n[{{ ''|attr('__class__')|attr('__mro__') }}]\n")
    result = add(run, career)
    assert result.exit_code == 1 and result.stderr.startswith("Error: .infoview/templates/person.md:4: ")
    assert not (career / "People" / "Anna Lee.md").exists()


def test_runaway_loop_is_stopped(run: Run, career: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("infoview.adapters.templates.MAX_SECONDS", 0.2)
    person_template(
        career,
        "---\ntype: person\n---\n{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}\n",
    )
    result = add(run, career)
    assert result.exit_code == 1 and "took longer than 0.2 seconds" in result.stderr


def test_too_much_output(run: Run, career: Path) -> None:
    person_template(career, "---\ntype: person\n---\n{% for a in range(20000) %}{{ 'x' * 90 }}{% endfor %}\n")
    result = add(run, career)
    assert result.exit_code == 1 and "more than 1024 KiB" in result.stderr


def test_undefined_variable_names_template_and_line(run: Run, career: Path) -> None:
    person_template(career, "---\ntype: person\ncompany: {{ compnay }}\n---\n")
    result = add(run, career)
    assert result.stderr.strip() == (
        "Error: .infoview/templates/person.md:3: 'compnay' is undefined; "
        "the variables are listed in infoview's docs/templates.md"
    )


def test_undefined_in_the_body_counts_the_template_lines(run: Run, career: Path) -> None:
    person_template(career, "---\ntype: person\n---\n# {{ name }}\n\n{{ nickname }}\n")
    result = add(run, career)
    assert result.stderr.startswith("Error: .infoview/templates/person.md:6: ")


def test_syntax_errors_and_obsidian_syntax(run: Run, career: Path) -> None:
    person_template(career, "---\ntype: person\n---\n\n{% if name %}\n")
    assert add(run, career).stderr.startswith("Error: .infoview/templates/person.md:")
    person_template(career, "---\ntype: person\ncreated: {{date:YYYY-MM-DD}}\n---\n")
    result = add(run, career)
    assert ".infoview/templates/person.md:3: template syntax error" in result.stderr and "{{ today }}" in result.stderr


def test_includes_stay_inside_the_templates_folder(run: Run, career: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    write_note(career, ".infoview/templates/part.md", "included text")
    person_template(career, "---\ntype: person\n---\n{% include 'part.md' %}\n")
    assert add(run, career).exit_code == 0
    assert "included text" in (career / "People" / "Anna Lee.md").read_text()
    for attempt in ("../../secret.txt", str(secret)):
        person_template(career, f"---\ntype: person\n---\n{{% include '{attempt}' %}}\n")
        result = run("--vault", str(career), "person", "add", "Bob")
        assert result.exit_code == 1 and "only templates inside the templates folder" in result.stderr
    os.symlink(secret, career / ".infoview" / "templates" / "leak.md")
    person_template(career, "---\ntype: person\n---\n{% include 'leak.md' %}\n")
    result = run("--vault", str(career), "person", "add", "Bob")
    assert result.exit_code == 1 and "TOP SECRET" not in result.output
    assert not (career / "People" / "Bob.md").exists()


def test_front_matter_values_cannot_break_or_inject(run: Run, career: Path) -> None:
    person_template(career, "---\ntype: person\ncompany: {{ company }}\ntags: {{ tags }}\n---\n{{ company }}\n")
    result = add(run, career, "--company", 'Eve: CTO # "quoted" [[x]]', "--tag", "a,b", "--tag", "no")
    assert result.exit_code == 0, result.output
    text = (career / "People" / "Anna Lee.md").read_text()
    assert text == (
        '---\ntype: person\ncompany: "Eve: CTO # \\"quoted\\" [[x]]"\ntags: ["a,b", "no"]\n---\n'
        'Eve: CTO # "quoted" [[x]]\n'
    )


def test_a_template_that_writes_unreadable_front_matter_is_refused(run: Run, career: Path) -> None:
    person_template(career, "---\ntype: person\ncompany: {{ company | yaml }}: oops\n---\n")
    result = add(run, career, "--company", "Acme")
    assert result.exit_code == 1 and "cannot be read back" in result.stderr
    assert not (career / "People" / "Anna Lee.md").exists()


def test_the_wheel_ships_the_templates(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(repo)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("infoview-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("person.md", "interview.md", "outreach.md"):
        assert f"infoview/templates/{name}" in names
        assert zipfile.ZipFile(wheel).read(f"infoview/templates/{name}") == (repo / "templates" / name).read_bytes()
