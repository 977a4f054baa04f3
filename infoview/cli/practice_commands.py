"""``person add``, ``reach``, ``new``, ``done`` and ``set``: the weekly loop, written into notes."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from click.shell_completion import CompletionItem

from infoview.adapters.cache import load_index
from infoview.adapters.scan import find_vault
from infoview.cli import App, echo, main, resolve_today, today_option
from infoview.core.config import load_config
from infoview.core.errors import InfoviewError, UsageError
from infoview.core.model import CALL_OUTCOMES, parse_date, shell_word

if TYPE_CHECKING:
    from infoview.adapters.writes import Workspace

# What the writing commands need (Jinja among it) is imported when one of them runs, so that
# reading commands start fast.

LINK_KEYS = {"person", "referred_by", "referrals"}


def _workspace(app: App) -> Workspace:
    from infoview.adapters.writes import Workspace
    from infoview.core.analysis.practice import Practice

    app.hold_write_lock()
    return Workspace(app.vault, app.config, Practice(load_index(app.vault, app.config)))


def _names_for_completion(ctx: click.Context, kinds: tuple[str, ...]) -> list[str]:
    try:
        root = ctx.find_root()
        vault = find_vault(root.params.get("vault"), os.environ.get("INFOVIEW_VAULT"), Path.cwd())
        index = load_index(vault, load_config(vault))
    except (InfoviewError, OSError):
        return []
    return [note.name for note in index.notes if note.type in kinds]


def complete_people(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    wanted = incomplete.casefold()
    return [
        CompletionItem(name) for name in _names_for_completion(ctx, ("person",)) if name.casefold().startswith(wanted)
    ]


def complete_notes(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    wanted = incomplete.casefold()
    return [
        CompletionItem(name)
        for name in _names_for_completion(ctx, ("interview", "person", "outreach"))
        if name.casefold().startswith(wanted)
    ]


def _moment(text: str, option: str) -> date | datetime:
    from infoview.core.making import single_line

    moment = parse_date(single_line(option, text))
    if not moment:
        raise UsageError(f"{option} {text!r}: write YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    return moment


@main.group()
def person() -> None:
    """Add people to talk to."""


@person.command("add")
@click.argument("name")
@click.option("--company", help="Where they work.")
@click.option("--title", help="Their job title.")
@click.option("--industry", help="Their industry, e.g. pharmaceuticals.")
@click.option("--function", "function_", help="Their function, e.g. process development.")
@click.option("--location", help="Where they are.")
@click.option("--source", help="How you found them: alumni page, LinkedIn, a conference...")
@click.option("--referred-by", metavar="NAME", shell_complete=complete_people, help="Who suggested them.")
@click.option("--connection", help="What you share: the point of connection to open with.")
@click.option(
    "--breadth",
    type=click.Choice(["deep", "wide", "random"]),
    help="deep (your target field), wide (a neighbouring one) or random.",
)
@click.option("--email", help="Their email address.")
@click.option("--linkedin", help="Their LinkedIn profile.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--var", "variables", multiple=True, metavar="KEY=VALUE", help="Any other property (repeatable).")
@click.option(
    "--new", "distinct", is_flag=True, help="A different person from someone whose name differs only by accents."
)
@today_option
@click.pass_obj
def person_add(
    app: App,
    /,
    name: str,
    function_: str | None,
    tags: tuple[str, ...],
    variables: tuple[str, ...],
    distinct: bool,
    today: str | None,
    **fields: Any,
) -> None:
    """Add a person note, from the person template.

    \b
    Example:
      infoview person add "Anna Lee" --company Acme --title "Director, Process Development" \\
        --referred-by "Bob Chen" --connection "same PhD lab, 10 years apart" --breadth wide
    """
    from infoview.adapters.people import add_person
    from infoview.core.making import PERSON_OPTIONS, extra_properties, single_line

    values: dict[str, Any] = {
        key: single_line(f"--{key.replace('_', '-')}", value) for key, value in fields.items() if value
    }
    if function_:
        values["function"] = single_line("--function", function_)
    if tags:
        values["tags"] = [single_line("--tag", tag).lstrip("#") for tag in tags]
    extra = extra_properties(variables, PERSON_OPTIONS)
    workspace = _workspace(app)
    path = add_person(workspace, name, values, extra, resolve_today(today), allow_look_alike=distinct)
    echo(f"created {path.relative_to(app.vault).as_posix()}")
    referrer = values.get("referred_by")
    if referrer and workspace.practice.index.resolve(referrer).note is None:
        echo(
            f"note: no note for {referrer} yet; the link waits for it (infoview person add {shell_word(referrer)})",
            err=True,
        )
    echo(f"next: infoview reach {shell_word(path.stem)} drafts the first message", err=True)


@main.command()
@click.argument("name", shell_complete=complete_people)
@click.option("--thanks", is_flag=True, help="Draft the note to whoever suggested NAME: how it went.")
@click.option("--followup", is_flag=True, help="Draft the out-of-the-blue note a few months after your call with NAME.")
@click.option("--sent", is_flag=True, help="You sent it today: record the date.")
@click.option("--channel", help="email, linkedin, ... (default: the template's).")
@today_option
@click.pass_obj
def reach(
    app: App, name: str, thanks: bool, followup: bool, sent: bool, channel: str | None, today: str | None
) -> None:
    """Draft a message to a person, and print it to copy.

    The first message (an outreach note, from the outreach template): who you are, what you
    want (to learn about their path, never a job), and a plan, a 30-minute call at times you
    are free, opening with what you share or who suggested them. Run it again to see a waiting
    draft; with --sent, the draft (or a new message) is recorded as sent today.

    --thanks drafts the short note to whoever suggested NAME, once you have talked with NAME;
    --sent then records referrer_thanked. --followup drafts the out-of-the-blue note a few months
    after your latest call with NAME; --sent then records followup_sent on that call.

    \b
    Example:
      infoview reach "Anna Lee"
      infoview reach "Anna Lee" --sent --channel linkedin
      infoview reach --thanks "Anna Lee"
      infoview reach --followup "Anna Lee" --sent
    """
    from infoview.core.making import single_line

    if thanks and followup:
        raise UsageError("--thanks and --followup draft different notes; choose one")
    if channel and (thanks or followup):
        raise UsageError("--channel goes with the first message (it is recorded in its outreach note)")
    day = resolve_today(today)
    workspace = _workspace(app)
    if thanks or followup:
        from infoview.adapters.messages import draft_followup, draft_thanks

        drafting = draft_thanks if thanks else draft_followup
        result = drafting(workspace, name, day if sent else None, day)
        for position, draft in enumerate(result.drafts):
            if len(result.drafts) > 1:
                echo(f"{'' if position == 0 else chr(10)}To {draft.to}:")
            echo(draft.text, nl=False)
        echo(f"\n{result.recorded}", err=True)
        return
    from infoview.adapters.messages import draft_outreach

    path, message, outcome = draft_outreach(
        workspace, name, day if sent else None, single_line("--channel", channel) if channel else None, day
    )
    echo(message, nl=False)
    where = path.relative_to(app.vault).as_posix()
    said = {
        "drafted": f"drafted in {where}; once sent: infoview reach {shell_word(name)} --sent",
        "sent": f"recorded as sent in {where}",
        "unchanged": f"the draft waiting in {where} (edit it there); "
        f"once sent: infoview reach {shell_word(name)} --sent",
    }
    echo(f"\n{said[outcome]}", err=True)


@main.command()
@click.argument("name", shell_complete=complete_people)
@click.option("--date", "when", required=True, metavar="YYYY-MM-DD[THH:MM]", help="When the call is.")
@click.option("--pitch", help="Which self-presentation variant from the config to use.")
@click.option("--var", "variables", multiple=True, metavar="KEY=VALUE", help="Any other property (repeatable).")
@click.option("--edit", "open_editor", is_flag=True, help="Open the prep sheet in $EDITOR.")
@today_option
@click.pass_obj
def new(
    app: App, name: str, when: str, pitch: str | None, variables: tuple[str, ...], open_editor: bool, today: str | None
) -> None:
    """Write the prep sheet for a call: an interview note from the interview template.

    Date, name, company and title on top; the point of connection and who suggested them;
    what earlier calls with them or their company taught you; your opening plan and pitch;
    tailored, open-ended questions in order with room for notes; the closing question; and
    places for notes, takeaways and referrals.

    \b
    Example:
      infoview new "Anna Lee" --date 2026-12-03T15:00 --pitch scientist
      infoview new "Anna Lee" --date 2026-12-03 --edit
    """
    from infoview.adapters.calls import new_interview
    from infoview.core.making import extra_properties

    made = new_interview(
        _workspace(app),
        name,
        _moment(when, "--date"),
        pitch,
        extra_properties(variables),
        resolve_today(today),
    )
    echo(f"created {made.path.relative_to(app.vault).as_posix()}")
    if made.scheduled:
        echo(f"{made.scheduled}: status scheduled (the message led to this call)")
    if open_editor:
        click.edit(filename=str(made.path))


@main.command()
@click.argument("note", shell_complete=complete_notes)
@click.option(
    "--referral",
    "referrals",
    multiple=True,
    metavar="NAME",
    shell_complete=complete_people,
    help="A name they gave you (repeatable): recorded, with a person note for each new name.",
)
@click.option("--status", type=click.Choice(CALL_OUTCOMES), default="done", show_default=True, help="What happened.")
@click.option("--date", "new_date", metavar="YYYY-MM-DD[THH:MM]", help="With --status rescheduled: the new date.")
@click.option(
    "--new", "distinct", is_flag=True, help="A referral differing only by accents from someone is a new person."
)
@today_option
@click.pass_obj
def done(
    app: App,
    note: str,
    referrals: tuple[str, ...],
    status: str,
    new_date: str | None,
    distinct: bool,
    today: str | None,
) -> None:
    """Record a call: done (or cancelled, rescheduled, no-show), with the names you were given.

    NOTE is the interview's name as in a link, its path in the vault, or a person with one
    planned call. A done call gets its follow-up date (the config's followup_days later). A
    name you were given becomes a person note to reach out to; a name you already know (you
    wrote to them or talked with them before) is only noted on the call as also suggested.

    \b
    Example:
      infoview done "2026-12-03 Anna Lee" --referral "Carl Diaz" --referral "Dana Wu"
      infoview done "Anna Lee" --status rescheduled --date 2026-12-10T15:00
    """
    from infoview.adapters.calls import record_call
    from infoview.adapters.writes import find_note

    workspace = _workspace(app)
    record = record_call(
        workspace,
        find_note(workspace, note, "interview"),
        status,
        list(referrals),
        _moment(new_date, "--date") if new_date else None,
        resolve_today(today),
        allow_look_alike=distinct,
    )
    echo(f"{record.note.path}: {record.status}")
    for path in record.created:
        echo(f"created {path.relative_to(app.vault).as_posix()}")
    for name in record.already_known:
        echo(f"already known: {name}, noted as also suggested by {workspace.practice.person_name(record.note)}")
    if record.next_steps:
        echo("\nNext:")
        for step in record.next_steps:
            echo(f"  - {step}")


@main.command(name="set")
@click.argument("note", shell_complete=complete_notes)
@click.argument("assignments", nargs=-1, metavar="[KEY=VALUE]...")
@click.option("--append", "appends", multiple=True, metavar="KEY=VALUE", help="Add VALUE to the list KEY.")
@click.option("--unset", "unsets", multiple=True, metavar="KEY", help="Remove the property KEY.")
@click.pass_obj
def set_properties(
    app: App, note: str, assignments: tuple[str, ...], appends: tuple[str, ...], unsets: tuple[str, ...]
) -> None:
    """Change properties of one note, touching nothing else.

    Only the lines of those properties change: the body, other properties, comments, quoting
    and line endings stay as they were. Names given for person, referred_by and referrals
    become links. A note with a merge conflict, a duplicate key or a value over several
    lines is refused.

    \b
    Example:
      infoview set "Outreach/2026-11-20 Anna Lee.md" status=replied
      infoview set "People/Anna Lee.md" referrer_thanked=2026-12-04
      infoview set "2026-12-03 Anna Lee" --append referrals="Carl Diaz"
    """
    from infoview.adapters.writes import edit_note, find_note
    from infoview.core.frontmatter.edit import Changes
    from infoview.core.making import parse_assignments

    if not (assignments or appends or unsets):
        raise UsageError("give at least one KEY=VALUE, --append KEY=VALUE or --unset KEY")
    keys = [pair.partition("=")[0].strip() for pair in assignments]
    appended = {pair.partition("=")[0].strip() for pair in appends}
    twice = {key for key in keys if keys.count(key) > 1}
    clash = (set(keys) & set(unsets)) | (appended & (set(keys) | set(unsets)))
    if twice or clash:
        raise UsageError(f"{sorted(twice or clash)[0]} is given more than one change; give one at a time")
    changes = Changes(
        set={key: _yaml_value(key, value) for key, value in parse_assignments(assignments, "KEY=VALUE").items()},
        append=[
            (key, _yaml_value(key, value))
            for pair in appends
            for key, value in parse_assignments((pair,), "--append").items()
        ],
        unset=list(unsets),
    )
    workspace = _workspace(app)
    target = find_note(workspace, note)
    changed = edit_note(workspace, target, changes)
    echo(f"{target.path}: {'updated' if changed else 'already so, nothing written'}")
    if changed:
        _warn_about(app, target.path, {*changes.set, *(key for key, _ in changes.append)})


def _warn_about(app: App, path: str, keys: set[str]) -> None:
    """What check would now say about the properties just written (written anyway: the note is yours)."""
    from infoview.cli import style_problem
    from infoview.core.parse import parse_note

    _note, problems = parse_note(path, (app.vault / path).read_bytes(), app.config.folders.kinds())
    for problem in problems:
        if problem.message.split(":", 1)[0] in keys:
            echo(style_problem(problem), err=True, escaped=True)


def _yaml_value(key: str, value: str) -> str:
    from infoview.core.frontmatter.write import scalar, text_value

    if key in LINK_KEYS and value and not value.startswith("[["):
        return scalar(f"[[{value}]]")
    return text_value(value)
