"""The layers stay layers: an import contract over every module, so a new module is covered as soon as it exists."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import infoview

PACKAGE = Path(infoview.__file__).resolve().parent
STDLIB = sys.stdlib_module_names

# What each layer may import besides the standard library and itself.
ALLOWED = {
    "core": {"infoview.core", "frontmatter", "yaml"},
    "views": {"infoview.core", "infoview.views", "icalendar"},
    "adapters": {"infoview.core", "infoview.views", "infoview.adapters", "jinja2", "watchdog", "filelock", "vobject"},
    "cli": {"infoview", "click"},
}


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found.append((".".join(("infoview", *parts)).removesuffix(".__init__"), path))
    return found


def _imports(path: Path, module: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # a relative import: resolve it against this module's package
                base = module.split(".")[: -node.level] if not path.name == "__init__.py" else module.split(".")
                names.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                names.add(node.module)
    return names


def _allowed(name: str, allowed: set[str]) -> bool:
    if name == "infoview":  # the package root holds only the version
        return True
    top = name.split(".")[0]
    if top in STDLIB and top != "infoview":
        return True
    return any(name == prefix or name.startswith(prefix + ".") for prefix in allowed)


def test_every_module_sits_in_a_layer() -> None:
    loose = [module for module, _path in _modules() if module.count(".") >= 1 and module.split(".")[1] not in ALLOWED]
    assert loose == [name for name in loose if name in ("infoview.__main__",)]


def test_imports_point_one_way() -> None:
    broken = []
    for module, path in _modules():
        parts = module.split(".")
        if len(parts) < 2 or parts[1] not in ALLOWED:
            continue
        for name in sorted(_imports(path, module)):
            if not _allowed(name, ALLOWED[parts[1]]):
                broken.append(f"{module} imports {name}")
    assert broken == []


def test_the_contract_notices_a_wrong_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import click\nfrom infoview.adapters.cache import refresh\nimport json\n", encoding="utf-8")
    imported = _imports(sample, "infoview.core.sample")
    assert [name for name in sorted(imported) if not _allowed(name, ALLOWED["core"])] == [
        "click",
        "infoview.adapters.cache",
    ]


def test_core_imports_no_adapter_libraries() -> None:
    core = [module for module, _path in _modules() if module.startswith("infoview.core")]
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "print(','.join(sorted(name for name in ('click', 'jinja2', 'watchdog') if name in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


# What only adapters may do: touch the disk, the clock or other processes.
DISK_OR_CLOCK_CALLS = {
    "open",
    "read_text",
    "read_bytes",
    "write_text",
    "write_bytes",
    "scandir",
    "listdir",
    "walk",
    "stat",
    "lstat",
    "unlink",
    "replace",
    "today",
    "now",
    "time",
    "time_ns",
    "run",
    "Popen",
}


def _disk_or_clock(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            function = node.func
            name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
            # str.replace is text work, not os.replace: only a call on the os module counts.
            if name == "replace" and not (isinstance(function, ast.Attribute) and ast.unparse(function.value) == "os"):
                continue
            if name in DISK_OR_CLOCK_CALLS:
                found.append(f"{path.name}:{node.lineno} calls {ast.unparse(function)}")
    return found


def test_the_core_touches_no_disk_no_clock_and_no_process() -> None:
    found = [call for module, path in _modules() if module.startswith("infoview.core") for call in _disk_or_clock(path)]
    assert found == []


def test_the_disk_check_notices_a_read(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from datetime import date\nx = open('a').read()\ny = date.today()\nz = 'a'.replace('a', 'b')\n")
    assert sorted(_disk_or_clock(sample)) == ["sample.py:2 calls open", "sample.py:3 calls date.today"]


def test_the_command_line_loads_without_the_core() -> None:
    """`infoview --help` and shell completion load click and the command modules, not the core,
    views or adapters: those are imported inside the commands that use them (start-up time)."""
    code = (
        "import sys\n"
        "import infoview.cli\n"
        "print('\\n'.join(sorted(name for name in sys.modules if name.startswith('infoview.'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = [name for name in result.stdout.split() if not name.startswith("infoview.cli")]
    # The field table and the formats registry are plain data: person add's options and every
    # --format's choices are made from them.
    assert loaded == [
        "infoview.core",
        "infoview.core.errors",
        "infoview.core.schema",
        "infoview.views",
        "infoview.views.formats",
    ]


def test_choices_written_out_for_start_up_match_the_core() -> None:
    from infoview.cli.commands import learnings
    from infoview.core.analysis.learnings import GROUPINGS

    assert learnings.GROUPINGS == GROUPINGS
