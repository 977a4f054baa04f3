"""``infoview learnings``: the takeaways of done calls, grouped, filtered, linked back, and kept in a
synthesis note whose own text is never overwritten."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import Generated, examples, write_note
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview.adapters.cache import load_index
from infoview.adapters.config_file import load_config
from infoview.adapters.learnings import gather, learnings_for_prep, write_synthesis
from infoview.core.analysis.learnings import excerpts, relevant_to
from infoview.core.analysis.practice import Practice

Run = Callable[..., Result]


def person(vault: Path, name: str, **properties: str) -> None:
    lines = "".join(f"{key}: {value}\n" for key, value in properties.items())
    write_note(vault, f"People/{name}.md", f"---\ntype: person\n{lines}---\n# {name}\n")


def call(vault: Path, day: str, name: str, body: str, status: str = "done", extra: str = "") -> None:
    write_note(
        vault,
        f"Interviews/{day} {name}.md",
        f'---\ntype: interview\nperson: "[[{name}]]"\ndate: {day}\nstatus: {status}\n{extra}---\n{body}',
    )


@pytest.fixture
def practice_vault(vault: Path) -> Path:
    person(vault, "Lucía Fernández", company="Novartis", title="Head of QA", industry="Pharma", function="Quality")
    person(vault, "Ben Carter", company="Roche", title="Process Engineer", industry="pharma", tags="[warm]")
    person(vault, "Dana Wu", company="Stripe", title="PM", industry="Fintech")
    call(
        vault,
        "2026-03-19",
        "Lucía Fernández",
        "# Call\n\n## Notes\n- not a learning\n\n## Takeaways (write these right after the call)\n"
        "<!-- what did you learn? -->\n- GMP experience opens doors\n  more than a second postdoc.\n"
        "- Ask about batch release.\n\n## Referrals\n- [[Ben Carter]]\n",
    )
    call(vault, "2026-04-02", "Ben Carter", "## Takeaways\n1. Scale-up is where physicists shine.\n")
    call(vault, "2025-11-05", "Dana Wu", "## Takeaways\n- Payments hire for hiring-manager trust.\n")
    call(vault, "2026-05-01", "Dana Wu", "## Takeaways\n- Planned, not yet a learning.\n", status="planned")
    return vault


def learnings(run: Run, vault: Path, *args: str) -> Result:
    result = run("--vault", str(vault), "learnings", *args)
    assert result.exit_code == 0, result.output
    return result


def test_groups_by_industry_ignoring_case_with_each_call_and_its_person(run: Run, practice_vault: Path) -> None:
    out = learnings(run, practice_vault).stdout
    assert out == (
        "Fintech · 1 learning from 1 call\n"
        "  2025-11-05 Dana Wu · PM at Stripe\n"
        "    • Payments hire for hiring-manager trust.\n"
        "\n"
        "Pharma · 3 learnings from 2 calls\n"
        "  2026-03-19 Lucía Fernández · Head of QA at Novartis\n"
        "    • GMP experience opens doors more than a second postdoc.\n"
        "    • Ask about batch release.\n"
        "  2026-04-02 Ben Carter · Process Engineer at Roche\n"
        "    • Scale-up is where physicists shine.\n"
    )


def test_markdown_links_every_excerpt_back_to_its_call(run: Run, practice_vault: Path) -> None:
    out = learnings(run, practice_vault, "--by", "company", "--format", "markdown").stdout
    assert "## Novartis\n\n2 learnings from 1 call.\n\n" in out
    assert (
        "- GMP experience opens doors more than a second postdoc. "
        "([[2026-03-19 Lucía Fernández]], Head of QA at Novartis)\n"
    ) in out
    assert out.index("## Novartis") < out.index("## Roche") < out.index("## Stripe")


def test_json_is_one_shape_with_iso_dates_and_note_names(run: Run, practice_vault: Path) -> None:
    data = json.loads(learnings(run, practice_vault, "--format", "json", "--grep", "GMP").stdout)
    assert data == {
        "by": "industry",
        "count": 1,
        "groups": [
            {
                "name": "Pharma",
                "calls": 1,
                "learnings": [
                    {
                        "text": "GMP experience opens doors more than a second postdoc.",
                        "section": "Takeaways (write these right after the call)",
                        "interview": "2026-03-19 Lucía Fernández",
                        "path": "Interviews/2026-03-19 Lucía Fernández.md",
                        "date": "2026-03-19",
                        "person": "Lucía Fernández",
                        "company": "Novartis",
                        "title": "Head of QA",
                        "industry": "Pharma",
                        "function": "Quality",
                    }
                ],
            }
        ],
    }


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--where", "industry=pharma"], ["GMP", "batch", "Scale-up"]),
        (["--where", "company~nova"], ["GMP", "batch"]),
        (["--tag", "warm"], ["Scale-up"]),
        (["--since", "2026-04-01"], ["Scale-up"]),
        (["--grep", "HIRE"], ["Payments"]),
    ],
)
def test_filters_pick_the_calls_and_excerpts(
    run: Run, practice_vault: Path, args: list[str], expected: list[str]
) -> None:
    data = json.loads(learnings(run, practice_vault, "--format", "json", *args).stdout)
    texts = [item["text"] for group in data["groups"] for item in group["learnings"]]
    assert [next(word for word in expected if word in text) for text in texts] == expected


@pytest.mark.parametrize(
    ("by", "names"),
    [
        ("person", ["Ben Carter", "Dana Wu", "Lucía Fernández"]),
        ("year", ["2025", "2026"]),
        ("tag", ["warm", None]),
        ("function", ["Quality", None]),
    ],
)
def test_other_groupings_put_the_ones_without_a_value_last(
    run: Run, practice_vault: Path, by: str, names: list[str | None]
) -> None:
    data = json.loads(learnings(run, practice_vault, "--by", by, "--format", "json").stdout)
    assert [group["name"] for group in data["groups"]] == names


def test_config_names_extra_sections(run: Run, practice_vault: Path) -> None:
    (practice_vault / ".infoview" / "config.toml").write_text('[learnings]\nsections = ["Surprises"]\n')
    call(practice_vault, "2026-06-01", "Dana Wu", "## Surprises\nNobody asked about my thesis.\n## Next\n- no\n")
    out = learnings(run, practice_vault, "--where", "industry=fintech").stdout
    assert "• Nobody asked about my thesis." in out and "no\n" not in out


def test_a_wrong_learnings_setting_names_the_line(run: Run, practice_vault: Path) -> None:
    (practice_vault / ".infoview" / "config.toml").write_text('followup_days = 90\n[learnings]\nsections = "x"\n')
    result = run("--vault", str(practice_vault), "learnings")
    assert result.exit_code == 1
    assert ".infoview/config.toml:3: learnings.sections: must be a list of headings" in result.stderr


def test_excerpts_skip_code_blocks_and_keep_subsections_inside() -> None:
    body = "## Takeaways\n```\n# not a heading\n```\n### Industry\n- One\n> Two\n\n---\n## Next\n- Three\n"
    assert excerpts(body, ["takeaways"]) == [("Takeaways", "One Two")]


def test_write_keeps_a_synthesis_note_that_is_never_a_person_or_interview(run: Run, practice_vault: Path) -> None:
    result = learnings(run, practice_vault, "--where", "industry=Pharma", "--write", "Pharma")
    assert result.stdout.startswith("created Learnings/Pharma.md (3 learnings)")
    note = practice_vault / "Learnings" / "Pharma.md"
    text = note.read_text()
    assert text.startswith("---\ntype: learnings\n---\n# Pharma\n\n<!-- infoview learnings: begin: made by ")
    assert "`infoview learnings --by industry --where industry=Pharma --write Pharma`" in text
    assert "([[2026-04-02 Ben Carter]], Process Engineer at Roche)" in text
    listed = json.loads(run("--vault", str(practice_vault), "ls", "--format", "json").stdout)
    rows = [row for row in listed if row["path"] == "Learnings/Pharma.md"]
    assert [(row["type"], row["properties"]) for row in rows] == [(None, {"type": "learnings"})]
    index = json.loads(run("--vault", str(practice_vault), "index", "--format", "json").stdout)
    assert index["counts"]["person"] == 3 and index["counts"]["interview"] == 4
    assert run("--vault", str(practice_vault), "check").exit_code == 0


def test_refresh_rewrites_only_the_block_and_is_deterministic(run: Run, practice_vault: Path) -> None:
    learnings(run, practice_vault, "--write", "Notes/All")
    note = practice_vault / "Notes" / "All.md"
    mine = note.read_text().replace("# All\n", "# All\n\nMy own synthesis, above.\n") + "\nAnd below.\n"
    note.write_text(mine)
    before = note.stat().st_mtime_ns
    assert learnings(run, practice_vault, "--write", "Notes/All").stdout.startswith("unchanged Notes/All.md")
    assert note.stat().st_mtime_ns == before
    call(practice_vault, "2026-07-01", "Dana Wu", "## Takeaways\n- A new one.\n")
    assert learnings(run, practice_vault, "--write", "Notes/All").stdout.startswith("updated Notes/All.md")
    text = note.read_text()
    assert "My own synthesis, above.\n" in text and text.endswith("<!-- infoview learnings: end -->\n\nAnd below.\n")
    assert "- A new one. ([[2026-07-01 Dana Wu]], PM at Stripe)" in text


def test_a_note_without_markers_gets_the_block_added_at_its_end(run: Run, practice_vault: Path) -> None:
    write_note(practice_vault, "learnings/fintech.md", "My thoughts\r\nin CRLF")
    result = learnings(run, practice_vault, "--where", "industry=Fintech", "--write", "Fintech")
    assert result.stdout.startswith("added learnings/fintech.md")
    assert [path.name for path in practice_vault.iterdir() if path.name.casefold() == "learnings"] == ["learnings"]
    data = (practice_vault / "learnings" / "fintech.md").read_bytes()
    assert data.startswith(b"My thoughts\r\nin CRLF\r\n\r\n<!-- infoview learnings: begin")
    assert b"\n" not in data.replace(b"\r\n", b"")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a\n<!-- infoview learnings: begin -->\nb\n", 2),
        ("<!-- infoview learnings: end -->\n<!-- infoview learnings: begin x -->\n", 2),
        ("a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> x\n", 2),
    ],
)
def test_broken_markers_or_a_conflict_refuse_and_name_the_line(
    run: Run, practice_vault: Path, text: str, line: int
) -> None:
    note = write_note(practice_vault, "Learnings/Pharma.md", text)
    result = run("--vault", str(practice_vault), "learnings", "--write", "Pharma")
    assert result.exit_code == 1
    assert f"\nError: Learnings/Pharma.md:{line}: " in "\n" + result.stderr
    assert note.read_text() == text


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("People/Pharma", "notes in People/ count as person notes"),
        ("../outside", "give a name, or a path inside the vault"),
        ("Dashboard.md", "that is the dashboard note"),
    ],
)
def test_write_refuses_a_place_where_the_note_would_be_read_as_something_else(
    run: Run, practice_vault: Path, name: str, message: str
) -> None:
    result = run("--vault", str(practice_vault), "learnings", "--write", name)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (practice_vault / "People" / "Pharma.md").exists()


def test_write_refuses_the_configured_templates_folder(run: Run, practice_vault: Path) -> None:
    (practice_vault / ".infoview" / "config.toml").write_text('[folders]\ntemplates = "Templates"\n', encoding="utf-8")
    result = run("--vault", str(practice_vault), "learnings", "--write", "Templates/Pharma")
    assert result.exit_code == 2 and "count as template notes" in result.stderr
    assert not (practice_vault / "Templates" / "Pharma.md").exists()


def test_write_refuses_an_existing_person_note(run: Run, practice_vault: Path) -> None:
    person(practice_vault, "Zed", company="X")
    (practice_vault / "Learnings").mkdir()
    (practice_vault / "People" / "Zed.md").rename(practice_vault / "Learnings" / "Zed.md")
    result = run("--vault", str(practice_vault), "learnings", "--write", "Zed")
    assert result.exit_code == 2 and "Learnings/Zed.md is a person note" in result.stderr


def test_the_prep_sheet_recalls_three_learnings_from_others_in_the_company_or_industry(
    run: Run, practice_vault: Path
) -> None:
    person(practice_vault, "Anna Lee", company="novartis", industry="Pharma", function="Quality")
    call(practice_vault, "2026-01-10", "Anna Lee", "## Takeaways\n- Her own earlier call is not recalled here.\n")
    person(practice_vault, "Carl Diaz", company="Sanofi", industry="Pharma")
    call(practice_vault, "2026-05-20", "Carl Diaz", "## Takeaways\n- Newest in pharma, other company.\n")
    result = run("--vault", str(practice_vault), "new", "Anna Lee", "--date", "2026-08-01")
    assert result.exit_code == 0, result.output
    body = (practice_vault / "Interviews" / "2026-08-01 Anna Lee.md").read_text()
    recalled = [line for line in body.splitlines() if line.startswith("- Learned from")]
    assert recalled == [
        "- Learned from [[2026-03-19 Lucía Fernández]] (Head of QA at Novartis): "
        "GMP experience opens doors more than a second postdoc.",
        "- Learned from [[2026-05-20 Carl Diaz]] (Sanofi): Newest in pharma, other company.",
        "- Learned from [[2026-04-02 Ben Carter]] (Process Engineer at Roche): Scale-up is where physicists shine.",
    ]
    assert "- Learned then: Her own earlier call is not recalled here." in body
    assert "Payments" not in body
    # Recalled lines are scaffolding: the sheet still counts as not prepared yet.
    due = json.loads(run("--vault", str(practice_vault), "due", "--today", "2026-07-28", "--format", "json").stdout)
    assert "prep" in [item["kind"] for item in due if item["name"] == "Anna Lee"]


def test_the_prep_sheet_for_someone_without_company_or_industry_recalls_nothing(run: Run, vault: Path) -> None:
    person(vault, "Zoë Ångström")
    assert run("--vault", str(vault), "new", "Zoë Ångström", "--date", "2026-08-01").exit_code == 0
    assert "Learned from" not in (vault / "Interviews" / "2026-08-01 Zoë Ångström.md").read_text()


def test_a_company_written_as_a_link_groups_with_its_plain_spelling(run: Run, practice_vault: Path) -> None:
    person(practice_vault, "Carl Diaz", company='"[[Novartis]]"', industry="Pharma")
    call(practice_vault, "2026-05-20", "Carl Diaz", "## Takeaways\n- Linked company.\n")
    data = json.loads(learnings(run, practice_vault, "--by", "company", "--format", "json").stdout)
    novartis = next(group for group in data["groups"] if group["name"] == "Novartis")
    assert [item["company"] for item in novartis["learnings"]] == ["Novartis", "Novartis", "Novartis"]
    assert [group["name"] for group in data["groups"]].count("Novartis") == 1


USER_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r<"), max_size=200)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=USER_TEXT, after=USER_TEXT)
def test_a_refresh_keeps_what_the_user_wrote_around_the_block_byte_for_byte(
    tmp_path: Path, before: str, after: str
) -> None:
    old_block = "<!-- infoview learnings: begin: old -->\n- old\n<!-- infoview learnings: end -->\n"
    new_block = "<!-- infoview learnings: begin: new -->\n- new\n<!-- infoview learnings: end -->\n"
    prefix = before if before.endswith("\n") or not before else before + "\n"
    note = tmp_path / "Learnings" / "Mine.md"
    note.parent.mkdir(exist_ok=True)
    note.write_bytes(("\ufeff" + prefix + old_block + after).encode("utf-8"))
    assert write_synthesis(tmp_path, "Learnings/Mine.md", new_block) == ("updated", "Learnings/Mine.md")
    assert note.read_bytes() == ("\ufeff" + prefix + new_block + after).encode("utf-8")
    assert write_synthesis(tmp_path, "learnings/MINE.md", new_block) == ("unchanged", "Learnings/Mine.md")


def test_a_prep_sheet_recalls_what_reading_every_call_would_recall(generated: Generated) -> None:
    """Reading only the best-ranked calls' notes picks the same learnings as reading them all."""
    config = load_config(generated.root)
    practice = Practice(load_index(generated.root, config))
    everything = gather(generated.root, practice, practice.done, config.learning_sections)
    with_company = [name for name, note in practice.people.items() if note.text("company") or note.text("industry")]
    assert len(with_company) > 50
    recalled_any = 0
    for name in with_company:
        eager = relevant_to(practice.people[name], everything, exclude=name)
        lazy = learnings_for_prep(generated.root, practice, config, name)
        assert [(item["path"], item["text"]) for item in lazy] == [(item.path, item.text) for item in eager]
        recalled_any += bool(lazy)
    assert recalled_any > 20
