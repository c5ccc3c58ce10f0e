"""`cockpit report`: the PDF from a real subprocess, the launch file only read, and the refusals' exit codes."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.cli.conftest import REPO, cockpit_env, run_cockpit


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_report_writes_the_pdf_and_only_reads_the_launch_file(tmp_path):
    launch = tmp_path / "d.golive"
    run_cockpit("demo", launch, "--lang", "ja", check=True)
    before = sha256(launch)
    out = tmp_path / "status.pdf"
    done = run_cockpit("report", launch, "--out", out, "--paper", "letter", "--lang", "ja", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    reader = PdfReader(out)
    assert result["path"] == str(out) and result["pages"] == len(reader.pages) >= 6
    assert result["paper"] == "letter"
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {
        (612, 792)
    }
    assert "販売管理システム サービスイン" in reader.pages[0].extract_text()
    assert sha256(launch) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.golive", "status.pdf"]


def test_report_says_where_it_wrote(empty_launch, tmp_path):
    out = tmp_path / "new.pdf"
    done = run_cockpit("report", empty_launch, "--out", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote the status report ({len(PdfReader(out).pages)} pages) to {out}."


def test_a_file_that_is_not_a_launch_file_exits_5_and_writes_nothing(tmp_path):
    foreign = tmp_path / "README.golive"
    shutil.copy(REPO / "README.md", foreign)
    out = tmp_path / "r.pdf"
    done = run_cockpit("report", foreign, "--out", out)
    assert done.returncode == 5
    assert "not a launch file" in done.stderr
    assert not out.exists()


def test_bad_paper_exits_2(empty_launch, tmp_path):
    done = run_cockpit("report", empty_launch, "--out", tmp_path / "r.pdf", "--paper", "a3")
    assert done.returncode == 2
    assert "invalid choice: 'a3'" in done.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_a_missing_folder_exits_2_and_names_it(empty_launch, tmp_path):
    done = run_cockpit("report", empty_launch, "--out", tmp_path / "nowhere" / "r.pdf")
    assert done.returncode == 2
    assert f"The folder {tmp_path / 'nowhere'} does not exist" in done.stderr


def test_the_windows_worker_reports_progress_and_refusals_as_json_lines(empty_launch, tmp_path):
    def worker(*args) -> tuple[int, list[dict]]:
        done = subprocess.run(
            [sys.executable, "-m", "cockpit.report.worker", *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=cockpit_env(),
            timeout=120,
        )
        return done.returncode, [json.loads(line) for line in done.stdout.splitlines()]

    code, lines = worker(empty_launch, "--svg-dir", tmp_path)
    assert code == 0
    assert any("progress" in line for line in lines)
    assert lines[-1]["ok"] and lines[-1]["svgs"] == [str(p) for p in sorted(tmp_path.glob("page-*.svg"))]
    foreign = tmp_path / "x.golive"
    foreign.write_text("not a launch")
    code, lines = worker(foreign, "--pdf", tmp_path / "x.pdf")
    assert code == 5 and lines[-1]["ok"] is False and lines[-1]["exit_code"] == 5
    assert "not a launch file" in lines[-1]["error"]
