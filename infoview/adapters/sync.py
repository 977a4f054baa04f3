"""``infoview sync``: commit the vault's changes with a message that says what changed, pull, push.

The order matters: refuse first (nothing is touched while a note holds conflict markers, a merge
or rebase is in progress, or the user staged vault files themselves), then commit only the
vault's own files, then bring in the other devices' commits (the merge driver settles notes
touched on both sides), then push.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from infoview.adapters.cache import ensure_infoview_dir
from infoview.adapters.git_sync import (
    IN_PROGRESS,
    VERSIONED_SETTINGS,
    Git,
    GitFailed,
    PullConflict,
    SyncRefused,
    git_message,
)
from infoview.core.config import Config
from infoview.core.sync_message import FileChange, describe_changes


def sync_vault(vault: Path, config: Config, pull: str, push: bool, say: Callable[[str], None]) -> None:
    """Commit, pull (``"merge"`` or ``"rebase"``) and push, saying each step as it is done.

    Raises SyncRefused before anything is changed, PullConflict when the pull stopped at
    conflicts, GitFailed when git could not do a step (the steps before it stay done).
    """
    git = Git(vault)
    branch = _ready_branch(git)
    ensure_infoview_dir(vault)
    committed = _commit_vault(git, config)
    say(f"committed: {committed}" if committed else "nothing to commit")
    remote = _remote_of(git, branch)
    if remote is None:
        say("no remote: the commit stays in this clone (add one with: git remote add origin URL)")
        return
    upstream = (git.config(f"branch.{branch}.merge") or branch).removeprefix("refs/heads/")
    fetched = git.run("fetch", "--quiet", remote, check=False)
    if fetched.returncode != 0:
        raise GitFailed(f"could not fetch from {remote} (your changes are committed here): {git_message(fetched)}")
    tracking = f"{remote}/{upstream}"
    known = git.has_ref(f"refs/remotes/{tracking}")
    if known:
        pulled = _pull(git, tracking, pull)
        verb = "rebased onto" if pull == "rebase" else "merged"
        say(f"{verb} {_plural(pulled, 'commit')} from {tracking}" if pulled else f"up to date with {tracking}")
    if push and git.has_ref("HEAD") and (not known or _count(git, f"refs/remotes/{tracking}..HEAD")):
        _push(git, branch, remote, upstream)
        say(f"pushed to {tracking}")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _ready_branch(git: Git) -> str:
    """The current branch, once nothing stands in the way of a sync."""
    for name, what in IN_PROGRESS.items():
        if git.git_path(name).exists():
            unmerged = git.lines("diff", "--name-only", "--diff-filter=U", "-z")
            listed = f" (unmerged: {git.shown(unmerged)})" if unmerged else ""
            raise SyncRefused(
                f"{what} is in progress{listed}; finish it or abort it ('git status' says how), then sync again"
            )
    conflicted = _notes_with_conflict_markers(git)
    if conflicted:
        raise SyncRefused(
            f"conflict markers in {', '.join(conflicted)}; resolve them ('infoview check' shows the lines), "
            "then sync again"
        )
    done = git.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if done.returncode != 0:
        raise SyncRefused("HEAD is detached (not on a branch); check out your branch, then sync again")
    staged = [path for path in _staged(git) if path.startswith(git.prefix)]
    if staged:
        raise SyncRefused(
            f"you have staged changes in the vault ({git.shown(staged)}); commit them yourself or unstage them "
            "(git restore --staged PATH), then sync again"
        )
    return done.stdout.decode("utf-8", "replace").strip()


def _notes_with_conflict_markers(git: Git) -> list[str]:
    """Vault notes (tracked or new) holding a ``<<<<<<<`` line and, later, a ``>>>>>>>`` line."""
    found = git.run(
        "grep", "-l", "-z", "--untracked", "--all-match", "-E", "-e", "^<<<<<<<( |$)", "-e", "^>>>>>>>( |$)",
        "--", git.prefix or ".", check=False,
    )  # fmt: skip
    if found.returncode not in (0, 1):
        raise GitFailed(f"git grep failed: {git_message(found)}")
    paths = [item.decode("utf-8", "replace") for item in found.stdout.split(b"\0") if item]
    relative = [path.removeprefix(git.prefix) for path in paths]
    return sorted(path for path in relative if path.endswith(".md") and not _hidden(path))


def _hidden(path: str) -> bool:
    return any(part.startswith(".") for part in path.split("/"))


def _staged(git: Git) -> list[str]:
    if git.has_ref("HEAD"):
        return git.lines("diff", "--cached", "--name-only", "--no-renames", "-z")
    return git.lines("ls-files", "--cached", "-z")


def _vault_changes(git: Git) -> list[tuple[str, str]]:
    """(status, clone-relative path) of every changed file of the vault, the cache left out."""
    output = git.run(
        "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", git.prefix or "."
    ).stdout
    changes = []
    for record in output.split(b"\0"):
        if not record:
            continue
        status, path = record[:2].decode(), record[3:].decode("utf-8", "surrogateescape")
        inside = path.removeprefix(git.prefix)
        if inside.startswith(".infoview/") and inside not in VERSIONED_SETTINGS:
            continue  # the cache: never committed, even if it was once by mistake
        changes.append((status, path))
    return changes


def _commit_vault(git: Git, config: Config) -> str | None:
    """Commit the vault's changed files (and only them); returns the subject, None when nothing changed."""
    changes = _vault_changes(git)
    if not changes:
        return None
    paths = [path for _status, path in changes]
    message = describe_changes(_file_changes(git, changes), config.folders.kinds(), config.properties)
    pathspec = b"\0".join(path.encode("utf-8", "surrogateescape") for path in paths)
    git.run("add", "--all", "--pathspec-from-file=-", "--pathspec-file-nul", stdin=pathspec)
    # With paths, commit takes only them: whatever else the user staged stays staged, uncommitted.
    done = git.run(
        "commit", "--quiet", "--message", message, "--pathspec-from-file=-", "--pathspec-file-nul",
        stdin=pathspec, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        _unstage(git, pathspec)
        raise GitFailed(f"git commit failed (nothing was committed): {git_message(done)}")
    return message.split("\n", 1)[0]


def _unstage(git: Git, pathspec: bytes) -> None:
    if git.has_ref("HEAD"):
        git.run("reset", "--quiet", "--pathspec-from-file=-", "--pathspec-file-nul", stdin=pathspec, check=False)
    else:
        git.run("rm", "--cached", "--quiet", "-r", "--pathspec-from-file=-", "--pathspec-file-nul", stdin=pathspec)


def _file_changes(git: Git, changes: list[tuple[str, str]]) -> list[FileChange]:
    """Each change with the note's bytes before (from HEAD) and after (from disk)."""
    before = _committed_bytes(git, [path for status, path in changes if path.endswith(".md") and status != "??"])
    found = []
    for _status, path in changes:
        inside = path.removeprefix(git.prefix)
        if not path.endswith(".md"):
            found.append(FileChange(inside, None, None))  # counted, never read: attachments can be large
            continue
        file = git.top / path
        after = file.read_bytes() if file.is_file() else None
        found.append(FileChange(inside, before.get(path), after))
    return found


def _committed_bytes(git: Git, paths: list[str]) -> dict[str, bytes]:
    """The committed bytes of each path, with one ``git cat-file`` for all of them."""
    if not paths or not git.has_ref("HEAD"):
        return {}
    request = "".join(f"HEAD:{path}\n" for path in paths).encode("utf-8", "surrogateescape")
    output = git.run("cat-file", "--batch", stdin=request).stdout
    found: dict[str, bytes] = {}
    position = 0
    for path in paths:
        header_end = output.index(b"\n", position)
        header = output[position:header_end].split()
        position = header_end + 1
        if header[-1] == b"missing":
            continue
        size = int(header[2])
        found[path] = output[position : position + size]
        position += size + 1
    return found


def _remote_of(git: Git, branch: str) -> str | None:
    configured = git.config(f"branch.{branch}.remote")
    if configured:
        return configured
    remotes = git.text("remote").split()
    if "origin" in remotes:
        return "origin"
    return remotes[0] if len(remotes) == 1 else None


def _count(git: Git, revisions: str) -> int:
    return int(git.text("rev-list", "--count", revisions))


def _pull(git: Git, tracking: str, mode: str) -> int:
    """Merge or rebase onto the remote's commits (``tracking``: "origin/main"); returns how many came in."""
    ref = f"refs/remotes/{tracking}"
    incoming = _count(git, f"HEAD..{ref}" if git.has_ref("HEAD") else ref)
    if not incoming:
        return 0
    if mode == "rebase" and git.has_ref("HEAD"):
        done = git.run("rebase", "--quiet", "--autostash", tracking, check=False)
    else:
        done = git.run("merge", "--quiet", "--no-edit", tracking, check=False)
    if done.returncode == 0:
        return incoming
    unmerged = git.lines("diff", "--name-only", "--diff-filter=U", "-z")
    if not unmerged:
        problem = git_message(done)
        if "unrelated histories" in problem:
            problem += f" (this clone did not start from {tracking}: clone it instead, then copy your notes in)"
        raise GitFailed(f"git {mode} failed: {problem}")
    if mode == "rebase":
        finish = "git add them, git rebase --continue (or git rebase --abort)"
    else:
        finish = "git add them and git commit (or git merge --abort)"
    raise PullConflict(
        f"the pull left conflicts in {git.shown(unmerged)}; resolve them ('infoview check' shows where), "
        f"{finish}, then sync again"
    )


def _push(git: Git, branch: str, remote: str, upstream: str) -> None:
    track = [] if git.config(f"branch.{branch}.remote") else ["--set-upstream"]
    done = git.run("push", "--quiet", *track, remote, f"HEAD:refs/heads/{upstream}", check=False)
    if done.returncode != 0:
        raise GitFailed(f"git push failed (your changes are committed here; sync again later): {git_message(done)}")
