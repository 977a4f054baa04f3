"""The command group every command joins, what commands share (the vault, options, output), and errors
turned into one line and an exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click.shell_completion import CompletionItem

from infoview import __version__
from infoview.core.errors import InfoviewError, UsageError

if TYPE_CHECKING:
    from infoview.adapters.writes import Workspace
    from infoview.core.analysis.practice import Practice
    from infoview.core.config import Config
    from infoview.core.index import VaultIndex
    from infoview.core.model import Problem
    from infoview.views.style import Palette, Styled

# Command modules import the core, views and adapters inside their functions, and this module only
# when it needs them: `infoview --help` and shell completion load click and little else.


class App:
    """What every command shares: the vault (found lazily, so ``init`` and ``--help`` work anywhere)."""

    def __init__(self, vault_option: str | None, color: str = "auto") -> None:
        self.vault_option = vault_option
        self.color = color
        self._vault: Path | None = None
        self._config: Config | None = None
        self._locked = False

    @property
    def vault(self) -> Path:
        if self._vault is None:
            from infoview.adapters.scan import find_vault

            self._vault = find_vault(self.vault_option, os.environ.get("INFOVIEW_VAULT"), Path.cwd())
        return self._vault

    @property
    def config(self) -> Config:
        if self._config is None:
            from infoview.adapters.config_file import load_config

            self._config = load_config(self.vault)
        return self._config

    def hold_write_lock(self) -> None:
        """Hold the vault's write lock until the command ends: a writing command takes it before it
        reads the notes, so that what it checked is still true when it writes."""
        from infoview.adapters.lock import vault_write_lock

        if not self._locked:
            click.get_current_context().with_resource(vault_write_lock(self.vault))
            self._locked = True


COLOR_CHOICES = ("auto", "always", "never")


def colour_wanted(err: bool = False) -> bool:
    """Colour for standard output (or ``err``): as ``--color`` says; with ``auto`` (the default),
    only for a terminal, and never when NO_COLOR is set (non-empty) or TERM is dumb."""
    context = click.get_current_context(silent=True)
    app = context.find_object(App) if context is not None else None
    setting = app.color if app is not None else "auto"
    if setting != "auto":
        return setting == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    stream = sys.stderr if err else sys.stdout
    return stream.isatty()


def palette(err: bool = False) -> Palette:
    """The colours for standard output (or ``err``), off when colour is not wanted there."""
    from infoview.views.style import Palette

    return Palette(colour_wanted(err))


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print a message. Text that is not ``Styled`` (a note's values, a file's name) is shown with
    its control characters escaped, line breaks and tabs aside; ``Styled`` text (infoview's own
    colours around escaped text, or JSON made safe) prints as it is."""
    from infoview.views.style import Styled, safe

    text = message if isinstance(message, Styled) else safe(message, keep="\n\t")
    click.echo(text, err=err, nl=nl, color=colour_wanted(err))


def echo_error(message: str) -> None:
    """An error as one line on standard error: a line break in it (from a file's name) is escaped too."""
    from infoview.views.style import safe

    echo(safe(f"Error: {message}"), err=True)


def style_problem(problem: Problem, err: bool = False) -> Styled:
    """A problem as one ``path:line: severity: message`` line, coloured for standard output (or ``err``)."""
    from infoview.views.problems import problem_line

    return problem_line(problem, palette(err))


def mention_problems(index: VaultIndex) -> None:
    """Reading commands say on stderr, in one line, that some notes were left out or warned about."""
    from infoview.core.problems import vault_problems
    from infoview.views.text import plural

    problems = vault_problems(index)
    if not problems:
        return
    errors = sum(1 for problem in problems if problem.severity == "error")
    echo(
        f"note: {plural(errors, 'error')} and {plural(len(problems) - errors, 'warning')} in the vault; "
        "'infoview check' lists them",
        err=True,
    )


def _columns() -> int | None:
    """$COLUMNS, else the terminal's width; None for a pipe that has not said."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(40, int(columns))
    try:
        return max(40, os.get_terminal_size(sys.stdout.fileno()).columns)
    except (OSError, ValueError, AttributeError):
        return None


def show(result: str, output_format: str, value: Any) -> None:
    """Print ``value`` in ``output_format``, by the view the registry (``infoview.views.formats``)
    names; what the view says besides (an empty result, what a drawing left out) goes to stderr."""
    from infoview.views.formats import Screen, render

    made = render(result, output_format, value, Screen(_columns(), palette()))
    if isinstance(made.text, str):
        if made.text:
            echo(made.text, nl=not made.text.endswith("\n"))
    else:
        for piece in made.text:  # a long listing, written as it is made (escaped unless Styled)
            echo(piece, nl=False)
        echo("")
    if made.notice:
        echo(made.notice, err=True)


def progress_reporter() -> Callable[[int, int], None] | None:
    """A callback that shows progress on stderr for long reads, only when stderr is a terminal."""
    if not os.isatty(2):
        return None
    shown = {"last": -1}

    def report(done: int, total: int) -> None:
        if total < 500:
            return
        percent = done * 100 // total
        if percent != shown["last"]:
            shown["last"] = percent
            click.echo(f"\rReading notes: {done}/{total} ({percent}%)", err=True, nl=False)
            if done == total:
                click.echo("\r" + " " * 60 + "\r", err=True, nl=False)

    return report


Decorated = TypeVar("Decorated", bound=Callable[..., Any])


def format_option(result: str, help: str) -> Callable[[Decorated], Decorated]:
    """The ``--format`` option: the formats the registry has for ``result``, the first the default."""
    from infoview.views.formats import formats

    choices = formats(result)
    return click.option(
        "--format", "output_format", type=click.Choice(choices), default=choices[0], show_default=True, help=help
    )


def today_option(function: Decorated) -> Decorated:
    return click.option(
        "--today",
        metavar="YYYY-MM-DD",
        default=None,
        help="Take this day as today (for reproducible output).",
    )(function)


def resolve_today(text: str | None) -> date:
    from infoview.core.filters import parse_day

    return parse_day(text, "--today") if text else date.today()  # noqa: DTZ011 - the user's local day


GLOBAL_OPTIONS = ("--vault", "--color")


class InfoviewGroup(click.Group):
    """Turns infoview's errors into one ``Error:`` line and a meaningful exit code, never a traceback."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # --vault and --color are global, but people type them after the command too (`infoview ls --vault X`).
        moved: list[str] = []
        rest: list[str] = []
        position = 0
        while position < len(args):
            arg = args[position]
            if arg == "--":
                rest.extend(args[position:])
                break
            if arg in GLOBAL_OPTIONS and position + 1 < len(args):
                moved += args[position : position + 2]
                position += 2
                continue
            if arg.split("=", 1)[0] in GLOBAL_OPTIONS and "=" in arg:
                moved.append(arg)
            else:
                rest.append(arg)
            position += 1
        return super().parse_args(ctx, moved + rest)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InfoviewError as error:
            echo_error(str(error))
            ctx.exit(error.exit_code)
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as Unix tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except OSError as error:  # the disk, not a note: full, read-only, a folder that does not exist
            where = f"{error.filename}: " if error.filename else ""
            echo_error(f"{where}{error.strerror or error}")
            ctx.exit(1)


@click.group(
    cls=InfoviewGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--vault",
    metavar="PATH",
    help="The vault folder. Default: $INFOVIEW_VAULT, else the nearest folder above with .infoview/config.toml.",
)
@click.option(
    "--color",
    type=click.Choice(COLOR_CHOICES),
    default="auto",
    show_default=True,
    help="Colour the output: auto (a terminal, unless NO_COLOR is set), always or never.",
)
@click.version_option(__version__, prog_name="infoview")
@click.pass_context
def main(ctx: click.Context, vault: str | None, color: str) -> None:
    """Keep an informational-interviewing habit in a folder of markdown notes.

    \b
    Start here:
      infoview init ~/career        make a vault (open it in Obsidian too)
      infoview index                read the notes; report what is wrong
      infoview ls --type person     list notes, filtered
      infoview check                validate the vault (for a pre-commit hook)
      infoview report               how often you interview, against your goal
    """
    ctx.obj = App(vault, color)
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


def workspace_of(app: App) -> Workspace:
    from infoview.adapters.cache import load_index
    from infoview.adapters.writes import Workspace
    from infoview.core.analysis.practice import Practice

    app.hold_write_lock()
    return Workspace(app.vault, app.config, Practice(load_index(app.vault, app.config)))


def names_for_completion(ctx: click.Context, kinds: tuple[str, ...]) -> list[str]:
    from infoview.adapters.cache import load_index
    from infoview.adapters.config_file import load_config
    from infoview.adapters.scan import find_vault

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
        CompletionItem(name) for name in names_for_completion(ctx, ("person",)) if name.casefold().startswith(wanted)
    ]


def complete_notes(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    wanted = incomplete.casefold()
    return [
        CompletionItem(name)
        for name in names_for_completion(ctx, ("interview", "person", "outreach"))
        if name.casefold().startswith(wanted)
    ]


def parse_moment(text: str, option: str) -> date | datetime:
    from infoview.core.making import single_line
    from infoview.core.model import parse_date

    moment = parse_date(single_line(option, text))
    if not moment:
        raise UsageError(f"{option} {text!r}: write YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    return moment


def load_practice(app: App) -> tuple[VaultIndex, Practice]:
    from infoview.adapters.cache import load_index
    from infoview.core.analysis.practice import Practice

    index = load_index(app.vault, app.config, progress=progress_reporter())
    mention_problems(index)
    return index, Practice(index)
