"""infoview report: counts, goals, streaks and the picture, checked against what a user would count."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from helpers import Generated, examples, write_note
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.core.analysis.practice import Practice
from infoview.core.analysis.report import build_report
from infoview.core.config import Config, Goal, parse_config
from infoview.core.errors import ConfigError
from infoview.core.index import VaultIndex
from infoview.core.parse import parse_note

Run = Callable[..., Result]
FOLDERS = {"people": "person", "interviews": "interview", "outreach": "outreach"}


def interview(day: str, person: str = "Anna", status: str = "done") -> str:
    return f'---\ntype: interview\nperson: "[[{person}]]"\ndate: {day}\nstatus: {status}\n---\n'


def practice_of(calls: list[str], extra: dict[str, str] | None = None) -> Practice:
    notes = []
    texts = {f"Interviews/{number:04d}.md": interview(day) for number, day in enumerate(calls)}
    texts.update(extra or {})
    texts.setdefault("People/Anna.md", "---\ntype: person\n---\n")
    for path, text in texts.items():
        note, problems = parse_note(path, text.encode(), FOLDERS)
        assert note is not None, problems
        notes.append(note)
    return Practice(VaultIndex(notes, []))


def report_of(practice: Practice, config: Config, today: date, **window: date) -> dict[str, Any]:
    """The report as its JSON data, as a script would read it."""
    return build_report(practice, config, today, **window).as_json()


WEEKLY = Config(goals=(Goal(date(2000, 1, 1), 1, "week"),))
MONTHLY = Config(goals=(Goal(date(2000, 1, 1), 1, "month"),))


def test_iso_weeks_across_a_year_end_with_week_53() -> None:
    data = report_of(practice_of(["2020-12-31", "2021-01-03", "2021-01-04"]), WEEKLY, date(2021, 1, 10))
    assert data["by_week"] == {"2020-W53": 2, "2021-W01": 1}
    assert data["by_month"] == {"2020-12": 1, "2021-01": 2}


def test_months_of_any_length_are_zero_filled() -> None:
    data = report_of(practice_of(["2024-01-31", "2024-03-01"]), MONTHLY, date(2024, 3, 10))
    assert data["by_month"] == {"2024-01": 1, "2024-02": 0, "2024-03": 1}
    assert data["longest_gap"] == {"days": 30, "from": "2024-01-31", "to": "2024-03-01"}
    later = report_of(practice_of(["2024-01-31", "2024-03-01"]), MONTHLY, date(2024, 4, 2))
    assert later["by_month"]["2024-04"] == 0
    assert later["longest_gap"] == {"days": 32, "from": "2024-03-01", "to": "2024-04-02"}  # the silence so far


def test_time_of_day_and_offsets_do_not_shift_the_day() -> None:
    data = report_of(practice_of(["2024-03-05T23:30:00-08:00", "2024-03-31 23:59"]), MONTHLY, date(2024, 4, 1))
    assert data["by_month"] == {"2024-03": 2, "2024-04": 0}
    assert data["by_day"] == {"2024-03-05": 1, "2024-03-31": 1}


def test_only_done_interviews_count() -> None:
    extra = {
        f"Interviews/x{status}.md": interview("2024-03-10", status=status)
        for status in ("planned", "cancelled", "rescheduled", "no-show")
    }
    data = report_of(practice_of(["2024-03-05"], extra), MONTHLY, date(2024, 3, 31))
    assert data["done"]["total"] == 1 and data["by_month"] == {"2024-03": 1}


def test_streaks_and_the_unfinished_week() -> None:
    # Mondays of three weeks in a row have a call; today is Wednesday of the fourth, with none yet.
    calls = ["2024-03-04", "2024-03-11", "2024-03-18"]
    data = report_of(practice_of(calls), WEEKLY, date(2024, 3, 27))
    assert data["streak"] == {"current": 3, "longest": 3, "unit": "week"}
    data = report_of(practice_of([*calls, "2024-03-25"]), WEEKLY, date(2024, 3, 27))
    assert data["streak"]["current"] == 4
    data = report_of(practice_of(calls), WEEKLY, date(2024, 4, 3))  # a whole week went by without a call
    assert data["streak"] == {"current": 0, "longest": 3, "unit": "week"}


def test_a_changed_goal_judges_each_period_by_the_goal_then() -> None:
    config = Config(goals=(Goal(date(2024, 1, 1), 1, "month"), Goal(date(2024, 4, 1), 2, "week")))
    # January to March: one call a month meets the monthly goal; April's weeks need two calls each.
    calls = ["2024-01-10", "2024-02-10", "2024-03-10", "2024-04-01", "2024-04-02", "2024-04-08"]
    data = report_of(practice_of(calls), config, date(2024, 4, 14))
    assert data["goal"] == {"count": 2, "per": "week"}
    # The 12 weeks of Jan-Mar take their month's verdict (met); the week of Apr 1 has its two calls;
    # the week of Apr 8 has one so far, and has not ended.
    assert data["streak"] == {"current": 13, "longest": 13, "unit": "week"}
    data = report_of(practice_of(calls), config, date(2024, 4, 17))  # the week of Apr 8 ended short
    assert data["streak"] == {"current": 0, "longest": 13, "unit": "week"}


def test_the_breadth_target_comes_from_the_config() -> None:
    config = parse_config("[breadth]\ndeep = 50\nwide = 25\nrandom = 25\n")
    data = report_of(practice_of(["2024-03-05"]), config, date(2024, 4, 1))
    assert data["breadth"]["target"] == {"deep": 0.5, "wide": 0.25, "random": 0.25}
    with pytest.raises(ConfigError, match="add up to 100"):
        parse_config("[breadth]\ndeep = 50\nwide = 25\nrandom = 5\n")
    with pytest.raises(ConfigError, match=r"config.toml:3: breadth.random: must be a percentage"):
        parse_config("[breadth]\ndeep = 50\nrandom = 500\nwide = 25\n")


def test_a_weekly_goal_turned_monthly_mid_month() -> None:
    config = Config(goals=(Goal(date(2024, 1, 1), 1, "week"), Goal(date(2024, 3, 10), 1, "month")))
    data = report_of(practice_of(["2024-01-05", "2024-03-05", "2024-04-02"]), config, date(2024, 6, 1))
    assert data["streak"]["unit"] == "month" and data["streak"]["longest"] >= 1


def test_standing_says_how_many_more_this_month() -> None:
    data = report_of(practice_of(["2024-05-02"]), WEEKLY, date(2024, 5, 20))
    standing = data["standing"]
    assert standing["month_target"] == 5  # five ISO weeks have their Thursday in May 2024
    assert standing["done_this_month"] == 1 and standing["needed_this_month"] == 4
    assert standing["on_track"] is False


def test_outreach_conversion_follows_the_definition() -> None:
    extra = {
        "Outreach/a.md": '---\ntype: outreach\nperson: "[[Anna]]"\ndate: 2024-02-01\nstatus: scheduled\n---\n',
        "Outreach/b.md": '---\ntype: outreach\nperson: "[[Bob]]"\ndate: 2024-02-01\nstatus: sent\n---\n',
        "Outreach/c.md": '---\ntype: outreach\nperson: "[[Cy]]"\ndate: 2024-02-01\nstatus: replied\n---\n',
        "Outreach/draft.md": '---\ntype: outreach\nperson: "[[Di]]"\nstatus: draft\n---\n',
        "Interviews/cy.md": interview("2024-02-20", "Cy", "cancelled"),
        "Interviews/old.md": interview("2024-01-20", "Bob", "done"),
    }
    data = report_of(practice_of(["2024-02-15"], extra), MONTHLY, date(2024, 3, 1))
    assert {key: data["outreach"][key] for key in ("sent", "scheduled", "drafted")} == {
        "sent": 3,
        "scheduled": 1,
        "drafted": 1,
    }
    assert data["outreach"]["conversion"] == pytest.approx(1 / 3, abs=1e-6)


DAYS = st.dates(min_value=date(2019, 1, 1), max_value=date(2024, 12, 31))


@given(st.lists(DAYS, max_size=40), st.sampled_from([WEEKLY, MONTHLY]))
@settings(max_examples=examples(150), deadline=None)
def test_buckets_sum_and_streaks_are_bounded(days: list[date], config: Config) -> None:
    today = date(2025, 1, 15)
    data = report_of(practice_of([day.isoformat() for day in days]), config, today)
    assert sum(data["by_month"].values()) == len(days) == sum(data["by_week"].values())
    periods = len(data["by_week"]) if config.goals[0].per == "week" else len(data["by_month"])
    assert 0 <= data["streak"]["current"] <= data["streak"]["longest"] <= max(periods, 1)


@given(st.lists(DAYS, min_size=1, max_size=30), DAYS)
@settings(max_examples=examples(100), deadline=None)
def test_adding_a_done_interview_never_lowers_a_count(days: list[date], extra: date) -> None:
    today = date(2025, 1, 15)
    since = min([*days, extra])
    before = report_of(practice_of([day.isoformat() for day in days]), WEEKLY, today, since=since)
    after = report_of(practice_of([day.isoformat() for day in [*days, extra]]), WEEKLY, today, since=since)
    for key in ("by_month", "by_week"):
        assert all(after[key][period] >= count for period, count in before[key].items())
    assert after["streak"]["longest"] >= before["streak"]["longest"]


class TestCommand:
    def test_table_fits_80_columns_without_colour(self, run: Run, example_vault: Path) -> None:
        result = run("--vault", str(example_vault), "report", "--today", "2026-11-25")
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert lines[0].startswith("infoview report · 2026-11-25 · goal: 1 call a week")
        assert all(len(line) <= 80 for line in lines), max(lines, key=len)
        assert "\x1b[" not in result.output
        assert "Last 12 months" in result.stdout and "Done calls by month" in result.stdout

    def test_same_vault_same_output(self, run: Run, example_vault: Path) -> None:
        first = run("--vault", str(example_vault), "report", "--today", "2026-11-25", "--format", "json").stdout
        for path in sorted(example_vault.rglob("*.md"))[::3]:
            path.touch()
        second = run("--vault", str(example_vault), "report", "--today", "2026-11-25", "--format", "json").stdout
        assert first == second

    def test_markdown_renders_a_table(self, run: Run, example_vault: Path) -> None:
        result = run("--vault", str(example_vault), "report", "--today", "2026-11-25", "--format", "markdown")
        assert "| Year | Jan | Feb |" in result.stdout and result.stdout.startswith("## Interviewing report")
        assert "- **Outreach**: sent 38" in result.stdout and "; conversion" in result.stdout

    def test_since_and_until(self, run: Run, example_vault: Path) -> None:
        result = run(
            "--vault",
            str(example_vault),
            "report",
            "--today",
            "2026-11-25",
            "--since",
            "2025-01-01",
            "--until",
            "2025-12-31",
            "--format",
            "json",
        )
        data = json.loads(result.stdout)
        assert list(data["by_month"]) == [f"2025-{month:02d}" for month in range(1, 13)]
        assert data["done"]["total"] == sum(data["by_month"].values())

    def test_a_report_that_ends_in_the_past_is_as_of_that_day(self, run: Run, example_vault: Path) -> None:
        data = json.loads(
            run(
                "--vault",
                str(example_vault),
                "report",
                "--today",
                "2026-11-25",
                "--until",
                "2025-12-31",
                "--format",
                "json",
            ).stdout
        )
        assert data["today"] == "2025-12-31"
        assert data["done"]["this_year"] == sum(n for month, n in data["by_month"].items() if month.startswith("2025"))
        assert all(row["date"] >= "2025-12-31" for row in data["upcoming"])
        backwards = run("--vault", str(example_vault), "report", "--since", "2027-01-01", "--until", "2026-01-01")
        assert backwards.exit_code == 2 and "is after --until" in backwards.stderr

    def test_goal_history_from_the_config(self, run: Run, example_vault: Path) -> None:
        config = parse_config((example_vault / ".infoview" / "config.toml").read_text())
        data = json.loads(
            run("--vault", str(example_vault), "report", "--today", "2024-06-30", "--format", "json").stdout
        )
        assert data["goal"] == {
            "count": config.goal_on(date(2024, 6, 30)).count,
            "per": config.goal_on(date(2024, 6, 30)).per,
        }


def test_matches_the_generated_truth(run: Run, generated: Generated) -> None:
    root, truth = generated
    assert truth["done_total"] > 100 and truth["outreach"]["sent"] > 100  # a practice worth counting
    result = run("--vault", str(root), "report", "--today", truth["today"], "--format", "json")
    data: dict[str, Any] = json.loads(result.stdout)
    assert data["by_month"] == truth["by_month"]
    assert data["by_week"] == truth["by_week"]
    assert data["done"]["total"] == truth["done_total"]
    assert {key: data["outreach"][key] for key in ("sent", "scheduled")} == {
        "sent": truth["outreach"]["sent"],
        "scheduled": truth["outreach"]["scheduled"],
    }
    assert data["outreach"]["conversion"] == pytest.approx(truth["outreach"]["conversion"], abs=1e-6)
    assert data["since"] == truth["first_interview"]


def test_a_year_without_calls_reads_well(run: Run, vault: Path) -> None:
    write_note(vault, "People/Anna.md", "---\ntype: person\n---\n")
    result = run("--vault", str(vault), "report", "--today", "2026-01-01")
    assert result.exit_code == 0
    assert "Streak: 0 months" in result.stdout
    start = date(2026, 1, 1) - timedelta(days=7)
    assert start.isoformat() not in result.stdout
