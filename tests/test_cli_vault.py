"""init, index, ls and check as a user runs them."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import write_note

Run = Callable[..., Result]


def small_vault(vault: Path) -> Path:
    write_note(
        vault,
        "People/Anna Lee.md",
        '---\ntype: person\ncompany: Acme\ntitle: "Director, Process Development"\nbreadth: deep\n'
        'tags: [pharma, "#Warm/Intro"]\nreferred_by: "[[Bob Chen]]"\nzip: 01234\n---\nAnna.\n',
    )
    write_note(vault, "People/Bob Chen.md", "---\ntype: person\ncompany: Initech\nsource: alumni page\n---\n")
    write_note(vault, "People/Carl Diaz.md", '---\ncompany: acme\nreferred_by: "[[Anna Lee]]"\n---\n')
    write_note(
        vault,
        "Interviews/2024-03-05 Anna Lee.md",
        '---\ntype: interview\nperson: "[[Anna Lee]]"\ndate: 2024-03-05T15:00\nstatus: done\n'
        'referrals:\n  - "[[Carl Diaz]]"\n---\n',
    )
    write_note(
        vault,
        "Interviews/2024-06-01 Bob Chen.md",
        '---\ntype: interview\nperson: "[[Bob Chen]]"\ndate: 2024-06-01\nstatus: planned\n---\n',
    )
    write_note(
        vault,
        "Outreach/2024-02-01 Anna Lee.md",
        '---\ntype: outreach\nperson: "[[Anna Lee]]"\ndate: 2024-02-01\nstatus: scheduled\n---\nHi Anna\n',
    )
    write_note(vault, "Home.md", "# Home\n")
    return vault


class TestInit:
    def test_makes_a_vault_that_commands_find_from_subfolders(self, run: Run, tmp_path: Path) -> None:
        result = run("init", str(tmp_path / "career"))
        assert result.exit_code == 0, result.output
        career = tmp_path / "career"
        assert (career / ".infoview" / "config.toml").is_file()
        assert (
            career / ".infoview" / ".gitignore"
        ).read_text() == "*\n!.gitignore\n!config.toml\n!templates/\n!templates/**\n"
        assert all((career / folder).is_dir() for folder in ("People", "Interviews", "Outreach"))
        write_note(career, "People/Anna.md", "---\ntype: person\n---\n")
        result = run("ls", "--format", "json", cwd=career / "People")
        assert result.exit_code == 0, result.output
        assert [note["name"] for note in json.loads(result.stdout)] == ["Anna"]

    def test_refuses_an_existing_vault_and_changes_nothing(self, run: Run, vault: Path) -> None:
        before = (vault / ".infoview" / "config.toml").read_bytes()
        result = run("init", str(vault))
        assert result.exit_code == 1
        assert "already a vault" in result.stderr and "Traceback" not in result.output
        assert (vault / ".infoview" / "config.toml").read_bytes() == before

    def test_keeps_existing_notes_and_folders(self, run: Run, tmp_path: Path) -> None:
        write_note(tmp_path / "obsidian", "people/Old.md", "---\ncompany: X\n---\n")
        assert run("init", str(tmp_path / "obsidian")).exit_code == 0
        assert not (tmp_path / "obsidian" / "People").exists()
        assert (tmp_path / "obsidian" / "people" / "Old.md").read_text() == "---\ncompany: X\n---\n"

    def test_caches_stay_out_of_git(self, run: Run, tmp_path: Path) -> None:
        import subprocess

        career = tmp_path / "career"
        run("init", str(career))
        write_note(career, "People/Anna.md", "---\ntype: person\n---\n")
        run("index", cwd=career)
        subprocess.run(["git", "init", "-q", str(career)], check=True)
        subprocess.run(["git", "-C", str(career), "add", "-A"], check=True)
        tracked = subprocess.run(["git", "-C", str(career), "ls-files"], check=True, capture_output=True, text=True)
        assert sorted(tracked.stdout.split("\n")[:-1]) == [
            ".infoview/.gitignore",
            ".infoview/config.toml",
            "People/Anna.md",
        ]

    def test_reading_a_folder_that_is_not_a_vault_leaves_git_status_clean(self, run: Run, tmp_path: Path) -> None:
        import subprocess

        notes = tmp_path / "notes"
        write_note(notes, "People/Anna.md", "---\ntype: person\n---\n")
        subprocess.run(["git", "init", "-q", str(notes)], check=True)
        subprocess.run(["git", "-C", str(notes), "add", "-A"], check=True)
        for command in (["index"], ["ls"], ["check"], ["due"], ["report"], ["referrals"]):
            assert run("--vault", str(notes), *command).exit_code == 0, command
        status = subprocess.run(["git", "-C", str(notes), "status", "--porcelain"], capture_output=True, text=True)
        assert status.stdout == "A  People/Anna.md\n"
        assert run("init", str(notes)).exit_code == 0  # made a vault: its config is tracked, the cache not
        status = subprocess.run(
            ["git", "-C", str(notes), "status", "--porcelain", "-uall"], capture_output=True, text=True
        )
        assert status.stdout.splitlines() == [
            "A  People/Anna.md",
            "?? .infoview/.gitignore",
            "?? .infoview/config.toml",
        ]


class TestIndex:
    def test_first_and_second_run(self, run: Run, vault: Path) -> None:
        small_vault(vault)
        first = run("--vault", str(vault), "index")
        assert first.exit_code == 0
        assert first.stdout.splitlines()[:2] == [
            "7 notes (3 people, 2 interviews, 1 outreach, 1 other)",
            "read all 7 files",
        ]
        second = run("--vault", str(vault), "index")
        assert "nothing changed since the last run" in second.stdout

    def test_reports_problems_on_stderr_and_exits_zero(self, run: Run, vault: Path) -> None:
        small_vault(vault)
        write_note(vault, "People/Broken.md", "---\ntitle: Re: intro\n---\n")
        result = run("--vault", str(vault), "index")
        assert result.exit_code == 0
        assert "People/Broken.md:2: error: invalid YAML" in result.stderr
        assert "1 left out, 1 error, 0 warnings" in result.stdout

    def test_json_counts_changes(self, run: Run, vault: Path) -> None:
        small_vault(vault)
        run("--vault", str(vault), "index")
        os.utime(vault / "Home.md", ns=(0, 0))
        (vault / "People" / "Bob Chen.md").unlink()
        data = json.loads(run("--vault", str(vault), "index", "--format", "json").stdout)
        assert data["deleted"] == ["People/Bob Chen.md"] and data["modified"] == ["Home.md"]
        assert data["counts"] == {"person": 2, "interview": 2, "outreach": 1, "other": 1}

    def test_bad_config_is_an_error_naming_file_line_and_key(self, run: Run, vault: Path) -> None:
        (vault / ".infoview" / "config.toml").write_text('followup_days = 90\n\n[[goals]]\nper = "day"\n')
        result = run("--vault", str(vault), "index")
        assert result.exit_code == 1
        assert result.stderr.strip() == 'Error: .infoview/config.toml:4: goals.per: must be "week" or "month"'

    @pytest.mark.parametrize(
        ("folder", "said"),
        [
            ("People ", "a name cannot start with a space or end with a space or a dot"),
            ("CON", "CON is a reserved device"),
        ],
    )
    def test_folder_names_windows_cannot_hold_are_refused(self, run: Run, vault: Path, folder: str, said: str) -> None:
        (vault / ".infoview" / "config.toml").write_text(f'[folders]\npeople = "{folder}"\n')
        result = run("--vault", str(vault), "index")
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: .infoview/config.toml:2: folders.people: '{folder}': {said}")

    def test_vault_option_after_the_command(self, run: Run, vault: Path) -> None:
        small_vault(vault)
        assert run("index", "--vault", str(vault)).exit_code == 0
        assert len(json.loads(run("ls", "--format", "json", f"--vault={vault}").stdout)) == 7

    def test_outside_a_vault(self, run: Run, tmp_path: Path) -> None:
        result = run("index", cwd=tmp_path)
        assert result.exit_code == 1
        assert "no vault at or above" in result.stderr and "infoview init" in result.stderr

    def test_plain_folder_given_explicitly_works_and_gets_a_cache(self, run: Run, tmp_path: Path) -> None:
        write_note(tmp_path / "plain", "People/Anna.md", "---\ncompany: Acme\n---\n")
        result = run("--vault", str(tmp_path / "plain"), "index")
        assert result.exit_code == 0 and "1 note (1 person)" in result.stdout
        assert (tmp_path / "plain" / ".infoview" / ".gitignore").is_file()
        assert not (tmp_path / "plain" / ".infoview" / "config.toml").exists()


class TestLs:
    def test_json_gives_tags_and_aliases_as_lists_however_written(self, run: Run, vault: Path) -> None:
        write_note(vault, "People/Anna.md", "---\ntype: person\ntags: person\naliases: Annie\n---\n")
        write_note(vault, "People/Bob.md", "---\ntype: person\ntags: [a, b]\naliases:\n---\n")
        notes = {note["name"]: note for note in json.loads(run("--vault", str(vault), "ls", "--format", "json").stdout)}
        assert notes["Anna"]["properties"] == {"type": "person", "tags": ["person"], "aliases": ["Annie"]}
        assert notes["Bob"]["properties"] == {"type": "person", "tags": ["a", "b"], "aliases": None}

    def test_json_shape(self, run: Run, vault: Path) -> None:
        small_vault(vault)
        result = run("--vault", str(vault), "ls", "--type", "person", "--where", "company=Acme", "--format", "json")
        assert result.exit_code == 0
        assert json.loads(result.stdout) == [
            {
                "path": "People/Anna Lee.md",
                "type": "person",
                "name": "Anna Lee",
                "properties": {
                    "type": "person",
                    "company": "Acme",
                    "title": "Director, Process Development",
                    "breadth": "deep",
                    "tags": ["pharma", "#Warm/Intro"],
                    "referred_by": "[[Bob Chen]]",
                    "zip": "01234",
                },
            },
            {
                "path": "People/Carl Diaz.md",
                "type": "person",
                "name": "Carl Diaz",
                "properties": {"company": "acme", "referred_by": "[[Anna Lee]]"},
            },
        ]

    def test_filters(self, run: Run, vault: Path) -> None:
        small_vault(vault)

        def names(*args: str) -> list[str]:
            result = run("--vault", str(vault), "ls", *args, "--format", "json")
            assert result.exit_code == 0, result.output
            return [note["name"] for note in json.loads(result.stdout)]

        assert names("--type", "interview", "--status", "done") == ["2024-03-05 Anna Lee"]
        assert names("--tag", "warm") == ["Anna Lee"]
        assert names("--tag", "#WARM/intro") == ["Anna Lee"]
        assert names("--where", "referred_by=bob chen") == ["Anna Lee"]
        assert names("--where", "referrals=Carl Diaz") == ["2024-03-05 Anna Lee"]
        assert names("--since", "2024-03-01", "--until", "2024-12-31") == ["2024-03-05 Anna Lee", "2024-06-01 Bob Chen"]
        assert names("--where", "date>=2024-03-05", "--type", "interview") == [
            "2024-03-05 Anna Lee",
            "2024-06-01 Bob Chen",
        ]
        assert names("--where", "date<2024-03-05T16:00") == ["2024-03-05 Anna Lee", "2024-02-01 Anna Lee"]
        assert names("--where", "date<2024-03-05T14:00") == ["2024-02-01 Anna Lee"]
        assert names("--where", "source~alumni") == ["Bob Chen"]
        assert names("--where", "company=", "--type", "person") == []
        assert names("--where", "source=", "--type", "person") == ["Anna Lee", "Carl Diaz"]
        assert names("--where", "zip=01234") == ["Anna Lee"]
        write_note(vault, "People/Dan.md", "---\ntype: person\nreferred_by: [[anna lee]]\n---\n")
        assert names("--where", "referred_by=Anna Lee") == ["Carl Diaz", "Dan"]
        assert names("--type", "other") == ["Home"]

    def test_links_match_through_aliases_and_unknown_types_are_refused(self, run: Run, vault: Path) -> None:
        write_note(vault, "People/Siobhán O'Brien.md", "---\ntype: person\naliases: [Shiv]\n---\n")
        for number, link in enumerate(("[[Siobhán O'Brien]]", "[[Shiv]]", "[[siobhán o'brien|S]]")):
            write_note(
                vault,
                f"Interviews/2024-0{number + 1}-01 S.md",
                f'---\ntype: interview\nperson: "{link}"\ndate: 2024-0{number + 1}-01\n---\n',
            )
        result = run("--vault", str(vault), "ls", "--where", "person=Siobhán O'Brien", "--format", "json")
        assert len(json.loads(result.stdout)) == 3
        table = run("--vault", str(vault), "ls", "--type", "interview", env={"COLUMNS": "120"}).stdout
        assert table.count("Siobhán O'Brien") == 3
        bad = run("--vault", str(vault), "ls", "--type", "persons")
        assert bad.exit_code == 2 and "one of person, interview, outreach" in bad.stderr

    def test_table_fits_the_terminal(self, run: Run, vault: Path) -> None:
        small_vault(vault)
        wide = run("--vault", str(vault), "ls", env={"COLUMNS": "120"}).stdout.splitlines()
        assert wide[0].split() == ["NAME", "TYPE", "DATE", "STATUS", "DETAIL"]
        result = run("--vault", str(vault), "ls", env={"COLUMNS": "50"})
        lines = result.stdout.splitlines()
        assert lines[0].split()[0] == "NAME" and len(lines) == 8 and all(len(line) <= 50 for line in lines)
        assert "\x1b[" not in result.output

    def test_dates_compare_by_day_and_match_however_written(self, run: Run, vault: Path) -> None:
        small_vault(vault)

        def names(*args: str) -> list[str]:
            return [n["name"] for n in json.loads(run("--vault", str(vault), "ls", *args, "--format", "json").stdout)]

        assert names("--where", "date<=2024-03-05", "--type", "interview") == ["2024-03-05 Anna Lee"]
        assert names("--where", "date>2024-03-05", "--type", "interview") == ["2024-06-01 Bob Chen"]
        assert names("--where", "date=2024-03-05", "--type", "interview") == ["2024-03-05 Anna Lee"]
        assert names("--where", "date=2024-03-05T15:00") == ["2024-03-05 Anna Lee"]
        write_note(vault, "People/Meta.md", "---\ntype: person\nmeta:\n  site: x\n---\n")
        assert names("--where", "meta!=") == ["Meta"]

    def test_a_pipe_gets_whole_rows(self, run: Run, vault: Path) -> None:
        small_vault(vault)
        title = "Senior Director of Process Development and Manufacturing Science, Biologics and Vaccines"
        write_note(vault, "People/Long.md", f"---\ntype: person\ntitle: {title}\n---\n")
        output = run("--vault", str(vault), "ls").stdout
        assert title in output and "2024-03-05 15:00" in output

    def test_bad_filter_is_a_usage_error(self, run: Run, vault: Path) -> None:
        result = run("--vault", str(vault), "ls", "--where", "company")
        assert result.exit_code == 2 and "write KEY=VALUE" in result.stderr
        result = run("--vault", str(vault), "ls", "--since", "last week")
        assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


class TestCheck:
    def test_clean_vault(self, run: Run, vault: Path) -> None:
        small_vault(vault)
        result = run("--vault", str(vault), "check")
        assert result.exit_code == 0 and result.stdout == ""
        assert "checked 7 notes: no problems" in result.stderr

    def test_errors_exit_one_with_file_line_and_fix(self, run: Run, vault: Path) -> None:
        small_vault(vault)
        write_note(vault, "People/Eve.md", "---\ntype: person\nname: Eve\nname: Evelyn\n---\n")
        write_note(vault, "People/Dan.md", "---\ntype: person\nreferred_by: [[Anna Lee]]\n---\n")
        result = run("--vault", str(vault), "check")
        assert result.exit_code == 1
        assert result.stdout.splitlines() == [
            'People/Dan.md:3: warning: referred_by: write the link in quotes, "[[Anna Lee]]", '
            "or YAML reads it as a list",
            "People/Eve.md:4: error: property 'name' is written twice (first on line 3); keep one of them; "
            "the note is left out until this is fixed",
        ]

    def test_warnings_pass_unless_strict(self, run: Run, vault: Path) -> None:
        small_vault(vault)
        write_note(vault, "People/Dan.md", "---\ntype: person\nreferred_by: Anna Lee\n---\n")
        assert run("--vault", str(vault), "check").exit_code == 0
        assert run("--vault", str(vault), "check", "--strict").exit_code == 1

    def test_folders_and_missing_paths(self, run: Run, vault: Path) -> None:
        write_note(vault, "People/Eve.md", "---\ntype: person\nbreadth: narrow\n---\n")
        write_note(vault, "People/Bad.md", "---\ntitle: Re: x\n---\n")
        folder = run("check", "People", cwd=vault)
        assert folder.exit_code == 1 and "People/Bad.md:2" in folder.stdout and "People/Eve.md:3" in folder.stdout
        missing = run("check", "People/Nobody.md", cwd=vault)
        assert missing.exit_code == 2 and "no such file" in missing.stderr

    def test_a_link_to_a_note_that_cannot_be_read_says_so(self, run: Run, vault: Path) -> None:
        write_note(vault, "People/Tobias.md", "---\ntype: person\n<<<<<<< a\nx: 1\n=======\nx: 2\n>>>>>>> b\n---\n")
        write_note(vault, "People/Priya.md", '---\ntype: person\nreferred_by: "[[Tobias]]"\n---\n')
        result = run("--vault", str(vault), "check")
        assert (
            'People/Priya.md:3: warning: referred_by: "[[Tobias]]" is People/Tobias.md, which cannot be read'
            in result.stdout
        )
        assert "person add" not in result.stdout

    def test_json_and_paths(self, run: Run, vault: Path) -> None:
        small_vault(vault)
        write_note(vault, "People/Dan.md", "---\ntype: person\nreferred_by: Anna Lee\n---\n")
        write_note(vault, "People/Eve.md", "---\ntype: person\nbreadth: narrow\n---\n")
        result = run("check", "--format", "json", "People/Eve.md", cwd=vault)
        assert json.loads(result.stdout) == [
            {
                "path": "People/Eve.md",
                "line": 3,
                "severity": "warning",
                "message": "breadth: narrow is not one of deep, wide, random",
            }
        ]

    def test_no_color_when_piped_or_asked(self, run: Run, vault: Path) -> None:
        write_note(vault, "People/Eve.md", "---\ntype: person\nbreadth: narrow\n---\n")
        assert "\x1b[" not in run("--vault", str(vault), "check").output
        assert "\x1b[" not in run("--vault", str(vault), "check", env={"NO_COLOR": "1"}).output


class TestInitInAnExistingVault:
    def test_a_folder_of_notes_gets_no_empty_folders(self, run: Run, tmp_path: Path) -> None:
        write_note(tmp_path / "crm", "Meetings/2025-01-10 Tom.md", "---\nDate: 2025-01-10\n---\n")
        result = run("init", str(tmp_path / "crm"))
        assert result.exit_code == 0, result.output
        assert sorted(path.name for path in (tmp_path / "crm").iterdir()) == [".infoview", "Meetings"]

    def test_a_folder_inside_a_vault_is_refused(self, run: Run, vault: Path) -> None:
        result = run("init", str(vault / "Projects"))
        assert result.exit_code == 1 and f"is inside the vault {vault.resolve()}" in result.stderr
        assert not (vault / "Projects").exists()
