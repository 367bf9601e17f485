"""verhalen as a real package: the built wheel, installed the ordinary way (not editable) into a
new environment, runs `verhalen demo` in an empty folder from the example inside the package.

To stay fast and offline the new environment does not download the dependencies again: a `.pth`
file adds this environment's site-packages behind its own, and the wheel is installed with
`--no-deps`. This environment's own verhalen (an editable install of src/) stays out of sight:
a `.pth` line only adds a folder, it does not run the `.pth` files inside it, and the new
environment's site-packages comes first. The test checks that it really is the wheel that runs.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest

from verhalen.project import CONFIG_NAME, STORE_NAME

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
MAX_WHEEL_BYTES = 2 * 2**20  # code, templates and the example project: about 0.4 MB


def run(args: list[str | Path], cwd: Path, env: dict[str, str], timeout: float = 300):
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def build_wheel(tmp_path: Path, env: dict[str, str]) -> Path:
    """`python -m build --wheel` on a copy of the project's files, so the checkout gets no
    build/ or egg-info from the test. Without build isolation when setuptools is here (offline,
    and `build` still checks pyproject's build requirements), else with it."""
    project = tmp_path / "bron"
    project.mkdir()
    shutil.copytree(
        REPO / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, project / name)
    dist = tmp_path / "dist"
    isolation = ["--no-isolation"] if importlib.util.find_spec("setuptools") else []
    run(
        [sys.executable, "-m", "build", "--wheel", *isolation, "--outdir", dist, project],
        tmp_path,
        env,
    )
    (wheel,) = dist.glob("verhalen-*.whl")
    return wheel


def new_environment(path: Path, env: dict[str, str]) -> Path:
    """A new venv that sees this environment's packages after its own; returns its python."""
    run([sys.executable, "-m", "venv", "--without-pip", path], path.parent, env)
    python = path / "bin" / "python"
    site = Path(
        run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            path.parent,
            env,
        ).stdout.strip()
    )
    ours = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site / "zz-verhalen-test-dependencies.pth").write_text(
        "".join(f"{folder}\n" for folder in ours), encoding="utf-8"
    )
    return python


def test_wheel_installs_and_runs_the_demo(tmp_path: Path) -> None:
    pytest.importorskip("build")
    started = time.monotonic()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "VERHALEN_VOORBEELD")
    }
    env["PYTHONNOUSERSITE"] = "1"

    wheel = build_wheel(tmp_path, env)

    names = zipfile.ZipFile(wheel).namelist()
    assert "verhalen/voorbeeld/storyform.yaml" in names
    assert "verhalen/voorbeeld/verhalen/sessie-1/tafel-1.docx" in names
    assert "verhalen/templates/storyform-algemeen.en.yaml" in names
    top = {n.split("/")[0] for n in names}
    assert top == {"verhalen", "verhalen-0.1.0.dist-info"}, top  # no tests, bench, data
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert wheel.stat().st_size < MAX_WHEEL_BYTES

    venv = tmp_path / "venv"
    python = new_environment(venv, env)
    run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-index",
            "--no-deps",
            "--ignore-installed",
            "--no-compile",
            wheel,
        ],
        tmp_path,
        env,
    )
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    empty = tmp_path / "leeg"
    empty.mkdir()

    # The verhalen that runs is the wheel's, with the wheel's example and its dependencies.
    where = run(
        [
            python,
            "-c",
            (
                "import importlib.metadata as m, verhalen, verhalen.demo\n"
                "print(verhalen.__file__)\n"
                "print(verhalen.demo.example_folder())\n"
                "print(m.distribution('verhalen').locate_file(''))\n"
                "from packaging.requirements import Requirement\n"
                "for line in m.requires('verhalen'):\n"
                "    r = Requirement(line)\n"
                "    if r.marker is None or r.marker.evaluate({'extra': ''}):\n"
                "        assert r.specifier.contains(m.version(r.name), prereleases=True), line\n"
            ),
        ],
        empty,
        env,
    ).stdout.splitlines()
    for line in where:
        assert Path(line).resolve().is_relative_to(venv.resolve()), where
    assert not Path(where[0]).resolve().is_relative_to(REPO)

    demo = run([venv / "bin" / "verhalen", "demo"], empty, env)

    assert "ingelezen: 160 verhalen" in demo.stdout
    project = empty / "voorbeeld-project"
    assert (project / CONFIG_NAME).is_file()
    assert not (project / "bronnen" / "truth").exists()
    db = sqlite3.connect(project / STORE_NAME)
    try:
        (run_id,) = db.execute("SELECT id FROM runs WHERE active = 1").fetchone()
        perspectives = db.execute(
            "SELECT COUNT(*) FROM perspectives WHERE run_id = ? AND number > 0", (run_id,)
        ).fetchone()[0]
        assigned = db.execute(
            "SELECT COUNT(*) FROM assignments WHERE run_id = ? AND number > 0", (run_id,)
        ).fetchone()[0]
        stories = db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
    finally:
        db.close()
    assert stories == 160
    assert perspectives >= 3
    assert assigned >= 0.8 * stories  # clustered: most stories in a perspective
    print(f"wheel built, installed and demo run in {time.monotonic() - started:.0f} s")
