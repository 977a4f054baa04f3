"""``infoview import linkedin`` and ``import vcard``: show first, write on request, never a second
note for one person, fill only what is empty, and a clear line for every bad input."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import FIXTURES
from helpers import examples, write_note
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.core.contacts import Contact, plain, plan_import
from infoview.core.model import Note

Run = Callable[..., Result]
EXPORTS = FIXTURES / "exports"


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    shutil.copytree(EXPORTS, folder)
    return folder


def run_import(run: Run, vault: Path, *args: str, code: int = 0) -> Result:
    result = run("--vault", str(vault), "import", *args)
    assert result.exit_code == code, result.output
    return result


def actions(result: Result) -> list[tuple[str, str]]:
    data = json.loads(result.stdout)
    return [(step["action"], step["name"]) for step in data["steps"]]


def files(vault: Path) -> dict[str, bytes]:
    return {
        path.relative_to(vault).as_posix(): path.read_bytes()
        for path in sorted(vault.rglob("*.md"))
        if ".infoview" not in path.parts
    }


def test_linkedin_dry_run_shows_what_it_would_do_and_writes_nothing(run: Run, vault: Path, exports: Path) -> None:
    write_note(vault, "People/Ben Carter.md", "---\ntype: person\ncompany: Roche\n---\n")
    before = files(vault)
    result = run_import(run, vault, "linkedin", str(exports / "Connections.csv"))
    assert files(vault) == before
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ACTION", "NAME", "TITLE", "COMPANY", "DETAIL"]
    assert [line.split("  ")[0] for line in lines[1:]] == [
        "create",
        "exists",
        "create",
        "create",
        "repeat",
        "skip",
        "create",
    ]
    assert "LinkedIn connection since 2019-03-02" in lines[1]
    assert "the same person as line 5" in lines[5]
    assert "| cannot be in a note name" in lines[6]
    csv_path = exports / "Connections.csv"
    assert f"{csv_path}:11: warning: Connected On 'sometime in 2021' is not a date" in result.stderr
    assert result.stderr.rstrip().endswith(
        "7 of 7 contacts match: would create 4 people, 1 person already in the vault "
        "(--update fills their empty properties), 1 repeated in the file, 1 left out (names that cannot be "
        "note names); nothing written: add --write to do it"
    )


def test_write_creates_each_person_once_with_what_the_export_knows(run: Run, vault: Path, exports: Path) -> None:
    csv_file = str(exports / "Connections.csv")
    run_import(run, vault, "linkedin", csv_file, "--write")
    assert sorted(path.name for path in (vault / "People").iterdir()) == [
        "Anna Lee.md",
        "Ben Carter.md",
        "Carl Diaz.md",
        "Lucía Fernández.md",
        "Zoë Ångström.md",
    ]
    listed = json.loads(run("--vault", str(vault), "ls", "--type", "person", "--format", "json").stdout)
    ben = next(row["properties"] for row in listed if row["name"] == "Ben Carter")
    assert {key: ben[key] for key in ("company", "title", "email", "linkedin", "source", "connection")} == {
        "company": "Roche",
        "title": "Process Engineer, Biologics",
        "email": "ben.carter@example.com",
        "linkedin": "https://www.linkedin.com/in/bencarter",
        "source": "LinkedIn",
        "connection": "LinkedIn connection since 2024-01-15",
    }
    carl = next(row["properties"] for row in listed if row["name"] == "Carl Diaz")
    assert carl["connection"] == "LinkedIn connection"
    before = files(vault)
    again = run_import(run, vault, "linkedin", csv_file, "--write", "--format", "json")
    assert {action for action, _name in actions(again)} == {"exists", "repeat", "skip"}
    assert files(vault) == before
    assert run("--vault", str(vault), "check").exit_code == 0


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--company", "novartis"], ["Lucía Fernández", "Lucía Fernández"]),
        (["--name", "lucia fernandez"], ["Lucía Fernández", "Lucía Fernández"]),
        (["--name", "ZOE"], ["Zoë Ångström"]),
        (["--title", "process"], ["Ben Carter", "Anna Lee"]),
        (["--connected-since", "2024-01-01"], ["Ben Carter", "Zoë Ångström"]),
        (["--company", "sanofi", "--title", "scale"], ["Carl Diaz"]),
    ],
)
def test_filters_ignore_case_and_accents(
    run: Run, vault: Path, exports: Path, args: list[str], names: list[str]
) -> None:
    result = run_import(run, vault, "linkedin", str(exports / "Connections.csv"), "--format", "json", *args)
    assert [name for _action, name in actions(result)] == names


@pytest.mark.parametrize(
    "existing",
    [
        "People/lucia fernandez.md",  # the same name, case and accents aside
        "People/L. Fernández.md|aliases: [Lucía Fernández]",  # an alias
        "People/LF.md|linkedin: http://linkedin.com/in/Lucia-Fernandez/",  # the same profile, written otherwise
    ],
)
def test_someone_already_in_the_vault_is_never_created_again(
    run: Run, vault: Path, exports: Path, existing: str
) -> None:
    path, _bar, extra = existing.partition("|")
    write_note(vault, path, f"---\ntype: person\n{extra}\n---\n")
    result = run_import(run, vault, "linkedin", str(exports / "Connections.csv"), "--name", "lucía", "--write")
    assert result.stdout.splitlines()[1].startswith("exists")
    assert sorted(p.relative_to(vault).as_posix() for p in (vault / "People").iterdir()) == [path]


def test_update_fills_only_empty_properties_with_the_safe_edit(run: Run, vault: Path, exports: Path) -> None:
    note = write_note(
        vault,
        "People/Ben Carter.md",
        "---\ntype: person\nCompany: Roche Diagnostics  # where we met\ntitle:\nemail: ben@old.example\ntags: []\n"
        "---\n# Ben\n\nMy notes, untouched.\n",
    )
    csv_file = str(exports / "Connections.csv")
    shown = run_import(run, vault, "linkedin", csv_file, "--name", "ben", "--update")
    assert "update  Ben Carter" in shown.stdout and "fills title, linkedin, source, connection" in shown.stdout
    assert "would update 1 person" in shown.stderr
    run_import(run, vault, "linkedin", csv_file, "--name", "ben", "--update", "--write")
    assert note.read_text() == (
        "---\ntype: person\nCompany: Roche Diagnostics  # where we met\ntitle: Process Engineer, Biologics\n"
        'email: ben@old.example\ntags: []\nlinkedin: "https://www.linkedin.com/in/bencarter"\nsource: LinkedIn\n'
        "connection: LinkedIn connection since 2024-01-15\n---\n# Ben\n\nMy notes, untouched.\n"
    )
    again = run_import(run, vault, "linkedin", csv_file, "--name", "ben", "--update", "--format", "json")
    assert actions(again) == [("exists", "Ben Carter")]


def test_a_person_is_matched_by_email_too(run: Run, vault: Path, exports: Path) -> None:
    write_note(vault, "People/Benjamin C.md", "---\ntype: person\nemail: Ben.Carter@example.com\n---\n")
    result = run_import(run, vault, "linkedin", str(exports / "Connections.csv"), "--name", "ben", "--format", "json")
    assert actions(result) == [("exists", "Benjamin C")]


def test_vcards_3_and_4_with_accents_folded_lines_and_escapes(run: Run, vault: Path, exports: Path) -> None:
    v3 = run_import(run, vault, "vcard", str(exports / "contacts-v3.vcf"), "--format", "json")
    data = json.loads(v3.stdout)
    assert [(step["name"], step["line"], step["properties"]) for step in data["steps"]] == [
        (
            "Lucía Fernández",
            1,
            {
                "company": "Novartis",
                "title": "Head of Quality Assurance",
                "email": "lucia@example.com",
                "linkedin": "https://www.linkedin.com/in/lucia-fernandez",
                "source": "contacts",
                "connection": "in my contacts (contacts-v3.vcf)",
            },
        ),
        (
            "Émile Müller",
            12,
            {
                "company": "Pfizer",
                "title": "Directeur de la production, Europe",
                "source": "contacts",
                "connection": "in my contacts (contacts-v3.vcf)",
            },
        ),
    ]
    assert f"{exports / 'contacts-v3.vcf'}:18: warning: a vCard with no name (no FN or N)" in v3.stderr
    run_import(run, vault, "vcard", str(exports / "contacts-v4.vcf"), "--write")
    zoe = (vault / "People" / "Zoë Ångström.md").read_text()
    assert "title: Product Manager, Payments for small businesses across the Nordic countries\n" in zoe
    assert 'linkedin: "https://www.linkedin.com/in/zoe-angstrom"\n' in zoe and "source: contacts\n" in zoe
    assert "title: Regulatory affairs\n" in (vault / "People" / "Kenji Tanaka.md").read_text()
    # The same people from LinkedIn are already there now: by name (and accents), and by profile URL.
    linkedin = run_import(run, vault, "linkedin", str(exports / "Connections.csv"), "--name", "zo", "--format", "json")
    assert actions(linkedin) == [("exists", "Zoë Ångström")]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "latin1.csv",
            "First Name,Last Name\nLucía,Fernández\n".encode("latin-1"),
            ":2: not UTF-8 text (byte 0xed); save the file as UTF-8",
        ),
        ("columns.csv", b"Notes:\n\nFirst Name,Surname,URL\nAnna,Lee,x\n", ":3: no 'Last Name' column; LinkedIn's"),
        ("other.csv", b"name,email\nAnna,a@b.c\n", ":1: no header line found; LinkedIn's Connections.csv has"),
    ],
)
def test_a_csv_that_cannot_be_read_is_one_clear_line(
    run: Run, vault: Path, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    export = tmp_path / name
    export.write_bytes(data)
    result = run_import(run, vault, "linkedin", str(export), code=1)
    assert result.stderr.startswith(f"Error: {export}{message}")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output


def test_utf16_from_a_spreadsheet_is_read(run: Run, vault: Path, tmp_path: Path) -> None:
    export = tmp_path / "c.csv"
    export.write_bytes("First Name,Last Name,Company\nZoë,Ångström,Stripe\n".encode("utf-16"))
    assert actions(run_import(run, vault, "linkedin", str(export), "--format", "json")) == [("create", "Zoë Ångström")]


@pytest.mark.parametrize(
    ("text", "message", "code"),
    [
        ("FN:Anna Lee\n", ":1: no BEGIN:VCARD line; export your contacts as a vCard (.vcf) file", 1),
        ("BEGIN:VCARD\nVERSION:3.0\nFN:Anna Lee\n", ":1: warning: this vCard never ends (no END:VCARD line)", 0),
        (
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ok\nEND:VCARD\nBEGIN:VCARD\nnot a property\nEND:VCARD\n",
            ":5: warning: this vCard cannot be read (Failed to parse line: not a property); left out",
            0,
        ),
    ],
)
def test_a_bad_vcard_names_its_line(run: Run, vault: Path, tmp_path: Path, text: str, message: str, code: int) -> None:
    export = tmp_path / "bad.vcf"
    export.write_text(text, encoding="utf-8")
    result = run_import(run, vault, "vcard", str(export), code=code)
    assert f"{export}{message}" in result.stderr and "Traceback" not in result.output


def test_a_missing_file_is_an_error_not_a_traceback(run: Run, vault: Path, tmp_path: Path) -> None:
    result = run_import(run, vault, "vcard", str(tmp_path / "nope.vcf"), code=1)
    assert "nope.vcf: cannot read it" in result.stderr


NAMES = st.sampled_from(["Anna Lee", "anna lee", "Zoë Ångström", "ZOE ANGSTROM", "Ben  Carter", "Lucía Fernández"])
EMAILS = st.sampled_from([None, "a@x.org", "A@X.org", "b@y.org"])
URLS = st.sampled_from([None, "https://www.linkedin.com/in/a", "linkedin.com/in/A/", "https://linkedin.com/in/b"])
CONTACTS = st.lists(st.tuples(NAMES, EMAILS, URLS), max_size=12)


def _note(name: str, email: str | None, url: str | None) -> Note:
    properties = {"type": "person", "email": email, "linkedin": url}
    return Note(f"People/{name}.md", "person", {key: value for key, value in properties.items() if value})


@settings(max_examples=examples(200), deadline=None)
@given(existing=CONTACTS, incoming=CONTACTS, update=st.booleans())
def test_import_never_duplicates_a_person(
    existing: list[tuple[str, str | None, str | None]],
    incoming: list[tuple[str, str | None, str | None]],
    update: bool,
) -> None:
    people = {plain(name): _note(name, email, url) for name, email, url in existing}
    contacts = [
        Contact(name=name, line=line, email=email, linkedin=url) for line, (name, email, url) in enumerate(incoming, 1)
    ]
    steps = plan_import(contacts, people.values(), update)
    created = [step for step in steps if step.action == "create"]
    assert len({plain(step.name) for step in created}) == len(created)
    assert not {plain(step.name) for step in created} & set(people)
    # Whatever was created is found the next time: importing the same export again creates nothing.
    after = [*people.values(), *(_note(s.name, s.contact.email, s.contact.linkedin) for s in created)]
    assert [step.action for step in plan_import(contacts, after, update) if step.action == "create"] == []
    # Each existing note is touched at most once per import.
    touched = [step.name for step in steps if step.action in ("update", "exists")]
    assert len(touched) == len(set(touched))


def test_an_unreadable_note_in_the_way_is_named_and_the_rest_imported(run: Run, vault: Path, exports: Path) -> None:
    broken = write_note(vault, "People/Anna Lee.md", "---\ntitle: Re: intro\n---\n")
    result = run_import(run, vault, "linkedin", str(exports / "Connections.csv"), "--write")
    assert "warning: People/Anna Lee.md is already there but is no person infoview can read" in result.stderr
    assert broken.read_text() == "---\ntitle: Re: intro\n---\n"
    assert (vault / "People" / "Carl Diaz.md").exists()


def test_a_csv_saved_again_with_semicolons_is_read(run: Run, vault: Path, tmp_path: Path) -> None:
    export = tmp_path / "c.csv"
    export.write_text("First Name;Last Name;Company\nAnna;Lee;Acme, Inc.\n", encoding="utf-8")
    data = json.loads(run_import(run, vault, "linkedin", str(export), "--format", "json").stdout)
    assert [(step["name"], step["properties"]["company"]) for step in data["steps"]] == [("Anna Lee", "Acme, Inc.")]


def test_an_imported_person_is_the_note_person_add_makes(run: Run, vault: Path, tmp_path: Path, exports: Path) -> None:
    run_import(run, vault, "linkedin", str(exports / "Connections.csv"), "--name", "ben", "--write")
    by_hand = tmp_path / "by-hand"
    (by_hand / ".infoview").mkdir(parents=True)
    options = {
        "--company": "Roche",
        "--title": "Process Engineer, Biologics",
        "--email": "ben.carter@example.com",
        "--linkedin": "https://www.linkedin.com/in/bencarter",
        "--source": "LinkedIn",
        "--connection": "LinkedIn connection since 2024-01-15",
    }
    added = run(
        "--vault", str(by_hand), "person", "add", "Ben Carter", *[part for pair in options.items() for part in pair]
    )
    assert added.exit_code == 0, added.output
    assert (vault / "People" / "Ben Carter.md").read_bytes() == (by_hand / "People" / "Ben Carter.md").read_bytes()


def test_update_passes_over_a_note_it_cannot_edit_safely(run: Run, vault: Path, exports: Path) -> None:
    text = "---\ntype: person\ntitle:\n---\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> phone\n"
    conflicted = write_note(vault, "People/Ben Carter.md", text)
    write_note(vault, "People/Anna Lee.md", "---\ntype: person\n---\n")
    result = run_import(run, vault, "linkedin", str(exports / "Connections.csv"), "--update", "--write")
    assert "warning: People/Ben Carter.md:5: " in result.stderr and "nothing was changed" in result.stderr
    assert conflicted.read_text() == text
    assert "company: Initech\n" in (vault / "People" / "Anna Lee.md").read_text()
