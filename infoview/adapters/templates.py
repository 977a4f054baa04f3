"""Rendering notes from Jinja templates, safely: a vault may come from someone else.

Templates run in Jinja's sandbox with strict undefined variables, limited in time, memory and output;
includes stay inside the templates folders (symlinks included). Every expression in the front
matter is written as a YAML scalar, so no value can break or inject a property. Errors name the
template file and line.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from infoview.adapters.scan import folder_on_disk
from infoview.core.config import DEFAULT_TEMPLATES, Config
from infoview.core.errors import InfoviewError
from infoview.core.frontmatter.split import front_matter_end
from infoview.core.frontmatter.write import scalar
from infoview.core.making import with_article

TEMPLATE_NAMES = ("person.md", "interview.md", "outreach.md", "thanks.md", "followup.md")
MAX_OUTPUT_CHARS = 1024 * 1024
MAX_SECONDS = 5
MAX_REPEAT = 100_000
# What a template may allocate beyond what infoview already holds (where the platform can cap it).
MAX_MEMORY_BYTES = 256 * 1024 * 1024
# str methods whose first argument is the length of the text they make.
_PADDING_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


class TemplateError(InfoviewError):
    """Raised when a template cannot be loaded or rendered; names the template file and line."""


class YamlText(str):
    """Text already written as YAML (by the ``yaml`` or ``link`` filter): the front matter keeps it as is."""


# In a checkout (and an editable install) the defaults are the repository's own templates/;
# a wheel carries a copy inside the package.
CHECKOUT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def default_templates() -> Path:
    """The packaged default templates: the wheel's copy, else the checkout's templates/ folder."""
    packaged = Path(str(resources.files("infoview").joinpath("templates")))
    return packaged if packaged.is_dir() else CHECKOUT_TEMPLATES


# A template longer than this is read only this far when telling Obsidian's templates from infoview's.
MAX_TEMPLATE_SCAN = 1 << 20


# Syntax of Templater (<% tp.file.title %>) and of Obsidian's Templates plugin ({{title}},
# {{date:YYYY-MM-DD}}, {{time}}): a file holding it is their template, never infoview's.
_OBSIDIAN_TEMPLATE = re.compile(r"<%|\{\{\s*(?:title|time)\s*\}\}|\{\{\s*(?:date|time)\s*:")


def _made_for_obsidian(path: str) -> bool:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            return _OBSIDIAN_TEMPLATE.search(handle.read(MAX_TEMPLATE_SCAN)) is not None
    except OSError:
        return False


class FolderLoader(jinja2.BaseLoader):
    """Loads templates from an ordered list of folders; a name (or a symlink) that leads outside
    its folder is not found."""

    def __init__(self, folders: list[tuple[Path, str]], shared: Path | None = None) -> None:
        self.folders = folders  # (folder, how to name it in messages)
        # A folder infoview shares with Obsidian's templates: what is written for Obsidian there is not infoview's.
        self.shared = shared

    def locate(self, name: str) -> tuple[Path, str] | None:
        for folder, shown in self.folders:
            root = os.path.realpath(folder)
            candidate = os.path.realpath(os.path.join(root, name))
            if (
                os.path.commonpath([candidate, root]) == root
                and os.path.isfile(candidate)
                and not (folder == self.shared and _made_for_obsidian(candidate))
            ):
                return Path(candidate), f"{shown}/{name}"
        return None

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        found = self.locate(template)
        if found is None:
            raise jinja2.TemplateNotFound(template)
        path, shown = found
        try:
            source = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise TemplateError(f"{shown}:1: cannot read the template: {error}") from None
        mtime = path.stat().st_mtime
        return source, shown, lambda: path.stat().st_mtime == mtime


class NoteEnvironment(SandboxedEnvironment):
    """The sandbox, with repetition and powers bounded so a template cannot exhaust memory."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and right > 64:
            raise jinja2.exceptions.SecurityError("exponent too large")
        if operator == "*":
            for count, other in ((left, right), (right, left)):
                if (
                    isinstance(count, int)
                    and isinstance(other, (str, list, tuple))
                    and count * max(len(other), 1) > MAX_REPEAT
                ):
                    raise jinja2.exceptions.SecurityError("repetition too large")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Calls as the sandbox allows them, with padding bounded: ``"x".center(10**9)`` would
        allocate a gigabyte in one step."""
        if (
            isinstance(__obj, types.BuiltinMethodType)
            and isinstance(__obj.__self__, str)
            and __obj.__name__ in _PADDING_METHODS
            and any(isinstance(arg, int) and arg > MAX_REPEAT for arg in (*args, *kwargs.values()))
        ):
            raise jinja2.exceptions.SecurityError("padding too large")
        return super().call(__context, __obj, *args, **kwargs)


def _link(name: Any) -> YamlText:
    if isinstance(name, (list, tuple)):
        return YamlText("[" + ", ".join(_link(item) for item in name) + "]")
    return YamlText(scalar(f"[[{name}]]") if name else "")


def _yaml(value: Any) -> YamlText:
    return YamlText(scalar(value))


def _front_matter_finalize(value: Any) -> Any:
    if isinstance(value, YamlText):
        return value
    if isinstance(value, jinja2.Undefined):
        return value
    return scalar(value)


def _body_finalize(value: Any) -> Any:
    return "" if value is None else value


def _environment(loader: jinja2.BaseLoader, finalize: Callable[[Any], Any]) -> NoteEnvironment:
    environment = NoteEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=finalize,
    )
    environment.filters["link"] = _link
    environment.filters["yaml"] = _yaml
    environment.filters["article"] = with_article
    return environment


@contextmanager
def _time_limit(shown: str) -> Iterator[None]:
    """Stop a template that runs too long (where the platform has an interval timer)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: Any) -> None:
        raise TemplateError(f"{shown}:1: the template took longer than {MAX_SECONDS} seconds; is there a runaway loop?")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory_limit() -> Iterator[None]:
    """Cap the memory a template may take (Linux: the address space, for the render only), so that
    one that allocates without bound fails with MemoryError instead of exhausting the machine."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as handle:
            in_use = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        previous = resource.getrlimit(resource.RLIMIT_AS)
        wanted = in_use + MAX_MEMORY_BYTES
        if previous[1] != resource.RLIM_INFINITY and wanted > previous[1]:
            raise OSError("the hard limit is lower already")
        resource.setrlimit(resource.RLIMIT_AS, (wanted, previous[1]))
    except (ImportError, OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, previous)


def _template_line(error: BaseException, shown: str) -> int:
    """The template line an error was raised on: the last traceback frame in that template."""
    line = 1
    traceback = error.__traceback__
    while traceback is not None:
        frame = traceback.tb_frame
        if frame.f_code.co_filename == shown:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def _split_template(source: str) -> tuple[str, str]:
    """A template's front-matter part and its body part, so each renders with its own rules."""
    end = front_matter_end(source)
    return ("", source) if end is None else (source[:end], source[end:])


class Renderer:
    """Renders a note kind from the vault's own template, or the packaged default."""

    def __init__(self, vault_templates: Path | None, vault_label: str, shared: bool = False) -> None:
        folders = []
        if vault_templates is not None and vault_templates.is_dir():
            folders.append((vault_templates, vault_label))
        folders.append((default_templates(), "<infoview templates>"))
        self.loader = FolderLoader(folders, vault_templates if shared else None)
        # Compiled parts, so that judging many prep sheets compiles the template once.
        self._compiled: dict[tuple[str, str, Callable[[Any], Any]], jinja2.Template] = {}

    @classmethod
    def for_vault(cls, vault: Path, config: Config) -> Renderer:
        """The vault's own templates folder first, then infoview's defaults. A folder in sight of
        Obsidian (any but the default, hidden one) may hold Obsidian's templates too: those are passed over."""
        folder = folder_on_disk(vault, config.folders.templates)
        return cls(vault / folder, folder, shared=config.folders.templates != DEFAULT_TEMPLATES)

    def source_of(self, name: str) -> tuple[str, str]:
        found = self.loader.locate(name)
        if found is None:
            raise TemplateError(f"no template {name} in the vault's templates folder or infoview's defaults")
        path, shown = found
        try:
            return path.read_text(encoding="utf-8-sig"), shown
        except (OSError, UnicodeDecodeError) as error:
            raise TemplateError(f"{shown}:1: cannot read the template: {error}") from None

    def render(self, name: str, context: dict[str, Any]) -> str:
        source, shown = self.source_of(name)
        try:
            with _memory_limit():  # compiling too: Jinja works out constant expressions then
                return self._render(source, shown, context)
        except MemoryError:
            raise TemplateError(
                f"{shown}:1: the template needs more than {MAX_MEMORY_BYTES // 2**20} MiB of memory; "
                "is something repeated or padded without bound?"
            ) from None

    def _render(self, source: str, shown: str, context: dict[str, Any]) -> str:
        front, body = _split_template(source)
        front_lines = front.count("\n")
        pieces = []
        if front:
            rendered = self._render_part(front, _front_matter_finalize, context, shown, 0)
            # An empty value leaves "key: "; Obsidian writes "key:".
            pieces.append(
                "".join(
                    line.rstrip(" \t\r\n") + line[len(line.rstrip("\r\n")) :]
                    for line in rendered.splitlines(keepends=True)
                )
            )
        if body:
            pieces.append(self._render_part(body, _body_finalize, context, shown, front_lines))
        text = "".join(pieces)
        if len(text) > MAX_OUTPUT_CHARS:
            raise TemplateError(f"{shown}:1: the template wrote more than {MAX_OUTPUT_CHARS // 1024} KiB")
        return text

    def _render_part(
        self, part: str, finalize: Callable[[Any], Any], context: dict[str, Any], shown: str, offset: int
    ) -> str:
        try:
            template = self._compiled.get((shown, part, finalize))
            if template is None:
                template = _environment(self.loader, finalize).from_string(part)
                template.filename = shown
                template.name = shown
                self._compiled[(shown, part, finalize)] = template
        except jinja2.TemplateSyntaxError as error:
            hint = ""
            if "{{date:" in part.replace(" ", "") or "{{title}}" in part:
                hint = " (Obsidian's own template syntax like {{date:YYYY-MM-DD}} is not Jinja: use {{ today }})"
            raise TemplateError(
                f"{shown}:{(error.lineno or 1) + offset}: template syntax error: {error.message}{hint}"
            ) from None
        try:
            with _time_limit(shown):
                pieces, size = [], 0
                for piece in template.generate(context):  # stop at the limit, not after building it all
                    size += len(piece)
                    if size > MAX_OUTPUT_CHARS:
                        raise TemplateError(f"{shown}:1: the template wrote more than {MAX_OUTPUT_CHARS // 1024} KiB")
                    pieces.append(piece)
                return "".join(pieces)
        except TemplateError:
            raise
        except jinja2.UndefinedError as error:
            line = _template_line(error, shown) + offset
            raise TemplateError(
                f"{shown}:{line}: {error.message}; the variables are listed in infoview's docs/templates.md"
            ) from None
        except jinja2.TemplateNotFound as error:
            raise TemplateError(
                f"{shown}:{_template_line(error, shown) + offset}: "
                f"cannot include {error.name!r}: only templates inside the templates folder"
            ) from None
        except (jinja2.exceptions.SecurityError, OverflowError) as error:
            raise TemplateError(
                f"{shown}:{_template_line(error, shown) + offset}: not allowed in a template: {error}"
            ) from None
        except (
            jinja2.TemplateError,
            ArithmeticError,
            TypeError,
            ValueError,
            AttributeError,
            RecursionError,
        ) as error:
            line = _template_line(error, shown) + offset
            raise TemplateError(f"{shown}:{line}: {type(error).__name__}: {str(error)[:200]}") from None


def copy_defaults(target: Path) -> list[Path]:
    """Copy the packaged templates into a vault's templates folder, never over an existing file."""
    target.mkdir(parents=True, exist_ok=True)
    created = []
    for name in TEMPLATE_NAMES:
        destination = target / name
        if destination.exists():
            continue
        with open(destination, "xb") as handle:
            handle.write((default_templates() / name).read_bytes())
        created.append(destination)
    return created
