"""Time whole infoview commands on generated vaults and check them against the speed bars.

Every measurement is a separate process started the way a user would start it: the
``infoview`` console script beside ``sys.executable`` (else ``python -m infoview``), or, for
the ``baseline``, a plain loop that calls ``frontmatter.load`` on every note. Vaults come from
the project's generator (``tests/vaultgen.py``) and are written to a temporary folder, or to
``--workdir`` where they are kept and reused.

Each measurement runs once untimed (so the OS file cache and, for the warm ones, the
infoview cache are in the same state for every timed run), then ``--repeat`` timed runs.
Wall time covers the whole process, start-up included; peak memory is the child's
``ru_maxrss`` from ``os.wait4``. Any command that exits non-zero aborts the benchmark.

    python benchmarks/bench.py --sizes 1000
    python benchmarks/bench.py --workdir /tmp/infoview-bench --json results.json
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import select
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import IO

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "tests" / "vaultgen.py"
SEED = 1
TODAY = "2026-11-01"
BIG = 50_000  # from this many people on, the default repeat count drops to 3

# Walk the vault as infoview does (no dot-folders) and parse every note's front matter.
BASELINE = """
import os, sys
import frontmatter
for root, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith(".")]
    for name in files:
        if name.endswith(".md"):
            try:
                frontmatter.load(os.path.join(root, name))
            except Exception:
                pass
"""

MEASUREMENTS = (
    "baseline",
    "index-cold",
    "index-warm",
    "ls-json-warm",
    "referrals-json-warm",
    "report-warm",
    "due-warm",
    "check-warm",
    "watch-save",
)
# Measurements that need a command the installed infoview may not have yet.
OPTIONAL_COMMAND = {"referrals-json-warm": "referrals", "report-warm": "report"}
RSS_BAR_MEASUREMENTS = ("index-cold", "ls-json-warm")


class CommandFailed(Exception):
    """A benchmarked command exited with a non-zero status."""

    def __init__(self, cmd: Sequence[str], code: int, stderr: str) -> None:
        shown = " ".join("<script>" if "\n" in arg else shlex.quote(arg) for arg in cmd)
        super().__init__(
            f"command failed with exit status {code}: {shown}\n--- its standard error ---\n{stderr.rstrip()}"
        )


@dataclass
class Measurement:
    times: list[float]
    peak_rss_kib: int

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak_rss_mb(self) -> float:
        return self.peak_rss_kib / 1024


@dataclass
class Verdict:
    label: str
    value: str
    bar: str
    passed: bool | None  # None: no bar at this size, or not measured


def infoview_command() -> list[str]:
    """The console script of the running environment, else ``python -m infoview``."""
    script = Path(sys.executable).parent / "infoview"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "infoview"]


def has_command(infoview: list[str], name: str) -> bool:
    return (
        subprocess.run(
            [*infoview, name, "--help"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        ).returncode
        == 0
    )


def run_once(cmd: Sequence[str]) -> tuple[float, int]:
    """Run cmd with its output discarded; return (wall seconds, peak RSS in KiB)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if proc.returncode != 0:
            err.seek(0)
            raise CommandFailed(cmd, proc.returncode, err.read().decode(errors="replace"))
    rss_kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return elapsed, rss_kib


def measure(cmd: Sequence[str], repeat: int, prepare: Callable[[], None] | None = None) -> Measurement:
    """One untimed run, then `repeat` timed runs, each after `prepare`."""
    runs: list[tuple[float, int]] = []
    for _ in range(repeat + 1):
        if prepare is not None:
            prepare()
        runs.append(run_once(cmd))
    timed = runs[1:]
    return Measurement([t for t, _ in timed], max(rss for _, rss in timed))


def _read_line(stream: IO[str], timeout: float) -> str:
    ready, _, _ = select.select([stream], [], [], timeout)
    if not ready:
        raise TimeoutError(f"no output from watch within {timeout:.0f} s")
    return stream.readline()


def measure_watch(infoview: list[str], vault: Path, repeat: int) -> Measurement:
    """Start ``infoview watch``; then, `repeat` + 1 times (the first untimed), save a person note
    with one more line in its body and time until watch prints the line of its refresh (the index
    and the dashboard are then current). The note is put back afterwards."""
    note = min((vault / "People").glob("*.md"))
    original = note.read_bytes()
    dashboard = vault / "Dashboard.md"
    had_dashboard = dashboard.exists()
    proc = subprocess.Popen(
        [*infoview, "--vault", str(vault), "watch"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    times: list[float] = []
    try:
        while not (ready := _read_line(proc.stdout, 600)).startswith("watching"):
            if not ready:
                raise CommandFailed(proc.args, proc.wait(), "watch stopped before it was ready")
        for run in range(repeat + 1):
            note.write_bytes(original + f"\nA line saved by the benchmark ({run}).\n".encode())
            start = time.perf_counter()
            line = _read_line(proc.stdout, 120)
            times.append(time.perf_counter() - start)
            if not line:
                raise CommandFailed(proc.args, proc.poll() or 1, "watch stopped")
    finally:
        note.write_bytes(original)
        proc.terminate()
        if not had_dashboard:
            dashboard.unlink(missing_ok=True)  # leave a reused vault as it was
        _, _status, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0  # reaped here, not by Popen
    rss_kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Measurement(times[1:], rss_kib)


def load_generator(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("vaultgen", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"bench: cannot load the vault generator {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def ensure_vault(generator: ModuleType, workdir: Path, people: int) -> tuple[Path, str]:
    """The vault for `people` under workdir, generated unless already there (by this very generator)."""
    version = hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:10]
    vault = workdir / f"vault-{people}-seed{SEED}-{version}"
    if vault.is_dir():
        return vault, "reused"
    # Generate beside it and rename, so an interrupted run never leaves a half vault to reuse.
    partial = Path(tempfile.mkdtemp(prefix=f".{vault.name}-", dir=workdir))
    start = time.perf_counter()
    try:
        generator.write_vault(partial, generator.build(people, seed=SEED, today=date.fromisoformat(TODAY)))
    except BaseException:
        shutil.rmtree(partial)
        raise
    partial.rename(vault)
    return vault, f"generated in {time.perf_counter() - start:.1f} s"


def bench_size(
    infoview: list[str], vault: Path, selected: list[str], missing: set[str], repeat: int
) -> dict[str, Measurement | None]:
    """Run the selected measurements on one vault; None marks a command infoview lacks."""
    base = [*infoview, "--vault", str(vault)]
    cache = vault / ".infoview" / "cache"

    def drop_cache() -> None:
        if cache.exists():
            shutil.rmtree(cache)

    commands: dict[str, tuple[list[str], Callable[[], None] | None]] = {
        "baseline": ([sys.executable, "-c", BASELINE, str(vault)], None),
        "index-cold": ([*base, "index"], drop_cache),
        "index-warm": ([*base, "index"], None),
        "ls-json-warm": ([*base, "ls", "--format", "json"], None),
        "referrals-json-warm": ([*base, "referrals", "--format", "json"], None),
        "report-warm": ([*base, "report", "--today", TODAY], None),
        "due-warm": ([*base, "due", "--today", TODAY], None),
        "check-warm": ([*base, "check"], None),
    }
    results: dict[str, Measurement | None] = {}
    for name in selected:
        if name in missing:
            results[name] = None
            continue
        print(f"  {name} ...", file=sys.stderr, flush=True)
        if name == "watch-save":
            results[name] = measure_watch(infoview, vault, repeat)
            continue
        cmd, prepare = commands[name]
        results[name] = measure(cmd, repeat, prepare)
    return results


def verdicts(people: int, res: dict[str, Measurement | None]) -> list[Verdict]:
    """The bars that apply to the measurements taken (omitted when not selected)."""
    out: list[Verdict] = []

    def ratio(num: str, den: str, limits: dict[int, float]) -> None:
        label = f"{num} / {den}"
        if num not in res or den not in res:
            return
        a, b = res[num], res[den]
        limit = limits.get(people)
        bar = f"<= {limit}" if limit is not None else "no bar at this size"
        if a is None or b is None:
            out.append(Verdict(label, "not measured", bar, None))
            return
        value = a.median / b.median
        out.append(Verdict(label, f"{value:.2f}x", bar, None if limit is None else value <= limit))

    def absolute(name: str, limits: dict[int, float]) -> None:
        if name not in res:
            return
        m = res[name]
        limit = limits.get(people)
        bar = f"< {limit} s" if limit is not None else "no bar at this size"
        if m is None:
            out.append(Verdict(name, "not measured", bar, None))
            return
        out.append(Verdict(name, f"{m.median:.3f} s", bar, None if limit is None else m.median < limit))

    # The bars as the project states them: the ratios are set on 10,000 people.
    ratio("index-cold", "baseline", {10_000: 0.5})
    absolute("index-warm", {10_000: 0.3, 50_000: 1.5})
    ratio("referrals-json-warm", "ls-json-warm", {10_000: 1.5})
    absolute("report-warm", {10_000: 0.5})
    peaks = [m.peak_rss_mb for k, m in res.items() if k in RSS_BAR_MEASUREMENTS and m is not None]
    if people == 50_000 and peaks:
        label = "peak RSS (" + ", ".join(k for k in RSS_BAR_MEASUREMENTS if k in res) + ")"
        out.append(Verdict(label, f"{max(peaks):.0f} MB", "< 300 MB", max(peaks) < 300))
    return out


def print_report(
    people: int, vault: Path, origin: str, repeat: int, res: dict[str, Measurement | None], bars: list[Verdict]
) -> None:
    print(f"\n== {people:,} people: {vault} ({origin}); timed runs: {repeat} ==")
    print(f"{'measurement':<22}{'median s':>10}{'min s':>10}{'max s':>10}{'peak RSS MB':>13}")
    for name, m in res.items():
        if m is None:
            print(f"{name:<22}  skipped: no `infoview {OPTIONAL_COMMAND[name]}` yet")
        else:
            print(f"{name:<22}{m.median:>10.3f}{min(m.times):>10.3f}{max(m.times):>10.3f}{m.peak_rss_mb:>13.0f}")
    if bars:
        print("bars:")
    for v in bars:
        mark = {True: "PASS", False: "FAIL", None: "-"}[v.passed]
        print(f"  {v.label:<40}{v.value:>14}   {v.bar:<22}{mark}")


def parse_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def run(args: argparse.Namespace, sizes: list[int], selected: list[str], workdir: Path) -> int:
    """Benchmark every size with vaults under workdir; print the tables, write --json."""
    infoview = infoview_command()
    missing = {name for name, cmd in OPTIONAL_COMMAND.items() if name in selected and not has_command(infoview, cmd)}
    generator = load_generator(GENERATOR)
    print(f"infoview: {' '.join(infoview)}\npython:   {sys.executable} ({sys.version.split()[0]})")
    per_size: dict[str, object] = {}
    for people in sizes:
        repeat = args.repeat or (3 if people >= BIG else 5)
        print(f"[{people:,} people]", file=sys.stderr, flush=True)
        vault, origin = ensure_vault(generator, workdir, people)
        try:
            res = bench_size(infoview, vault, selected, missing, repeat)
        except CommandFailed as e:
            print(f"bench: {e}", file=sys.stderr)
            return 1
        bars = verdicts(people, res)
        print_report(people, vault, origin, repeat, res, bars)
        per_size[str(people)] = {
            "vault": str(vault),
            "repeat": repeat,
            "measurements": {
                name: None
                if m is None
                else {
                    "times": m.times,
                    "median": m.median,
                    "min": min(m.times),
                    "max": max(m.times),
                    "peak_rss_mb": round(m.peak_rss_mb, 1),
                }
                for name, m in res.items()
            },
            "bars": [asdict(v) for v in bars],
        }
    if args.json is not None:
        report = {
            "infoview": infoview,
            "python": sys.version.split()[0],
            "seed": SEED,
            "today": TODAY,
            "sizes": per_size,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sizes", default="1000,10000,50000", help="comma-separated numbers of people (default: %(default)s)"
    )
    ap.add_argument(
        "--repeat", type=int, metavar="N", help=f"timed runs per measurement (default: 5, or 3 from {BIG:,} people on)"
    )
    ap.add_argument("--only", metavar="NAMES", help="comma-separated measurements to run: " + ", ".join(MEASUREMENTS))
    ap.add_argument(
        "--workdir",
        type=Path,
        metavar="DIR",
        help="keep generated vaults here and reuse them (default: a temporary folder)",
    )
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write all results as JSON")
    args = ap.parse_args(argv)

    try:
        sizes = [int(s) for s in parse_list(args.sizes)]
    except ValueError:
        ap.error(f"--sizes: not a list of numbers: {args.sizes!r}")
    if not sizes or min(sizes) < 1:
        ap.error("--sizes: give at least one positive number")
    if args.repeat is not None and args.repeat < 1:
        ap.error("--repeat: must be at least 1")
    chosen = set(MEASUREMENTS) if args.only is None else set(parse_list(args.only))
    if not chosen or not chosen <= set(MEASUREMENTS):
        ap.error(f"--only: choose from {', '.join(MEASUREMENTS)}")
    selected = [name for name in MEASUREMENTS if name in chosen]

    if args.workdir is None:
        with tempfile.TemporaryDirectory(prefix="infoview-bench-") as tmp:
            return run(args, sizes, selected, Path(tmp))
    workdir = args.workdir.resolve()
    if workdir.is_relative_to(REPO):
        ap.error(f"--workdir: vaults must not go inside the repository ({REPO})")
    workdir.mkdir(parents=True, exist_ok=True)
    return run(args, sizes, selected, workdir)


if __name__ == "__main__":
    sys.exit(main())
