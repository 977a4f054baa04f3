"""person add, reach, new and done: the weekly loop as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import Result
from conftest import isolate, runner
from helpers import write_note

Run = Callable[..., Result]

CONFIG = """[me]
name = "Julie Moreau"
intro = "A physics PhD student moving toward pharmaceutical manufacturing"
bio = "Physicist, six years of measurement work; now looking at process analytics."
availability = "Mondays 9-12 and Wednesdays after 14:00 (CET)"

[pitches]
scientist = "The physicist who makes processes measurable"
builder = "I build instruments and the software around them"
"""


@pytest.fixture(scope="session")
def julie_as_set_up(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Julie's vault after init and two people added, made once through the CLI; tests get copies."""
    career = tmp_path_factory.mktemp("julie") / "career"
    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate(monkeypatch, tmp_path_factory.mktemp("home"))
        run = runner(monkeypatch)
        assert run("init", str(career)).exit_code == 0
        (career / ".infoview" / "config.toml").write_text(CONFIG, encoding="utf-8")
        assert (
            run(
                "--vault", str(career), "person", "add", "Bob Chen", "--company", "Initech", "--source", "alumni page"
            ).exit_code
            == 0
        )
        result = run(
            "--vault",
            str(career),
            "person",
            "add",
            "Anna Lee",
            "--company",
            "Acme",
            "--title",
            "Director, Process Development",
            "--referred-by",
            "bob chen",
            "--connection",
            "same PhD lab, 10 years apart",
            "--breadth",
            "wide",
            "--industry",
            "pharmaceuticals",
        )
        assert result.exit_code == 0, result.output
    return career


@pytest.fixture
def julie(julie_as_set_up: Path, tmp_path: Path) -> Path:
    """A private copy of Julie's vault, without the index cache (as if it had not been read yet)."""
    career = tmp_path / "career"
    shutil.copytree(julie_as_set_up, career, ignore=shutil.ignore_patterns("cache"))
    return career


def test_person_add_writes_a_readable_person(run: Run, julie: Path) -> None:
    text = (julie / "People" / "Anna Lee.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntype: person\ncompany: Acme\ntitle: Director, Process Development\n")
    assert 'referred_by: "[[Bob Chen]]"' in text and "breadth: wide" in text
    notes = json.loads(run("--vault", str(julie), "ls", "--type", "person", "--format", "json").stdout)
    anna = next(note for note in notes if note["name"] == "Anna Lee")
    assert anna["properties"]["connection"] == "same PhD lab, 10 years apart"
    assert run("--vault", str(julie), "check", "--strict").exit_code == 0


@pytest.mark.parametrize("name", ["anna lee", "ANNA LEE", "Anna Lee"])
def test_person_add_never_overwrites(run: Run, julie: Path, name: str) -> None:
    before = (julie / "People" / "Anna Lee.md").read_bytes()
    result = run("--vault", str(julie), "person", "add", name)
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert (julie / "People" / "Anna Lee.md").read_bytes() == before
    assert sorted(path.name for path in (julie / "People").iterdir()) == ["Anna Lee.md", "Bob Chen.md"]


def test_an_unreadable_note_still_takes_its_name(run: Run, julie: Path) -> None:
    write_note(julie, "People/carl diaz.md", '---\ncompany: "unclosed\n---\n')
    result = run("--vault", str(julie), "person", "add", "Carl Diaz")
    assert result.exit_code == 1 and "People/carl diaz.md already exists" in result.stderr


def _unmeasured() -> dict[str, str]:
    """The environment without coverage's start-up variables: a process allowed files of 2 KiB only
    cannot also save coverage data, and would print coverage's complaint on stderr."""
    return {name: value for name, value in os.environ.items() if not name.startswith("COVERAGE_")}


def test_a_failed_write_leaves_no_half_note(julie: Path) -> None:
    import resource
    import signal
    import subprocess
    import sys

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    command = [
        str(Path(sys.executable).with_name("infoview")),
        "--vault",
        str(julie),
        "person",
        "add",
        "Dana Wu",
        "--connection",
        "x" * 3000,
    ]
    result = subprocess.run(command, capture_output=True, text=True, preexec_fn=small_files, env=_unmeasured())
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not (julie / "People" / "Dana Wu.md").exists()
    assert not [path for path in (julie / "People").iterdir() if path.name.startswith(".")]


def test_unicode_forms_collide(run: Run, julie: Path) -> None:
    assert run("--vault", str(julie), "person", "add", "Zo\u00eb").exit_code == 0
    result = run("--vault", str(julie), "person", "add", "Zoe\u0308")
    assert result.exit_code == 1 and "already exists" in result.stderr


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../../escaped", "/"),
        ("a/b", "/"),
        ("/abs/olute", "/"),
        ("Anna: CTO", ":"),
        ("Who?", "?"),
        ("CON", "reserved"),
        ("nul.txt", "reserved"),
        ("trailing. ", "space"),
        ("trailing.", "dot"),
        (".hidden", "dot"),
        ("", "empty"),
        ("   ", "empty"),
        ("a\tb", "U+0009"),
        ("a\nb", "line break"),
        ("x" * 260, "too long"),
        ("é" * 130, "too long"),
        ("[[Anna]]", "[ ]"),
        ("A#B", "#"),
        ("A^B", "^"),
        ("A|B", "|"),
        ('say "hi"', '"'),
        ("a*b", "*"),
        ("a<b>", "<"),
        ("50%% off", "%%"),
        ("a\\b", "\\"),
        ("x" * 230, "too long"),  # with .md, fits 255 bytes, but not with the temporary file's additions
        ("Anna Lee.md", "without .md"),
        ("COM\u00b9", "reserved"),
        ("CONIN$", "reserved"),
        ("conout$.x", "reserved"),
        ("Anna\u202eeeL", "U+202E"),
        ("An\u200bna", "U+200B"),
        ("\udcff\udcfe", "not valid UTF-8"),  # what Python makes of the bytes ff fe in argv
    ],
)
def test_bad_names_create_nothing(run: Run, julie: Path, name: str, words: str) -> None:
    before = sorted(path.relative_to(julie) for path in julie.rglob("*") if ".infoview" not in path.parts)
    result = run("--vault", str(julie), "person", "add", name)
    assert result.exit_code == 2, result.output
    assert words in result.stderr and "Traceback" not in result.output
    after = sorted(path.relative_to(julie) for path in julie.rglob("*") if ".infoview" not in path.parts)
    assert before == after
    assert not (julie.parent / "escaped.md").exists()


def test_the_longest_name_allowed_can_be_created(run: Run, julie: Path) -> None:
    from infoview.adapters.atomic import temp_path_for
    from infoview.core.making import MAX_NAME_BYTES, TEMP_NAME_EXTRA

    target = julie / "People" / f"{'x' * (MAX_NAME_BYTES - 3)}.md"
    assert len(temp_path_for(target).name) == len(target.name) + TEMP_NAME_EXTRA == 255
    result = run("--vault", str(julie), "person", "add", target.stem)
    assert result.exit_code == 0 and target.is_file()
    persian = "\u0645\u0647\u200c\u0646\u0627\u0632"  # a name that needs the zero-width non-joiner
    assert run("--vault", str(julie), "person", "add", persian).exit_code == 0


def test_option_with_a_newline_is_refused(run: Run, julie: Path) -> None:
    result = run("--vault", str(julie), "person", "add", "Eve", "--company", 'Acme\nreferred_by: "[[Mallory]]"')
    assert result.exit_code == 2 and "--company" in result.stderr
    assert not (julie / "People" / "Eve.md").exists()


def test_risky_values_are_quoted_not_injected(run: Run, julie: Path) -> None:
    result = run(
        "--vault",
        str(julie),
        "person",
        "add",
        "Eve",
        "--company",
        "Re: Acme #1",
        "--title",
        "no",
        "--var",
        "zip=01234",
        "--var",
        "handle=@eve",
        "--location",
        "[[Paris]]",
    )
    assert result.exit_code == 0, result.output
    notes = json.loads(run("--vault", str(julie), "ls", "--where", "zip=01234", "--format", "json").stdout)
    assert [note["path"] for note in notes] == ["People/Eve.md"]
    properties = notes[0]["properties"]
    assert (
        properties["company"],
        properties["title"],
        properties["zip"],
        properties["handle"],
        properties["location"],
    ) == ("Re: Acme #1", "no", "01234", "@eve", "[[Paris]]")
    assert run("--vault", str(julie), "check").exit_code == 0  # every value reads as valid YAML


class TestReach:
    def test_message_has_who_what_and_a_plan(self, run: Run, julie: Path) -> None:
        result = run("--vault", str(julie), "reach", "Anna Lee", "--today", "2026-11-20")
        assert result.exit_code == 0, result.output
        message = result.stdout
        greeting, body, closing = message.split("\n\n")
        assert greeting == "Hi Anna,"
        # Three sentences, as the practice asks: who you are, what you want, a plan with your availability.
        sentences = [
            sentence for sentence in body.replace("(CET).", "(CET)|").replace(". ", ".|").split("|") if sentence
        ]
        assert len(sentences) == 3, sentences
        assert sentences[0] == (
            "I am a physics PhD student moving toward pharmaceutical manufacturing, "
            "and Bob Chen suggested I write to you."
        )
        assert "how you came to be a Director, Process Development at Acme" in sentences[1]
        assert "not for a job" in sentences[1]
        assert "30 minutes" in sentences[2] and "Mondays 9-12 and Wednesdays after 14:00 (CET)" in sentences[2]
        assert 45 <= len(body.split()) <= 75
        assert closing.rstrip() == "Thank you,\nJulie Moreau"
        note = (julie / "Outreach" / "2026-11-20 Anna Lee.md").read_text(encoding="utf-8")
        assert note.startswith('---\ntype: outreach\nperson: "[[Anna Lee]]"\nchannel: email\nstatus: draft\n---\n')

    def test_the_draft_is_shown_again_and_marked_sent(self, run: Run, julie: Path) -> None:
        first = run("--vault", str(julie), "reach", "Anna Lee", "--today", "2026-11-20")
        again = run("--vault", str(julie), "reach", "Anna Lee", "--today", "2026-11-22")
        assert again.exit_code == 0 and again.stdout == first.stdout and "draft waiting" in again.stderr
        sent = run("--vault", str(julie), "reach", "Anna Lee", "--sent", "--today", "2026-11-23")
        assert sent.exit_code == 0 and "recorded as sent" in sent.stderr
        assert [path.name for path in (julie / "Outreach").iterdir()] == ["2026-11-20 Anna Lee.md"]
        note = (julie / "Outreach" / "2026-11-20 Anna Lee.md").read_text(encoding="utf-8")
        assert "status: sent\n" in note and "date: 2026-11-23\n" in note

    @pytest.mark.parametrize(
        ("intro", "opening"),
        [
            ("A physics PhD student", "I am a physics PhD student."),
            ("PhD student in chemistry at ETH", "I am PhD student in chemistry at ETH."),
            ("I'm a chemist.", "I'm a chemist."),
            ("The new process engineer at Acme", "I am the new process engineer at Acme."),
        ],
    )
    def test_the_intro_reads_as_a_sentence(self, run: Run, julie: Path, intro: str, opening: str) -> None:
        config = julie / ".infoview" / "config.toml"
        config.write_text(CONFIG.replace("A physics PhD student moving toward pharmaceutical manufacturing", intro))
        assert opening in run("--vault", str(julie), "reach", "Bob Chen").stdout

    def test_connection_opens_without_a_referrer(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "person", "add", "Cleo", "--connection", "the same university")
        message = run("--vault", str(julie), "reach", "Cleo", "--today", "2026-11-20").stdout
        assert message.startswith(
            "Hi Cleo,\n\nI am a physics PhD student moving toward pharmaceutical manufacturing, and "
        )
        assert "we have this in common: the same university." in message

    def test_sent_records_the_date(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "reach", "Anna Lee", "--sent", "--today", "2026-11-20", "--channel", "linkedin")
        note = (julie / "Outreach" / "2026-11-20 Anna Lee.md").read_text(encoding="utf-8")
        assert "date: 2026-11-20\nchannel: linkedin\nstatus: sent\n" in note
        report = json.loads(run("--vault", str(julie), "report", "--today", "2026-11-21", "--format", "json").stdout)
        assert report["outreach"]["sent"] == 1

    def test_a_near_miss_suggests_the_person(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "person", "add", "Zoë Ångström")
        for typed in ("bob", "Zoe", "Anna Le"):
            result = run("--vault", str(julie), "reach", typed)
            assert result.exit_code == 2 and "did you mean" in result.stderr
        assert "did you mean Zoë Ångström?" in run("--vault", str(julie), "reach", "zoe angstrom").stderr
        assert "did you mean Bob Chen?" in run("--vault", str(julie), "new", "Bob Chne", "--date", "2026-12-01").stderr

    def test_unknown_person(self, run: Run, julie: Path) -> None:
        result = run("--vault", str(julie), "reach", "Nobody")
        assert result.exit_code == 2 and "infoview person add Nobody" in result.stderr


class TestNew:
    def test_prep_sheet(self, run: Run, julie: Path) -> None:
        write_note(
            julie,
            "Interviews/2025-05-01 Bob Chen.md",
            '---\ntype: interview\nperson: "[[Bob Chen]]"\ndate: 2025-05-01\nstatus: done\n---\n'
            "## Takeaways\n- Initech hires process people from physics\n",
        )
        write_note(julie, "People/Bob Chen.md", "---\ntype: person\ncompany: Acme\n---\n")
        result = run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03T15:00", "--pitch", "scientist")
        assert result.exit_code == 0, result.output
        text = (julie / "Interviews" / "2026-12-03 Anna Lee.md").read_text(encoding="utf-8")
        front, body = text.split("\n---\n", 1)
        assert "date: 2026-12-03T15:00\nstatus: planned\nduration: 30" in front and "pitch: scientist" in front
        lines = body.splitlines()
        assert lines[0] == "# 2026-12-03 15:00 · Anna Lee"
        assert lines[1] == "**Director, Process Development, Acme**"
        assert "- Point of connection: same PhD lab, 10 years apart" in body
        assert "- Suggested by [[Bob Chen]]" in body
        assert "- Earlier: [[2025-05-01 Bob Chen]] (done, with Bob Chen of Acme)" in body
        assert "- Learned from [[2025-05-01 Bob Chen]] (Acme): Initech hires process people from physics" in body
        assert "The physicist who makes processes measurable" in body
        questions = [line for line in lines if line.startswith("1. ")]
        assert questions[0].startswith("1. You are Director, Process Development at Acme")
        assert any("pharmaceuticals" in question for question in questions)
        assert [
            q.split(":")[0]
            for q in questions
            if q.split(":")[0] in ("1. Trends", "1. Insights", "1. Advice", "1. Resources", "1. Assignments")
        ] == ["1. Trends", "1. Insights", "1. Advice", "1. Resources", "1. Assignments"]
        assert questions[-1] == "1. Is there anyone else you think I should talk to?"
        headings = [line for line in lines if line.startswith("## ")]
        assert headings[-4:] == [
            "## Notes",
            "## Takeaways (write these right after the call)",
            "## Referrals",
            "## Follow-up",
        ]
        due = json.loads(run("--vault", str(julie), "due", "--today", "2026-11-30", "--format", "json").stdout)
        assert [item["kind"] for item in due if item["name"] == "Anna Lee"] == ["prep"]

    def test_var_adds_a_property_but_cannot_replace_what_infoview_sets(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03", "--var", "room=B12")
        assert "\nroom: B12\n" in (julie / "Interviews" / "2026-12-03 Anna Lee.md").read_text(encoding="utf-8")
        for args in (
            ("new", "Anna Lee", "--date", "2026-12-04", "--var", "date=2020-01-01"),
            ("person", "add", "V1", "--var", "name=Foo"),
            ("person", "add", "V2", "--var", "company=Y"),
        ):
            result = run("--vault", str(julie), *args)
            assert result.exit_code == 2 and "cannot be given this way" in result.stderr
        assert "use --company" in run("--vault", str(julie), "person", "add", "V3", "--var", "company=Y").stderr

    def test_var_values_are_typed(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03", "--var", "duration=45")
        assert "duration: 45\n" in (julie / "Interviews" / "2026-12-03 Anna Lee.md").read_text(encoding="utf-8")
        assert run("--vault", str(julie), "check", "--strict").exit_code == 0

    def test_unknown_pitch_and_existing_note(self, run: Run, julie: Path) -> None:
        bad = run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03", "--pitch", "poet")
        assert bad.exit_code == 2 and "builder, scientist" in bad.stderr
        assert run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03").exit_code == 0
        again = run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03T09:00")
        assert again.exit_code == 1 and "already exists" in again.stderr

    def test_edit_opens_the_editor(self, run: Run, julie: Path, tmp_path: Path) -> None:
        log = tmp_path / "edited.txt"
        editor = tmp_path / "editor.sh"
        editor.write_text(f'#!/bin/sh\necho "$1" > "{log}"\n')
        editor.chmod(0o755)
        result = run(
            "--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03", "--edit", env={"EDITOR": str(editor)}
        )
        assert result.exit_code == 0, result.output
        assert log.read_text().strip().endswith("Interviews/2026-12-03 Anna Lee.md")


class TestDone:
    def test_done_records_referrals_stubs_followup_and_next_steps(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03T15:00")
        result = run(
            "--vault",
            str(julie),
            "done",
            "2026-12-03 Anna Lee",
            "--referral",
            "Carl Diaz",
            "--referral",
            "Dana Wu",
            "--today",
            "2026-12-03",
        )
        assert result.exit_code == 0, result.output
        text = (julie / "Interviews" / "2026-12-03 Anna Lee.md").read_text(encoding="utf-8")
        assert "status: done\n" in text and "followup: 2027-03-03\n" in text
        assert 'referrals:\n  - "[[Carl Diaz]]"\n  - "[[Dana Wu]]"\n' in text
        for name in ("Carl Diaz", "Dana Wu"):
            stub = (julie / "People" / f"{name}.md").read_text(encoding="utf-8")
            assert 'referred_by: "[[Anna Lee]]"' in stub
        assert "reach out to Carl Diaz, suggested by Anna Lee: infoview reach 'Carl Diaz'" in result.stdout
        assert "tell Bob Chen, who suggested Anna Lee, how it went: infoview reach --thanks 'Anna Lee'" in result.stdout
        data = json.loads(run("--vault", str(julie), "referrals", "--format", "json").stdout)
        assert [row["name"] for row in data["pending"]] == ["Carl Diaz", "Dana Wu"]
        assert data["acknowledge"] == [{"referrer": "Bob Chen", "referred": "Anna Lee"}]

    def test_done_by_person_name_and_twice_is_harmless(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03")
        assert (
            run("--vault", str(julie), "done", "Anna Lee", "--referral", "Carl Diaz", "--today", "2026-12-03").exit_code
            == 0
        )
        path = julie / "Interviews" / "2026-12-03 Anna Lee.md"
        once = path.read_bytes()
        second = run(
            "--vault", str(julie), "done", "2026-12-03 Anna Lee", "--referral", "carl diaz", "--today", "2026-12-04"
        )
        assert second.exit_code == 0 and path.read_bytes() == once

    def test_rescheduled_carries_the_prep_to_the_new_date(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03T15:00")
        old = julie / "Interviews" / "2026-12-03 Anna Lee.md"
        old.write_text(old.read_text(encoding="utf-8") + "My own prep notes.\n", encoding="utf-8")
        result = run("--vault", str(julie), "done", "Anna Lee", "--status", "rescheduled", "--date", "2026-12-10T09:30")
        assert result.exit_code == 0, result.output
        assert "status: rescheduled" in old.read_text(encoding="utf-8")
        moved = (julie / "Interviews" / "2026-12-10 Anna Lee.md").read_text(encoding="utf-8")
        assert "date: 2026-12-10T09:30\nstatus: planned" in moved and moved.endswith("My own prep notes.\n")
        assert "# 2026-12-10 09:30 · Anna Lee" in moved

    @pytest.mark.parametrize("status", ["cancelled", "no-show"])
    def test_other_outcomes(self, run: Run, julie: Path, status: str) -> None:
        run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03")
        assert run("--vault", str(julie), "done", "Anna Lee", "--status", status).exit_code == 0
        assert f"status: {status}\n" in (julie / "Interviews" / "2026-12-03 Anna Lee.md").read_text(encoding="utf-8")

    def test_same_day_reschedule_moves_the_time(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03T15:00")
        result = run("--vault", str(julie), "done", "Anna Lee", "--status", "rescheduled", "--date", "2026-12-03T17:00")
        assert result.exit_code == 0, result.output
        text = (julie / "Interviews" / "2026-12-03 Anna Lee.md").read_text(encoding="utf-8")
        assert "date: 2026-12-03T17:00\nstatus: planned" in text
        assert sorted(path.name for path in (julie / "Interviews").iterdir()) == ["2026-12-03 Anna Lee.md"]

    def test_mistakes_are_refused_before_anything_is_written(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03")
        path = julie / "Interviews" / "2026-12-03 Anna Lee.md"
        before = path.read_bytes()
        future = run("--vault", str(julie), "done", "Anna Lee", "--today", "2026-11-25")
        assert future.exit_code == 2 and "after today" in future.stderr
        forgot = run("--vault", str(julie), "done", "Anna Lee", "--date", "2026-12-20", "--today", "2026-12-03")
        assert forgot.exit_code == 2 and "--status rescheduled" in forgot.stderr
        lost = run("--vault", str(julie), "done", "Anna Lee", "--status", "cancelled", "--referral", "Zed")
        assert lost.exit_code == 2 and "--status done" in lost.stderr
        assert path.read_bytes() == before

    def test_case_variants_of_a_referral_make_one_person(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03")
        run(
            "--vault",
            str(julie),
            "done",
            "Anna Lee",
            "--referral",
            "New One",
            "--referral",
            "new one",
            "--today",
            "2026-12-03",
        )
        assert [path.name for path in (julie / "People").iterdir() if "one" in path.name.lower()] == ["New One.md"]

    def test_a_referrer_whose_name_would_not_do_for_a_new_note(self, run: Run, julie: Path) -> None:
        write_note(julie, "People/Jane Doe, Ph.D..md", "---\ntype: person\n---\n")
        write_note(
            julie,
            "Interviews/2024-01-05 Jane.md",
            '---\ntype: interview\nperson: "[[Jane Doe, Ph.D.]]"\ndate: 2024-01-05\n---\n',
        )
        result = run("--vault", str(julie), "done", "2024-01-05 Jane", "--referral", "Carl Diaz")
        assert result.exit_code == 0, result.output
        assert 'referred_by: "[[Jane Doe, Ph.D.]]"' in (julie / "People" / "Carl Diaz.md").read_text(encoding="utf-8")

    def test_a_read_only_note_is_not_half_rescheduled(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03")
        (julie / "Interviews" / "2026-12-03 Anna Lee.md").chmod(0o444)
        result = run("--vault", str(julie), "done", "Anna Lee", "--status", "rescheduled", "--date", "2026-12-10")
        assert result.exit_code == 1 and "read-only" in result.stderr
        assert sorted(path.name for path in (julie / "Interviews").iterdir()) == ["2026-12-03 Anna Lee.md"]

    def test_rescheduled_needs_a_date(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03")
        result = run("--vault", str(julie), "done", "Anna Lee", "--status", "rescheduled")
        assert result.exit_code == 2 and "--date" in result.stderr


def test_shell_completion_offers_people(run: Run, julie: Path) -> None:
    result = run(
        env={
            "_INFOVIEW_COMPLETE": "bash_complete",
            "COMP_WORDS": "infoview reach An",
            "COMP_CWORD": "2",
            "INFOVIEW_VAULT": str(julie),
        }
    )
    assert "plain,Anna Lee" in result.stdout and "Bob Chen" not in result.stdout


def test_a_person_note_that_cannot_be_read_is_named_with_the_cause(run: Run, julie: Path) -> None:
    anna = julie / "People" / "Anna Lee.md"
    anna.write_text("---\ntype: person\ncompany: Acme\ncompany: Initech\n---\n", encoding="utf-8")
    said = "People/Anna Lee.md:4: the note cannot be read (property 'company' is written twice"
    for command in (["reach", "Anna Lee"], ["new", "anna lee", "--date", "2026-12-03"]):
        result = run("--vault", str(julie), *command)
        assert result.exit_code == 1 and result.stderr.startswith(f"Error: {said}"), result.stderr
        assert "add them first" not in result.stderr
    again = run("--vault", str(julie), "person", "add", "Anna Lee")
    assert again.exit_code == 1
    assert "People/Anna Lee.md already exists (and cannot be read: property 'company' is written twice" in again.stderr


def test_a_failed_write_names_the_note_and_the_cause(julie: Path) -> None:
    import resource
    import signal
    import subprocess
    import sys

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    infoview = [str(Path(sys.executable).with_name("infoview")), "--vault", str(julie)]
    commands = {
        "Error: People/Dana Wu.md: cannot create the note (File too large); nothing was written": [
            "person",
            "add",
            "Dana Wu",
            "--connection",
            "x" * 3000,
        ],
        "Error: People/Anna Lee.md:1: cannot write the note: File too large; nothing was changed": [
            "set",
            "Anna Lee",
            f"notes={'x' * 3000}",
        ],
    }
    for said, command in commands.items():
        result = subprocess.run(
            [*infoview, *command], capture_output=True, text=True, preexec_fn=small_files, env=_unmeasured()
        )
        assert result.returncode == 1 and result.stderr.strip() == said


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """A folder no one may write in: by its mode, or for root (who writes through modes) by the
    immutable attribute, where the file system has one."""
    import subprocess

    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("root writes through read-only modes, and this file system has no immutable attribute")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_read_only_folder_is_named_as_the_cause(run: Run, julie: Path) -> None:
    with read_only(julie / "People"):
        edit = run("--vault", str(julie), "set", "Anna Lee", "company=Initech")
        add = run("--vault", str(julie), "person", "add", "Dana Wu")
    assert edit.stderr.strip() == (
        "Error: People/Anna Lee.md:1: cannot write the note: the folder People is read-only; nothing was changed"
    )
    assert add.stderr.strip() == (
        "Error: People/Dana Wu.md: cannot create the note (the folder People is read-only); nothing was written"
    )


class TestDoneWritesAllOrNothing:
    def test_an_unreadable_referral_stops_done_before_anything_is_written(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03")
        write_note(julie, "People/Broken Bob.md", "---\ntitle: Re: intro\n---\n")
        before = {path: path.read_bytes() for path in julie.rglob("*.md")}
        result = run(
            "--vault",
            str(julie),
            "done",
            "Anna Lee",
            "--referral",
            "Fresh One",
            "--referral",
            "Broken Bob",
            "--today",
            "2026-12-03",
        )
        assert result.exit_code == 1
        assert "People/Broken Bob.md exists but cannot be read" in result.stderr
        assert "nothing was written" in result.stderr
        assert {path: path.read_bytes() for path in julie.rglob("*.md")} == before

    def test_a_failed_edit_takes_back_the_people_it_created(self, run: Run, julie: Path) -> None:
        run("--vault", str(julie), "new", "Anna Lee", "--date", "2026-12-03")
        sheet = julie / "Interviews" / "2026-12-03 Anna Lee.md"
        # A value over several lines is an edit infoview refuses: the call cannot be marked done.
        sheet.write_text(sheet.read_text(encoding="utf-8").replace("status: planned", "status: >-\n  planned"))
        result = run(
            "--vault", str(julie), "done", "2026-12-03 Anna Lee", "--referral", "Fresh One", "--today", "2026-12-03"
        )
        assert result.exit_code == 1 and "no person note was created either" in result.stderr
        assert not (julie / "People" / "Fresh One.md").exists()
