"""Two devices, one vault, real git: sync commits, pulls and pushes, and notes merge property by property."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import write_note

from infoview.core.sync_message import FileChange, describe_changes

Run = Callable[..., Result]
INTERVIEW = "Interviews/2026-12-03 Anna Lee.md"
INTERVIEW_TEXT = (
    "---\n"
    "type: interview\n"
    'person: "[[Anna Lee]]"\n'
    "date: 2026-12-03\n"
    "status: planned\n"
    "tags:\n"
    "  - pharma\n"
    "---\n"
    "## Notes\n"
    "\n"
    "She moved from QA to process development.\n"
    "\n"
    "## Takeaways\n"
    "\n"
    "Ask about tech transfer.\n"
)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def identify(repo: Path, name: str) -> None:
    git(repo, "config", "user.name", name)
    git(repo, "config", "user.email", f"{name.lower()}@example.org")


@pytest.fixture
def clones(tmp_path: Path, run: Run) -> tuple[Path, Path]:
    """A laptop that made the vault and pushed it, and a phone that cloned it; both set up for sync."""
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", "remote.git")
    laptop = tmp_path / "laptop"
    assert run("init", str(laptop), "--git", cwd=tmp_path).exit_code == 0
    git(laptop, "symbolic-ref", "HEAD", "refs/heads/main")
    identify(laptop, "Laptop")
    git(laptop, "remote", "add", "origin", str(tmp_path / "remote.git"))
    write_note(laptop, "People/Anna Lee.md", "---\ntype: person\ncompany: Acme\n---\n")
    write_note(laptop, INTERVIEW, INTERVIEW_TEXT)
    first = run("sync", cwd=laptop)
    assert first.exit_code == 0, first.output
    git(tmp_path, "clone", "--quiet", "remote.git", "phone")
    phone = tmp_path / "phone"
    identify(phone, "Phone")
    assert run("sync", "--setup", cwd=phone).exit_code == 0
    return laptop, phone


def test_init_git_makes_a_repository_with_the_driver_and_says_each_clone_needs_it(tmp_path: Path, run: Run) -> None:
    result = run("init", "career", "--git", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    vault = tmp_path / "career"
    assert (vault / ".gitattributes").read_text() == "*.md merge=infoview\n"
    assert "merge-driver %O %A %B %P" in git(vault, "config", "merge.infoview.driver")
    assert "cannot be versioned" in result.output and "infoview sync --setup" in result.output


def test_setup_adds_to_an_existing_gitattributes_once(tmp_path: Path, run: Run) -> None:
    git(tmp_path, "init", "--quiet", "vault")
    vault = tmp_path / "vault"
    (vault / ".gitattributes").write_bytes(b"*.png binary")
    for _ in range(2):
        result = run("sync", "--setup", "--vault", str(vault))
        assert result.exit_code == 0, result.output
    assert (vault / ".gitattributes").read_bytes() == b"*.png binary\n*.md merge=infoview\n"
    assert "already has *.md merge=infoview" in result.output


def test_first_sync_commits_notes_and_settings_but_never_the_cache(clones: tuple[Path, Path]) -> None:
    laptop, _phone = clones
    committed = git(laptop, "ls-files").split()
    assert ".infoview/config.toml" in committed and ".infoview/.gitignore" in committed
    assert not [
        path for path in committed if path.startswith(".infoview/") and "config" not in path and "ignore" not in path
    ]
    assert git(laptop, "status", "--porcelain") == ""
    assert (
        git(laptop, "log", "-1", "--format=%s")
        == "new interview: 2026-12-03 Anna Lee; new person: Anna Lee; 3 other files\n"
    )


def test_a_status_on_one_device_and_a_tag_on_the_other_merge_without_conflict(
    clones: tuple[Path, Path], run: Run
) -> None:
    laptop, phone = clones
    assert run("set", "2026-12-03 Anna Lee", "status=done", cwd=laptop).exit_code == 0
    assert run("set", "2026-12-03 Anna Lee", "--append", "tags=warm", cwd=phone).exit_code == 0
    assert run("sync", cwd=laptop).exit_code == 0
    result = run("sync", cwd=phone)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "committed: edited: 2026-12-03 Anna Lee",
        "merged 1 commit from origin/main",
        "pushed to origin/main",
    ]
    assert run("sync", cwd=laptop).exit_code == 0
    expected = INTERVIEW_TEXT.replace("status: planned", "status: done").replace(
        "  - pharma\n", "  - pharma\n  - warm\n"
    )
    assert (laptop / INTERVIEW).read_text() == expected
    assert (phone / INTERVIEW).read_text() == expected


def test_the_same_property_changed_on_both_devices_leaves_one_conflict_that_check_reports(
    clones: tuple[Path, Path], run: Run
) -> None:
    laptop, phone = clones
    assert run("set", "2026-12-03 Anna Lee", "status=cancelled", cwd=laptop).exit_code == 0
    assert run("set", "2026-12-03 Anna Lee", "status=done", "duration=45", cwd=phone).exit_code == 0
    assert run("sync", cwd=laptop).exit_code == 0
    result = run("sync", cwd=phone)
    assert result.exit_code == 4
    assert result.output.splitlines()[0] == "committed: done: 2026-12-03 Anna Lee"
    assert f"conflicts in {INTERVIEW}" in result.output
    text = (phone / INTERVIEW).read_text()
    assert text.count("<<<<<<<") == 1 and "duration: 45" in text and "## Notes" in text
    assert text.split("\n")[4:9] == [
        "<<<<<<< ours",
        "status: done",
        "=======",
        "status: cancelled",
        ">>>>>>> theirs",
    ]
    check = run("check", cwd=phone)
    assert check.exit_code == 1
    message = "unresolved merge conflict; resolve it and delete the <<<<<<<, ======= and >>>>>>> lines"
    assert check.stdout.splitlines() == [f"{INTERVIEW}:5: error: {message}; the note is left out until this is fixed"]
    again = run("sync", cwd=phone)
    assert again.exit_code == 3
    assert "a merge is in progress" in again.output and INTERVIEW in again.output


def test_body_edits_on_both_devices_merge_with_rebase_from_the_config(clones: tuple[Path, Path], run: Run) -> None:
    laptop, phone = clones
    (phone / ".infoview" / "config.toml").write_text('[sync]\npull = "rebase"\n')
    assert run("sync", cwd=phone).exit_code == 0
    assert run("sync", cwd=laptop).exit_code == 0
    note = laptop / INTERVIEW
    note.write_text(note.read_text().replace("QA", "quality assurance"))
    assert run("sync", cwd=laptop).exit_code == 0
    note = phone / INTERVIEW
    note.write_text(note.read_text().replace("tech transfer.", "tech transfer and scale-up."))
    result = run("sync", cwd=phone)
    assert result.exit_code == 0, result.output
    assert "rebased onto 1 commit from origin/main" in result.output
    assert (phone / INTERVIEW).read_text() == INTERVIEW_TEXT.replace("QA", "quality assurance").replace(
        "tech transfer.", "tech transfer and scale-up."
    )
    assert git(phone, "log", "--format=%p").count(" ") == 0  # a straight line: no merge commit


def test_the_message_says_what_changed_in_the_practice(clones: tuple[Path, Path], run: Run) -> None:
    laptop, _phone = clones
    assert run("done", "2026-12-03 Anna Lee", "--referral", "Carl Diaz", cwd=laptop).exit_code == 0
    assert run("sync", "--no-push", cwd=laptop).exit_code == 0
    assert git(laptop, "log", "-1", "--format=%s") == "done: 2026-12-03 Anna Lee; new person: Carl Diaz\n"
    assert "ahead 1" in git(laptop, "status", "--branch", "--porcelain")


def test_conflict_markers_in_a_note_refuse_the_sync_by_name(clones: tuple[Path, Path], run: Run) -> None:
    laptop, _phone = clones
    note = laptop / "People/Anna Lee.md"
    note.write_text("---\ntype: person\n<<<<<<< HEAD\ncompany: Acme\n=======\ncompany: Initech\n>>>>>>> other\n---\n")
    before = git(laptop, "rev-parse", "HEAD")
    result = run("sync", cwd=laptop)
    assert result.exit_code == 3
    assert result.output.startswith("Error: conflict markers in People/Anna Lee.md;")
    assert git(laptop, "rev-parse", "HEAD") == before


def test_staged_work_outside_the_vault_stays_staged_and_inside_is_refused(tmp_path: Path, run: Run) -> None:
    repo = tmp_path / "home-repo"
    git(tmp_path, "init", "--quiet", "home-repo")
    identify(repo, "Me")
    assert run("init", "career", cwd=repo).exit_code == 0
    (repo / "todo.txt").write_text("mine\n")
    git(repo, "add", "todo.txt")
    write_note(repo / "career", "People/Anna Lee.md", "---\ntype: person\n---\n")
    result = run("sync", cwd=repo / "career")
    assert result.exit_code == 0, result.output
    assert "no remote" in result.output
    assert git(repo, "show", "--name-only", "--format=", "HEAD").splitlines() == [
        "career/.infoview/.gitignore",
        "career/.infoview/config.toml",
        "career/People/Anna Lee.md",
    ]
    assert git(repo, "diff", "--cached", "--name-only") == "todo.txt\n"
    write_note(repo / "career", "People/Bob Chen.md", "---\ntype: person\n---\n")
    git(repo, "add", "career/People/Bob Chen.md")
    refused = run("sync", cwd=repo / "career")
    assert refused.exit_code == 3
    assert "staged changes in the vault (People/Bob Chen.md)" in refused.output


def test_outside_a_git_repository_sync_says_so(vault: Path, run: Run) -> None:
    result = run("sync", "--vault", str(vault))
    assert result.exit_code == 2
    assert result.output == f"Error: {vault} is not in a git repository; run 'git init' there or clone one first\n"


def test_a_wrong_pull_setting_names_the_line(clones: tuple[Path, Path], run: Run) -> None:
    laptop, _phone = clones
    (laptop / ".infoview" / "config.toml").write_text('followup_days = 90\n[sync]\npull = "squash"\n')
    result = run("sync", cwd=laptop)
    assert result.exit_code == 1
    assert result.output == 'Error: .infoview/config.toml:3: sync.pull: must be "merge" or "rebase"\n'


class TestMergeDriverCommand:
    def test_exit_status_is_zero_when_clean_and_one_on_a_conflict(self, tmp_path: Path, run: Run) -> None:
        base = write_note(tmp_path, "base.md", INTERVIEW_TEXT)
        ours = write_note(tmp_path, "ours.md", INTERVIEW_TEXT.replace("status: planned", "status: done"))
        theirs = write_note(tmp_path, "theirs.md", INTERVIEW_TEXT.replace("pharma", "biotech"))
        assert run("merge-driver", str(base), str(ours), str(theirs), INTERVIEW).exit_code == 0
        assert ours.read_text() == INTERVIEW_TEXT.replace("status: planned", "status: done").replace(
            "pharma", "biotech"
        )
        theirs.write_text(INTERVIEW_TEXT.replace("status: planned", "status: cancelled"))
        result = run("merge-driver", str(base), str(ours), str(theirs), INTERVIEW)
        assert result.exit_code == 1
        assert result.output == f"{INTERVIEW}: conflict in status; resolve it, then 'infoview check' should be clean\n"

    def test_a_missing_file_is_one_clear_line(self, tmp_path: Path, run: Run) -> None:
        base = write_note(tmp_path, "base.md", INTERVIEW_TEXT)
        result = run("merge-driver", str(base), str(tmp_path / "gone.md"), str(base))
        assert result.exit_code == 2
        assert "gone.md' does not exist" in result.output and "Traceback" not in result.output


def test_a_cache_file_committed_by_mistake_is_never_committed_again(clones: tuple[Path, Path], run: Run) -> None:
    laptop, _phone = clones
    cache = laptop / ".infoview" / "cache" / "files"
    assert run("index", cwd=laptop).exit_code == 0 and cache.exists()
    git(laptop, "add", "--force", ".infoview/cache/files")
    git(laptop, "commit", "--quiet", "-m", "oops")
    write_note(laptop, "People/Bob Chen.md", "---\ntype: person\n---\n")
    assert run("index", cwd=laptop).exit_code == 0
    assert git(laptop, "status", "--porcelain", ".infoview") == " M .infoview/cache/files\n"
    assert run("sync", cwd=laptop).exit_code == 0
    assert git(laptop, "show", "--name-only", "--format=", "HEAD") == "People/Bob Chen.md\n"


def test_a_hook_that_refuses_the_commit_leaves_nothing_staged(clones: tuple[Path, Path], run: Run) -> None:
    laptop, _phone = clones
    hook = laptop / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'no commits today' >&2\nexit 1\n")
    hook.chmod(0o755)
    write_note(laptop, "People/Bob Chen.md", "---\ntype: person\n---\n")
    result = run("sync", cwd=laptop)
    assert result.exit_code == 1
    assert result.output == "Error: git commit failed (nothing was committed): no commits today\n"
    assert git(laptop, "status", "--porcelain") == '?? "People/Bob Chen.md"\n'


class TestCommitMessage:
    KINDS = {"people": "person", "interviews": "interview", "outreach": "outreach"}

    def test_statuses_first_then_new_notes_then_the_rest(self) -> None:
        planned = b"---\nperson: '[[Dana Wu]]'\ndate: 2026-12-05\nstatus: draft\n---\n"
        changes = [
            FileChange("People/Bob Chen.md", b"---\ncompany: Acme\n---\n", b"---\ncompany: Initech\n---\n"),
            FileChange("Outreach/Dana Wu.md", planned, planned.replace(b"draft", b"sent")),
            FileChange("People/Carl Diaz.md", None, b"---\ntype: person\n---\n"),
            FileChange("attachments/cv.pdf", None, None),
        ]
        assert describe_changes(changes, self.KINDS) == (
            "sent: Dana Wu; new person: Carl Diaz; edited: Bob Chen; 1 other file"
        )

    def test_a_long_list_gives_counts_then_one_line_per_note(self) -> None:
        changes = [FileChange(f"People/Person Number {n}.md", None, b"---\ntype: person\n---\n") for n in range(6)]
        message = describe_changes(changes, self.KINDS)
        assert message.split("\n")[:3] == ["new person: 6 notes", "", "new person: Person Number 0"]
        assert len(message.split("\n")) == 8


def test_a_detached_head_is_refused_before_anything_is_committed(clones: tuple[Path, Path], run: Run) -> None:
    laptop, _phone = clones
    git(laptop, "checkout", "--quiet", "--detach")
    write_note(laptop, "People/Bob Chen.md", "---\ntype: person\n---\n")
    result = run("sync", cwd=laptop)
    assert result.exit_code == 3
    assert "HEAD is detached (not on a branch); check out your branch, then sync again" in result.output
    assert git(laptop, "status", "--porcelain") == '?? "People/Bob Chen.md"\n'


def test_an_unreachable_remote_says_the_changes_are_committed_here(
    clones: tuple[Path, Path], run: Run, tmp_path: Path
) -> None:
    laptop, _phone = clones
    git(laptop, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    write_note(laptop, "People/Bob Chen.md", "---\ntype: person\n---\n")
    result = run("sync", cwd=laptop)
    assert result.exit_code == 1
    assert "Error: could not fetch from origin (your changes are committed here): " in result.output
    assert git(laptop, "status", "--porcelain") == ""
    assert git(laptop, "log", "-1", "--format=%s") == "new person: Bob Chen\n"


def test_a_remote_that_refuses_the_push_says_to_sync_again_later(
    clones: tuple[Path, Path], run: Run, tmp_path: Path
) -> None:
    laptop, _phone = clones
    hook = tmp_path / "remote.git" / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'the remote is closed today' >&2\nexit 1\n")
    hook.chmod(0o755)
    write_note(laptop, "People/Bob Chen.md", "---\ntype: person\n---\n")
    result = run("sync", cwd=laptop)
    assert result.exit_code == 1
    assert "git push failed (your changes are committed here; sync again later): " in result.output
    assert git(laptop, "log", "-1", "--format=%s") == "new person: Bob Chen\n"


def test_a_clone_that_did_not_start_from_the_remote_is_told_to_clone_it(
    clones: tuple[Path, Path], run: Run, tmp_path: Path
) -> None:
    assert run("init", str(tmp_path / "tablet"), "--git", cwd=tmp_path).exit_code == 0
    tablet = tmp_path / "tablet"
    git(tablet, "symbolic-ref", "HEAD", "refs/heads/main")
    identify(tablet, "Tablet")
    git(tablet, "remote", "add", "origin", str(tmp_path / "remote.git"))
    write_note(tablet, "People/Dana Wu.md", "---\ntype: person\n---\n")
    result = run("sync", cwd=tablet)
    assert result.exit_code == 1
    assert "unrelated histories" in result.output
    assert "(this clone did not start from origin/main: clone it instead, then copy your notes in)" in result.output
