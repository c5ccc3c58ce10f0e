"""Check the built app (``make package-check``, after ``make package``): README "Build the app".

    build/package-venv/bin/python -m tools.package_check [dist/golive-cockpit]

From a folder outside the repository, the built program must answer ``--version``, write the demo, print
its ``status --json``, write its ``report``, and open the window offscreen: the overview paints, every chart
is painted, and the report worker writes a PDF (``--smoke-check``). Then the bundle's
size is held against its budget, and its start against ``python -m cockpit`` in the same venv (the median of
a few starts each, as a ratio). The picture of the window is kept in build/package-check/window.png.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Measured at 262 MB unpacked, 105 MB as a .tar.gz (README "Build the app"): Qt with its ICU data (90 MB),
# numpy with its OpenBLAS (44 MB; matplotlib needs numpy) and cryptography (15 MB; the keyring's Secret
# Service) are most of it. A new dependency that adds tens of MB fails here and has to be weighed.
SIZE_BUDGET_MB = 275
# The frozen app unpacks nothing (one folder) and starts about as fast as the interpreter does; a start
# three times slower means something is loaded at start that should not be.
START_RATIO_CEILING = 3.0
STARTS = 5
TIMEOUT_S = 300


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT_S
    )
    if result.returncode != 0:
        raise SystemExit(
            f"FAILED: {' '.join(command)} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
        )
    return result


def folder_size_mb(folder: Path) -> float:
    return (
        sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
        / 1e6
    )


def median_start_s(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    times = []
    for _ in range(STARTS):
        started = time.perf_counter()
        run(command, cwd, env)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    bundle = Path(argv[0]) if argv else REPO / "dist" / "golive-cockpit"
    program = (bundle / "golive-cockpit").absolute()
    if not program.is_file():
        raise SystemExit(f"{program} is missing: run 'make package' first.")
    keep = REPO / "build" / "package-check"
    keep.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COCKPIT_", "PYTHON"))}
    env.update(QT_QPA_PLATFORM="offscreen", COCKPIT_LANG="en")
    lines = []
    with tempfile.TemporaryDirectory(prefix="cockpit-package-check-") as folder:
        here = Path(folder)
        version = run([str(program), "--version"], here, env).stdout.strip()
        if not version.startswith("cockpit "):
            raise SystemExit(f"FAILED: --version printed {version!r}")
        lines.append(f"--version          {version}")
        run([str(program), "demo", "demo.golive", "--lang", "ja"], here, env)
        status = json.loads(run([str(program), "status", "demo.golive", "--json"], here, env).stdout)
        if status["launch"]["name"].isascii():
            raise SystemExit("FAILED: the demo's Japanese words did not come from the bundle")
        lines.append(f"demo, status       {status['launch']['name']}")
        run([str(program), "report", "demo.golive", "--out", "status.pdf", "--lang", "ja"], here, env)
        if not (here / "status.pdf").read_bytes().startswith(b"%PDF"):
            raise SystemExit("FAILED: report wrote no PDF")
        lines.append(f"report             {(here / 'status.pdf').stat().st_size // 1024} KiB PDF")
        picture = keep / "window.png"
        smoke = run([str(program), "--smoke-check", "demo.golive", str(picture)], here, env)
        outcome = json.loads(smoke.stdout.strip().splitlines()[-1])
        lines.append(
            f"window (offscreen) {outcome['first_pane']} painted, charts painted on the last pane: "
            f"{outcome['charts']}, {outcome['report_pages']}-page PDF from the report worker; picture: {picture}"
        )
        python = [sys.executable, "-m", "cockpit", "--version"]
        frozen_s = median_start_s([str(program), "--version"], here, env)
        python_s = median_start_s(python, here, env)
    size = folder_size_mb(bundle)
    ratio = frozen_s / python_s
    lines.append(f"size               {size:.0f} MB (budget {SIZE_BUDGET_MB} MB)")
    lines.append(
        f"start (--version)  {frozen_s:.2f} s built vs {python_s:.2f} s python -m cockpit: ×{ratio:.2f} "
        f"(ceiling ×{START_RATIO_CEILING}; median of {STARTS})"
    )
    print("\n".join(lines))
    failures = []
    if size > SIZE_BUDGET_MB:
        failures.append(f"the bundle is {size:.0f} MB, over its {SIZE_BUDGET_MB} MB budget")
    if ratio > START_RATIO_CEILING:
        failures.append(f"the built app starts ×{ratio:.2f} slower than python -m cockpit")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    if not failures:
        print("package-check: all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
