"""A year of practice played through the CLI, with the ordinary mess of life: a person named by two
people, named again after you met them, two people naming each other, a cancelled and a missed
call, a goal raised from monthly to weekly. Each check is what a user would read, worked out by hand."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

Run = Callable[..., Result]

CONFIG = """[me]
name = "Julie Moreau"
intro = "A physics PhD student moving toward pharmaceutical manufacturing"
bio = \"\"\"
I trained as a physicist and measured light in soft matter for six years.
Now I want to bring that care to how medicines are made.
\"\"\"
availability = "Mondays 9-12"

[[goals]]
since = 2026-01-01
count = 1
per = "month"

[[goals]]
since = 2026-07-01
count = 1
per = "week"
"""


class Julie:
    """One vault, and the commands its owner types, each on its own day."""

    def __init__(self, run: Run, root: Path) -> None:
        self.run = run
        self.root = root

    def __call__(self, day: str, *args: str, ok: bool = True) -> Result:
        result = self.run("--vault", str(self.root), *args, "--today", day)
        if ok:
            assert result.exit_code == 0, f"{args}: {result.output}"
        return result

    def json(self, day: str, *args: str) -> Any:
        return json.loads(self(day, *args, "--format", "json").stdout)

    def due(self, day: str) -> list[tuple[str, str, str]]:
        return items(self(day, "due", "--within", "7d", "--format", "json"))


def items(result: Result) -> list[tuple[str, str, str]]:
    """What ``due --format json`` listed, as (kind, name, due)."""
    return [(item["kind"], item["name"], item["due"]) for item in json.loads(result.stdout)]


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> tuple[Julie, dict[str, Result]]:
    """The year, played once; the tests below read what it left."""
    from click.testing import CliRunner

    from infoview.cli import main

    root = tmp_path_factory.mktemp("career") / "vault"

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False, prog_name="infoview")

    assert run("init", str(root)).exit_code == 0
    (root / ".infoview" / "config.toml").write_text(CONFIG, encoding="utf-8")
    julie = Julie(run, root)
    said: dict[str, Result] = {}
    # January: Anna, found on an alumni page, is written to, met, and gives two names.
    julie("2026-01-05", "person", "add", "Anna Lee", "--company", "Acme", "--source", "alumni page")
    julie("2026-01-05", "reach", "Anna Lee", "--sent")
    said["new anna"] = julie("2026-01-12", "new", "Anna Lee", "--date", "2026-01-20T10:00")
    julie("2026-01-20", "done", "2026-01-20 Anna Lee", "--referral", "Bob Chen", "--referral", "Cy Diaz")
    julie("2026-01-22", "reach", "Bob Chen", "--sent")
    julie("2026-01-25", "reach", "Cy Diaz", "--sent")  # Cy never answers
    # February: Bob names Anna back (whom you already know) and a new person, Dee.
    julie("2026-02-02", "new", "Bob Chen", "--date", "2026-02-10")
    said["due 02-03"] = julie("2026-02-03", "due", "--within", "7d", "--format", "json")
    said["done bob"] = julie(
        "2026-02-10", "done", "2026-02-10 Bob Chen", "--referral", "Anna Lee", "--referral", "Dee Evans"
    )
    # March: Eve, met at a conference on her own, names Finn.
    julie("2026-03-01", "person", "add", "Eve Fox", "--source", "conference")
    julie("2026-03-01", "reach", "Eve Fox", "--sent")
    julie("2026-03-04", "new", "Eve Fox", "--date", "2026-03-10")
    julie("2026-03-10", "done", "Eve Fox", "--referral", "Finn Gray")
    # April: a catch-up with Anna, who names Eve (already met) and Finn (not yet contacted).
    julie("2026-04-08", "new", "Anna Lee", "--date", "2026-04-15")
    said["done anna again"] = julie(
        "2026-04-15", "done", "2026-04-15 Anna Lee", "--referral", "Eve Fox", "--referral", "Finn Gray"
    )
    julie("2026-04-20", "reach", "Finn Gray", "--sent")
    julie("2026-04-27", "new", "Finn Gray", "--date", "2026-05-05")
    # May: Finn's call; Dee's call is cancelled the day before.
    julie("2026-05-01", "reach", "Dee Evans", "--sent")
    julie("2026-05-04", "new", "Dee Evans", "--date", "2026-05-12")
    julie("2026-05-05", "done", "Finn Gray")
    said["due 05-06"] = julie("2026-05-06", "due", "--within", "7d", "--format", "json")
    julie("2026-05-11", "done", "Dee Evans", "--status", "cancelled")
    said["due 05-15"] = julie("2026-05-15", "due", "--within", "7d", "--format", "json")
    # June: Bob does not show up for a second call, and a new date is found.
    julie("2026-06-01", "new", "Bob Chen", "--date", "2026-06-10")
    said["due 06-03"] = julie("2026-06-03", "due", "--within", "7d", "--format", "json")
    julie("2026-06-10", "done", "2026-06-10 Bob Chen", "--status", "no-show")
    said["due 06-12"] = julie("2026-06-12", "due", "--within", "7d", "--format", "json")
    julie("2026-06-15", "new", "Bob Chen", "--date", "2026-06-22")
    said["due 06-16"] = julie("2026-06-16", "due", "--within", "7d", "--format", "json")
    julie("2026-06-22", "done", "2026-06-22 Bob Chen")
    # July: the goal is now weekly; two calls in the first weeks, then a sheet still untouched.
    julie("2026-07-01", "new", "Eve Fox", "--date", "2026-07-06")
    julie("2026-07-06", "done", "2026-07-06 Eve Fox")
    julie("2026-07-10", "new", "Finn Gray", "--date", "2026-07-14")
    julie("2026-07-14", "done", "2026-07-14 Finn Gray")
    julie("2026-07-20", "new", "Anna Lee", "--date", "2026-07-28")
    return julie, said


def test_a_name_given_after_you_met_them_changes_nothing(year: tuple[Julie, dict[str, Result]]) -> None:
    julie, said = year
    assert "already known: Anna Lee, noted as also suggested by Bob Chen" in said["done bob"].stdout
    assert "reach out to Anna Lee" not in said["done bob"].stdout
    assert "created People/Dee Evans.md" in said["done bob"].stdout
    assert "already known: Eve Fox, noted as also suggested by Anna Lee" in said["done anna again"].stdout
    data = julie.json("2026-07-31", "referrals")
    first = {(edge["from"], edge["to"]) for edge in data["edges"] if edge["first"]}
    assert first == {
        ("Anna Lee", "Bob Chen"),
        ("Anna Lee", "Cy Diaz"),
        ("Bob Chen", "Dee Evans"),
        ("Eve Fox", "Finn Gray"),
    }
    later = {(edge["from"], edge["to"], edge["date"]) for edge in data["edges"] if not edge["first"]}
    assert ("Bob Chen", "Anna Lee", "2026-02-10") in later and ("Anna Lee", "Eve Fox", "2026-04-15") in later
    # Two roots, each a person found on their own; Bob naming Anna back is no loop.
    assert data["roots"] == ["Anna Lee", "Eve Fox"]
    assert data["cycles"] == []
    assert data["also_suggested"] == {"Anna Lee": ["Bob Chen"], "Eve Fox": ["Anna Lee"]}


def test_everyone_who_named_someone_first_is_thanked_once_you_have_spoken(
    year: tuple[Julie, dict[str, Result]],
) -> None:
    julie, said = year
    data = julie.json("2026-07-31", "referrals")
    # Finn was named by Eve, then by Anna, both before any contact: both recommended him.
    assert data["acknowledge"] == [
        {"referrer": "Anna Lee", "referred": "Bob Chen"},
        {"referrer": "Anna Lee", "referred": "Finn Gray"},
        {"referrer": "Eve Fox", "referred": "Finn Gray"},
    ]
    assert data["pending"] == []  # Cy and Dee were written to; nobody waits uncontacted
    tree = julie("2026-07-31", "referrals").stdout
    assert "Anna Lee · via alumni page" in tree.splitlines()[0]
    assert "also suggested by Bob Chen" in tree
    thanks = [item for item in json.loads(said["due 05-06"].stdout) if item["kind"] == "thank"]
    assert [(item["name"], item["due"]) for item in thanks] == [
        ("Anna Lee", "2026-02-10"),
        ("Anna Lee", "2026-05-05"),
        ("Eve Fox", "2026-05-05"),
    ]
    assert "infoview reach --thanks 'Finn Gray'" in thanks[1]["message"]


def test_the_funnel_counts_each_message_once(year: tuple[Julie, dict[str, Result]]) -> None:
    julie, said = year
    assert "Outreach/2026-01-05 Anna Lee.md: status scheduled" in said["new anna"].stdout
    outreach = julie.json("2026-07-31", "report")["outreach"]
    # Anna, Bob, Eve, Finn: a call followed. Dee said yes but the call was cancelled. Cy never replied.
    assert {key: outreach[key] for key in ("sent", "scheduled", "replied", "declined", "no_reply")} == {
        "sent": 6,
        "scheduled": 4,
        "replied": 1,
        "declined": 0,
        "no_reply": 1,
    }
    assert outreach["scheduled"] + outreach["replied"] + outreach["declined"] + outreach["no_reply"] == outreach["sent"]
    assert outreach["scheduled_held"] == 4 and outreach["conversion"] == pytest.approx(4 / 6, abs=1e-6)


def test_cancelled_and_missed_calls_ask_to_be_rescheduled_for_a_while(year: tuple[Julie, dict[str, Result]]) -> None:
    _julie, said = year
    assert ("reschedule", "Dee Evans", "2026-05-12") in items(said["due 05-15"])
    assert [row for row in items(said["due 06-03"]) if row[0] == "reschedule"] == []  # 21 days on: let go
    assert ("reschedule", "Bob Chen", "2026-06-10") in items(said["due 06-12"])
    assert [row for row in items(said["due 06-16"]) if row[0] == "reschedule"] == []  # a new date is set
    message = next(item["message"] for item in json.loads(said["due 05-15"].stdout) if item["kind"] == "reschedule")
    assert "infoview new 'Dee Evans' --date YYYY-MM-DD" in message


def test_a_nudge_then_silence(year: tuple[Julie, dict[str, Result]]) -> None:
    _julie, said = year
    assert ("nudge", "Cy Diaz", "2026-02-01") in items(said["due 02-03"])


def test_an_untouched_prep_sheet_is_due_whatever_the_bio(year: tuple[Julie, dict[str, Result]]) -> None:
    julie, _said = year
    assert ("prep", "Anna Lee", "2026-07-27") in julie.due("2026-07-25")
    sheet = julie.root / "Interviews" / "2026-07-28 Anna Lee.md"
    original = sheet.read_text(encoding="utf-8")
    try:
        sheet.write_text(original.replace("## Notes\n", "## Notes\n- ask about the Basel site\n"), encoding="utf-8")
        assert [row for row in julie.due("2026-07-25") if row[0] == "prep"] == []
    finally:
        sheet.write_text(original, encoding="utf-8")


def test_the_goal_counts_from_its_start(year: tuple[Julie, dict[str, Result]]) -> None:
    julie, _said = year
    report = julie.json("2026-07-19", "report")
    assert report["goal"] == {"count": 1, "per": "week"}
    # Counted in weeks now. Up to June each week takes its month's verdict under the monthly goal
    # (January to June each had a call; the week of June 29 takes July's, which has two); the weeks
    # of July 6 and 13 had a call each under the weekly goal: 26 weeks from the week of January 19.
    assert report["streak"] == {"current": 26, "longest": 26, "unit": "week"}
    before = julie.json("2025-12-31", "report", "--since", "2025-06-01")
    assert before["standing"]["month_target"] == 0 and before["standing"]["on_track"] is True
    text = julie("2025-12-31", "report", "--since", "2025-06-01").stdout
    assert "No goal in force this month" in text and "Behind" not in text


def test_reach_on_someone_already_met_points_to_the_follow_up(year: tuple[Julie, dict[str, Result]]) -> None:
    julie, _said = year
    result = julie("2026-07-31", "reach", "Eve Fox", ok=False)
    assert result.exit_code == 1
    assert "you already talked with Eve Fox (2026-03-10)" in result.stderr
    assert "infoview reach --followup 'Eve Fox'" in result.stderr
    assert not list((julie.root / "Outreach").glob("2026-07-31*"))
    followup = julie("2026-07-31", "reach", "--followup", "Eve Fox")
    assert followup.stdout.startswith("Hi Eve,\n\nIt has been a little while since our call on 2026-07-06")
    thanks = julie("2026-07-31", "reach", "--thanks", "Finn Gray")
    assert "To Anna Lee:\nHi Anna," in thanks.stdout and "To Eve Fox:\nHi Eve," in thanks.stdout
    assert "we spoke on 2026-05-05" in thanks.stdout
