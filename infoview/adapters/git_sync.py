"""Git for a vault: running git in the clone that holds it, and setting up the merge driver.

Everything goes through the ``git`` command, so the user's own git config (identity,
credentials, hooks) applies. A merge driver cannot be versioned: ``.gitattributes`` travels with
the repository and names the driver, but what the driver runs is read only from each clone's
own config, so every clone is set up once (``infoview sync --setup``).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from infoview.adapters.atomic import atomic_write
from infoview.core.errors import InfoviewError

ATTRIBUTES_LINE = "*.md merge=infoview"
DRIVER_NAME = "infoview: notes merged property by property"
# The files of .infoview/ that belong in git; everything else there is cache.
VERSIONED_SETTINGS = (".infoview/config.toml", ".infoview/.gitignore")
IN_PROGRESS = {
    "MERGE_HEAD": "a merge",
    "rebase-merge": "a rebase",
    "rebase-apply": "a rebase",
    "CHERRY_PICK_HEAD": "a cherry-pick",
    "REVERT_HEAD": "a revert",
}


class GitFailed(InfoviewError):
    """Raised when a git command fails (network, rejected push, a hook): exit status 1."""


class NotARepository(InfoviewError):
    """Raised when the vault is not inside a git clone: exit status 2."""

    exit_code = 2


class SyncRefused(InfoviewError):
    """Raised when sync will not start (conflicts, a merge in progress, staged work): exit status 3."""

    exit_code = 3


class PullConflict(InfoviewError):
    """Raised when the pull stopped at conflicts left for the user to resolve: exit status 4."""

    exit_code = 4


@dataclass
class Git:
    """Runs git in the clone that holds a vault; paths are relative to the clone's top folder."""

    vault: Path
    top: Path = field(init=False)
    prefix: str = field(init=False)  # the vault's folder inside the clone, "" or ending with "/"

    def __post_init__(self) -> None:
        try:
            done = self._run_in(self.vault, ["rev-parse", "--show-toplevel"])
        except FileNotFoundError:
            raise InfoviewError("git is not installed or not on PATH") from None
        if done.returncode != 0:
            raise NotARepository(f"{self.vault} is not in a git repository; run 'git init' there or clone one first")
        self.top = Path(os.fsdecode(done.stdout.strip()))
        relative = self.vault.resolve().relative_to(self.top.resolve()).as_posix()
        self.prefix = "" if relative == "." else relative + "/"

    @staticmethod
    def _run_in(folder: Path, args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        # Literal pathspecs: a note named "[draft] *.md" means that file, not a pattern.
        env = {**os.environ, "GIT_LITERAL_PATHSPECS": "1", "GIT_MERGE_AUTOEDIT": "no"}
        return subprocess.run(["git", *args], cwd=folder, input=stdin, capture_output=True, check=False, env=env)

    def run(self, *args: str, stdin: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess[bytes]:
        done = self._run_in(self.top, list(args), stdin)
        if check and done.returncode != 0:
            raise GitFailed(f"git {args[0]} failed: {git_message(done)}")
        return done

    def text(self, *args: str) -> str:
        """The trimmed output of a git command that must succeed."""
        return self.run(*args).stdout.decode("utf-8", "replace").strip()

    def lines(self, *args: str) -> list[str]:
        """The NUL-separated paths a git command lists (run it with -z)."""
        return [os.fsdecode(item) for item in self.run(*args).stdout.split(b"\0") if item]

    def shown(self, paths: list[str]) -> str:
        """Clone-relative paths as messages name them: relative to the vault when inside it."""
        return ", ".join(path.removeprefix(self.prefix) for path in paths)

    def config(self, key: str) -> str | None:
        done = self.run("config", "--get", key, check=False)
        return done.stdout.decode("utf-8", "replace").strip() if done.returncode == 0 else None

    def has_ref(self, ref: str) -> bool:
        return self.run("rev-parse", "--verify", "--quiet", ref, check=False).returncode == 0

    def git_path(self, name: str) -> Path:
        return self.top / self.text("rev-parse", "--git-path", name)


def git_message(done: subprocess.CompletedProcess[bytes]) -> str:
    """Git's own explanation of a failure: the last line of its output that is not a hint."""
    output = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
    useful = [line for line in output if line.strip() and not line.startswith("hint:")]
    return useful[-1].strip() if useful else f"exit status {done.returncode}"


# --- setting up a clone ----------------------------------------------------------------------


def driver_command() -> str:
    """The command git runs for the driver: this infoview's own Python, so it works from any PATH."""
    return f"{shlex.quote(sys.executable)} -m infoview merge-driver %O %A %B %P"


def setup_clone(vault: Path) -> list[str]:
    """Write the attributes line and set the driver in this clone's config; returns what was done."""
    git = Git(vault)
    done = [_write_attributes(vault / ".gitattributes")]
    git.run("config", "merge.infoview.name", DRIVER_NAME)
    git.run("config", "merge.infoview.driver", driver_command())
    done.append(f"set merge.infoview.driver in {git.git_path('config')}")
    return done


def _write_attributes(path: Path) -> str:
    """Add ``*.md merge=infoview`` to .gitattributes unless an equal line is there already."""
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = b""
    lines = old.decode("utf-8", "replace").splitlines()
    if any(line.split() == ATTRIBUTES_LINE.split() for line in lines):
        return f"{path.name} already has {ATTRIBUTES_LINE}"
    newline = b"\r\n" if b"\r\n" in old else b"\n"
    separator = newline if old and not old.endswith(b"\n") else b""
    atomic_write(path, old + separator + ATTRIBUTES_LINE.encode() + newline)
    return f"added {ATTRIBUTES_LINE} to {path.name}" if old else f"created {path.name} with {ATTRIBUTES_LINE}"


def driver_is_set(vault: Path) -> bool:
    return bool(Git(vault).config("merge.infoview.driver"))


def init_repository(directory: Path) -> str | None:
    """``git init`` the folder unless it is inside a clone already; returns what was done."""
    try:
        Git(directory)
        return None
    except NotARepository:
        pass
    done = subprocess.run(["git", "init", "-q", str(directory)], capture_output=True, check=False)
    if done.returncode != 0:
        raise GitFailed(f"git init failed: {git_message(done)}")
    return f"made {directory} a git repository"
