"""Which files are notes, and how the vault is found."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import write_note

from infoview.adapters.scan import find_vault, scan_vault
from infoview.core.config import Config
from infoview.core.errors import VaultNotFoundError


def scanned(vault: Path) -> tuple[list[str], list[str]]:
    scan = scan_vault(vault, Config())
    return sorted(scan.files), [f"{problem.path}: {problem.message}" for problem in scan.problems]


def test_only_markdown_notes_outside_hidden_and_template_folders(vault: Path) -> None:
    for rel in [
        "People/Anna.md",
        "Home.md",
        "Deep/er/Note.MD",
        ".obsidian/x.md",
        ".trash/Gone.md",
        "People/.Hidden.md",
        ".infoview/templates/person.md",
        "Templates/person.md",
        "Sub/Templates/kept.md",
        "Tpl/Templater/daily.md",
        "Dashboard.md",
        "notes.txt",
        ".infoview/cache/x.md",
    ]:
        write_note(vault, rel, "---\na: 1\n---\n")
    # The folders Obsidian's Templates plugin and Templater take their templates from are not notes either.
    write_note(vault, ".obsidian/templates.json", '{"folder": "Templates"}')
    write_note(vault, ".obsidian/plugins/templater-obsidian/data.json", '{"templates_folder": "Tpl/Templater"}')
    files, problems = scanned(vault)
    assert files == ["Deep/er/Note.MD", "Home.md", "People/Anna.md", "Sub/Templates/kept.md"]
    assert problems == []


def test_symlinks(vault: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text("---\npassword: hunter2\n---\n")
    write_note(vault, "People/Anna.md", "---\na: 1\n---\n")
    os.symlink(outside, vault / "People" / "leak.md")
    os.symlink(vault / "People" / "Anna.md", vault / "Alias.md")
    os.symlink(vault / "nowhere.md", vault / "Dangling.md")
    os.symlink(vault, vault / "loop")  # a folder link back to the vault is not followed
    files, problems = scanned(vault)
    assert files == ["Alias.md", "People/Anna.md"]
    assert sorted(problems) == [
        "Dangling.md: is a symbolic link to nothing; left out",
        "People/leak.md: is a symbolic link to a file outside the vault; left out",
    ]


def test_fifo_and_folder_named_md(vault: Path) -> None:
    os.mkfifo(vault / "pipe.md")
    (vault / "folder.md").mkdir()
    write_note(vault, "folder.md/inner.md", "x")
    files, problems = scanned(vault)
    assert files == ["folder.md/inner.md"]
    assert problems == ["pipe.md: is not a regular file (a pipe, socket or device); left out"]


@pytest.mark.parametrize(
    "name",
    [
        "Anna.sync-conflict-20240101-120000-ABCDEF.md",
        "Anna (Julie's conflicted copy 2024-01-01).md",
        "Anna_BACKUP_12345.md",
        "Anna_LOCAL_12345.md",
    ],
)
def test_conflict_copies_are_left_out_with_a_warning(vault: Path, name: str) -> None:
    write_note(vault, f"People/{name}", "---\na: 1\n---\n")
    files, problems = scanned(vault)
    assert files == []
    assert len(problems) == 1 and "conflict copy" in problems[0]


def test_non_utf8_file_name(vault: Path) -> None:
    (vault / "People").mkdir()
    os.close(os.open(os.path.join(os.fsencode(vault / "People"), b"caf\xe9.md"), os.O_CREAT | os.O_WRONLY))
    files, problems = scanned(vault)
    assert files == []
    assert problems == ["People/caf\\xe9.md: the file name is not valid UTF-8 (rename the file); left out"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_folder_is_reported(vault: Path) -> None:
    write_note(vault, "Locked/x.md", "x")
    (vault / "Locked").chmod(0)
    try:
        _files, problems = scanned(vault)
    finally:
        (vault / "Locked").chmod(0o755)
    assert problems and "cannot read this folder" in problems[0]


class TestFindVault:
    def test_walks_up_from_a_subfolder(self, vault: Path) -> None:
        (vault / "People" / "deep").mkdir(parents=True)
        assert find_vault(None, None, vault / "People" / "deep") == vault.resolve()

    def test_option_beats_environment_beats_cwd(self, vault: Path, tmp_path: Path) -> None:
        other = tmp_path / "plain-obsidian"
        other.mkdir()
        assert find_vault(str(other), str(vault), vault) == other.resolve()
        assert find_vault(None, str(other), vault) == other.resolve()

    def test_nothing_found_says_what_to_do(self, tmp_path: Path) -> None:
        with pytest.raises(VaultNotFoundError, match="infoview init"):
            find_vault(None, None, tmp_path)

    def test_missing_explicit_folder(self, tmp_path: Path) -> None:
        with pytest.raises(VaultNotFoundError, match="--vault .*no such folder"):
            find_vault(str(tmp_path / "nope"), None, tmp_path)
