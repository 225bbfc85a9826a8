"""The scaling benchmark (bench/bench_scaling.py) runs end to end at two small sizes: every step of the
national run in its own process, the SQL path's areas equal to the Python path's, and a fitted
exponent and peak memory for every step (the figures themselves are `make bench`'s, not a test's)."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_scaling_benchmark_runs_and_agrees(postgis_service):
    env = dict(os.environ, MUNICIPAL_TEST_DB=postgis_service, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_scaling.py"), "--quick"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    out = done.stdout
    assert re.search(r"^\s+2000 parcels: ", out, re.M) and re.search(r"^\s+8000 parcels: ", out, re.M), out
    rows = [line for line in out.splitlines()
            if line.startswith(("generate", "write the", "check_database", "certify all"))]
    assert len(rows) == 5, out
    for line in rows:  # µs per parcel at both sizes, the exponent, peak memory at both sizes, its exponent
        numbers = re.findall(r"-?\d+\.\d+|\d+", line.split("  ", 1)[1])
        assert len(numbers) == 2 + 2 + 1 + 2 + 1, line
        assert all(float(x) > 0 for x in numbers[:4]), line
    worst = float(re.search(r"every size: max (\S+) m²", out).group(1))
    assert worst <= 0.01
