"""``infoview due``: what to do next."""

from __future__ import annotations

import click

from infoview.cli.app import (
    App,
    format_option,
    load_practice,
    main,
    resolve_today,
    show,
    today_option,
)
from infoview.core.errors import UsageError


def _parse_within(text: str) -> int:
    units = {"d": 1, "w": 7}
    number, unit = (text, "d") if text.isdigit() else (text[:-1], text[-1:].lower())
    if unit not in units or not number.isdigit() or int(number) * units[unit] > 3660:
        raise UsageError(f"--within {text!r}: write a number of days or weeks up to ten years, like 14d or 2w")
    return int(number) * units[unit]


@main.command()
@click.option(
    "--within",
    default="14d",
    show_default=True,
    metavar="14d|2w",
    help="Show what falls due in this many days (overdue items always show).",
)
@format_option("due", help="table for people, json for scripts.")
@today_option
@click.pass_obj
def due(app: App, within: str, output_format: str, today: str | None) -> None:
    """What to do next, soonest first.

    Calls to record, cancelled or missed calls to reschedule (or let go), prep sheets still
    untouched for calls in the next two weeks, referrals to contact, recommenders to thank,
    follow-up notes due about three months after a call, messages to nudge once, and people
    you have not talked to in a year. Each item says the command that does it.

    \b
    Example:
      infoview due
      infoview due --within 2w --format json
    """
    from infoview.adapters.prep import judge_preps
    from infoview.core.analysis.due import Agenda, due_items
    from infoview.core.analysis.referrals import build_referrals

    day = resolve_today(today)
    within_days = _parse_within(within)
    _index, practice = load_practice(app)
    prepared = judge_preps(app.vault, app.config, practice, day)
    items = due_items(practice, build_referrals(practice), app.config, day, within_days, prepared)
    show("due", output_format, Agenda(day, items))
