"""The code stays readable: no function longer than a screen, unless it says why it must be."""

from __future__ import annotations

import ast
from pathlib import Path

import infoview

PACKAGE = Path(infoview.__file__).resolve().parent
MAX_LINES = 60
EXCUSE = "# long by design:"


def _long_functions(source: str, name: str) -> list[str]:
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1 if node.end_lineno else 0
            said_why = any(EXCUSE in line for line in lines[node.lineno - 1 : node.lineno + 12])
            if length > MAX_LINES and not said_why:
                found.append(f"{name}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_function_is_longer_than_a_screen() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += _long_functions(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix())
    assert found == []


def test_the_length_check_notices_a_long_function_and_accepts_a_reason() -> None:
    body = "".join(f"    x{n} = {n}\n" for n in range(MAX_LINES))
    assert _long_functions(f"def f():\n{body}", "m.py") == [f"m.py:1 f ({MAX_LINES + 1} lines)"]
    assert _long_functions(f"def f():\n    {EXCUSE} one pass over every line\n{body}", "m.py") == []
