"""The vault's config: every key has a default, and every mistake is named by its file, line and key."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from infoview.adapters.config_file import load_config
from infoview.core.config import CONFIG_PATH, DEFAULT_BREADTH, Config, Folders, Goal, Me, parse_config
from infoview.core.errors import ConfigError

Run = Callable[..., Result]

FULL = '''followup_days = 75
dashboard = "Notes/Practice.md"

[me]
name = "Julie Moreau"
intro = "A physics PhD student moving toward pharmaceutical manufacturing"
bio = """Two lines
of bio."""
availability = "Mondays 9-12"

[pitches]
scientist = "I measure things."
builder = "I build things."

[[goals]]
since = 2025-06-01
count = 1
per = "week"

[[goals]]
since = 2024-01-01T09:00:00
count = 2
per = "month"

[folders]
people = "Contacts"
interviews = "Calls"
outreach = "Messages"
templates = "Infoview Templates"

[breadth]
deep = 50
wide = 40
random = 10
'''


def test_an_empty_config_and_a_missing_one_give_the_defaults(tmp_path: Path) -> None:
    assert parse_config("") == Config() == load_config(tmp_path)
    defaults = Config()
    assert (defaults.followup_days, defaults.dashboard, defaults.pitches) == (90, "Dashboard.md", {})
    assert defaults.goal_on(date(2026, 1, 1)) == Goal(since=date(1900, 1, 1), count=1, per="month")
    assert defaults.folders.kinds() == {"people": "person", "interviews": "interview", "outreach": "outreach"}
    assert defaults.breadth == DEFAULT_BREADTH


def test_every_setting_is_read() -> None:
    config = parse_config(FULL)
    assert config.followup_days == 75 and config.dashboard == "Notes/Practice.md"
    assert config.me == Me(
        name="Julie Moreau",
        intro="A physics PhD student moving toward pharmaceutical manufacturing",
        bio="Two lines\nof bio.",
        availability="Mondays 9-12",
    )
    assert config.pitches == {"scientist": "I measure things.", "builder": "I build things."}
    assert config.goals == (Goal(date(2024, 1, 1), 2, "month"), Goal(date(2025, 6, 1), 1, "week"))  # by date
    assert config.folders == Folders(
        people="Contacts", interviews="Calls", outreach="Messages", templates="Infoview Templates"
    )
    assert config.folders.kinds()["calls"] == "interview"
    assert config.breadth == {"deep": 0.5, "wide": 0.4, "random": 0.1}


def test_the_goal_in_force_follows_the_history() -> None:
    config = parse_config(FULL)
    assert config.goal_on(date(2025, 5, 31)) == Goal(date(2024, 1, 1), 2, "month")
    assert config.goal_on(date(2025, 6, 1)) == Goal(date(2025, 6, 1), 1, "week")


MISTAKES = [
    ('followup_days = 90\ncolour = "red"\n', 2, "colour: unknown setting; the settings are "),
    ('[me]\nname = "A"\n\n[theme]\ndark = true\n', 4, "theme: unknown setting"),
    ('[properties]\ntitel = "Role"\n', 2, "properties.titel: not a property infoview knows"),
    ('[properties]\ntitle = ["Role", 3]\n', 2, "properties.title: must be a name or a list of names"),
    ('[properties]\ntitle = "Role"\ncompany = "role"\n', 3, "properties.company: 'role' already stands for title"),
    ('[properties]\ntitle = "Company"\n', 2, "properties.title: 'Company' already stands for company"),
    ("[folders]\ninterviews = []\n", 2, "folders.interviews: must be a folder name"),
    ('[folders]\ntemplates = ["A", "B"]\n', 2, "folders.templates: must be one folder"),
    (
        'followup_days = "ninety"\n',
        1,
        "followup_days: must be a whole number of days from 1 to 3650 (ten years), like 90",
    ),
    ("\n\nfollowup_days = 0\n", 3, "followup_days: must be a whole number of days"),
    ("followup_days = true\n", 1, "followup_days: must be a whole number of days"),
    ('dashboard = "../Dashboard.md"\n', 1, 'dashboard: must be a note path inside the vault, like "Dashboard.md"'),
    ('dashboard = ".infoview/Dashboard.md"\n', 1, "dashboard: must be a note path inside the vault"),
    ('dashboard = "Dashboard.txt"\n', 1, "dashboard: must be a note path inside the vault"),
    ("dashboard = 3\n", 1, "dashboard: must be text in double quotes"),
    ('me = "Julie"\n', 1, "me: must be a table, written [me]"),
    (
        '[me]\nname = "Julie"\nphone = "+33 1"\n',
        3,
        "me.phone: unknown setting; [me] takes name, intro, bio, availability",
    ),
    ("[me]\n\nname = 42\n", 3, "me.name: must be text in double quotes"),
    ('pitches = "builder"\n', 1, "pitches: must be a table, written [pitches]"),
    ('[pitches]\nscientist = "x"\nbuilder = 1\n', 3, "pitches.builder: must be text in double quotes"),
    ('[folders]\npeople = "People"\narchive = "Old"\n', 3, "folders.archive: unknown folder; [folders] takes"),
    (
        '[folders]\npeople = "People"\ninterviews = "Work/Calls"\n',
        3,
        "folders.interviews: must be the name of one folder",
    ),
    ('[folders]\noutreach = ".Outreach"\n', 2, "folders.outreach: must be the name of one folder"),
    ('[folders]\ntemplates = ""\n', 2, "folders.templates: must be the name of one folder"),
    (
        "[breadth]\ndeep = 60\nwide = 30\nodd = 10\n",
        4,
        "breadth.odd: unknown setting; [breadth] takes deep, wide and random",
    ),
    ('[breadth]\ndeep = 60\nwide = "30"\nrandom = 10\n', 3, "breadth.wide: must be a percentage from 0 to 100"),
    ("[breadth]\ndeep = 60\nwide = 30\nrandom = 20\n", 1, "breadth: deep, wide and random must add up to 100"),
    ("[breadth]\ndeep = 70\nwide = 30\n", 1, "breadth: deep, wide and random must add up to 100"),
    ("goals = 3\n", 1, "goals: write each goal as a [[goals]] table with since, count and per"),
    ("goals = []\n", 1, "goals: write each goal as a [[goals]] table"),
    ('[[goals]]\nsince = 2024-01-01\nevery = "week"\n', 3, "goals.every: unknown setting; [[goals]] takes since,"),
    ('[[goals]]\nsince = "2024-01-01"\n', 2, "goals.since: must be a date, like 2025-01-01 (no quotes)"),
    (
        "[[goals]]\nsince = 2024-01-01\ncount = 0\n",
        3,
        "goals.count: must be a whole number of interviews from 1 to 1000",
    ),
    ('[[goals]]\nsince = 2024-01-01\nper = "day"\n', 3, 'goals.per: must be "week" or "month"'),
    ('followup_days = 90\n[me\nname = "x"\n', 2, "invalid TOML: Expected ']' at the end of a table declaration"),
    ("followup_days = 90\ndashboard =\n", 2, "invalid TOML: Invalid value"),
]


@pytest.mark.parametrize(("text", "line", "message"), MISTAKES)
def test_a_mistake_is_named_by_file_line_and_key(text: str, line: int, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(text)
    assert (raised.value.path, raised.value.line) == (CONFIG_PATH, line)
    assert str(raised.value).startswith(f"{CONFIG_PATH}:{line}: {message}")


def test_a_mistake_in_the_second_goal_names_its_own_line() -> None:
    text = "[[goals]]\nsince = 2024-01-01\ncount = 1\n\n[[goals]]\nsince = 2025-01-01\ncount = 0\n"
    with pytest.raises(ConfigError) as raised:
        parse_config(text)
    assert raised.value.line == 7


def test_a_config_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    (tmp_path / CONFIG_PATH).parent.mkdir()
    (tmp_path / CONFIG_PATH).mkdir()  # a folder where the file should be
    with pytest.raises(ConfigError, match=rf"^{CONFIG_PATH}:1: cannot read the config: "):
        load_config(tmp_path)


def test_a_config_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    (tmp_path / CONFIG_PATH).parent.mkdir()
    (tmp_path / CONFIG_PATH).write_bytes(b'followup_days = 90\n\n[me]\nname = "Jos\xe9"\n')
    with pytest.raises(ConfigError, match=rf"^{CONFIG_PATH}:4: the config is not UTF-8 text$"):
        load_config(tmp_path)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    (tmp_path / CONFIG_PATH).parent.mkdir()
    (tmp_path / CONFIG_PATH).write_bytes('\ufeff[me]\nname = "José"\n'.encode())
    assert load_config(tmp_path).me.name == "José"


def test_the_command_line_shows_the_mistake_and_fails(tmp_path: Path, run: Run) -> None:
    (tmp_path / CONFIG_PATH).parent.mkdir()
    (tmp_path / CONFIG_PATH).write_text('followup_days = 90\ncolour = "red"\n', encoding="utf-8")
    result = run("ls", cwd=tmp_path)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {CONFIG_PATH}:2: colour: unknown setting")


def test_folders_take_a_list_and_properties_map_the_vaults_own_names() -> None:
    config = parse_config(
        '[folders]\ninterviews = ["Interviews", "Meetings"]\n\n[properties]\ntitle = ["Position", "Role"]\n'
    )
    assert config.folders.interviews == "Interviews"  # where new interview notes go
    assert config.folders.kinds()["meetings"] == "interview"
    assert config.properties.field_of("position") == "title"
    assert config.properties.field_of("Role") == "title"
    assert config.properties.spelling("title") == "Position"


def test_a_new_vaults_config_says_what_infoview_would_do_without_it(tmp_path: Path, run: Run) -> None:
    """The settings `init` writes out are the defaults (only the goal starts on the day of init)."""
    result = run("init", str(tmp_path / "career"))
    assert result.exit_code == 0, result.stderr
    written = load_config(tmp_path / "career")
    assert written.goals == (Goal(since=date.today(), count=1, per="month"),)  # noqa: DTZ011 - init takes the local day
    assert written == Config(goals=written.goals)
