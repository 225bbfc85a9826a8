"""Benchmarks that never rot: the quick mode of every benchmark runs here, peers included.

Each benchmark asserts that ours and its peer computed the same thing (areas, objectives,
statistics, row counts) before it reports a ratio; this runs them small, so a benchmark that no
longer runs or whose comparison no longer holds fails the suite. Timing is never asserted.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHES = sorted((ROOT / "bench").glob("bench_*.py"))
PEER_PYTHON = ROOT / ".venv-bench" / "bin" / "python"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not PEER_PYTHON.exists(),
                                                   reason="no .venv-bench: run `make bench-setup`")]


@pytest.mark.parametrize("script", BENCHES, ids=[p.stem for p in BENCHES])
def test_benchmark_quick_mode_runs_and_its_comparison_holds(script, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    completed = subprocess.run([sys.executable, str(script), "--quick"], cwd=ROOT, env=env, capture_output=True,
                               text=True, timeout=900)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "peer failed" not in completed.stdout, completed.stdout[-3000:]
