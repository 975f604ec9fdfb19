"""Run a benchmark stage in a fresh process and read its result: the last JSON line it prints.

Shared by the scaling benchmarks so that each size is timed (and its peak RSS read) in a process of its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run_child(script: str, args: list[str], label: str) -> dict[str, Any]:
    """``python script args…``; exits with the child's stderr on failure or when it printed no JSON line."""
    proc = subprocess.run([sys.executable, str(Path(script).resolve()), *args], capture_output=True, text=True,
                          cwd=ROOT)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"child failed ({label}): exit {proc.returncode}")
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("{"):
            return dict(json.loads(line))
    sys.stderr.write(proc.stdout + proc.stderr)
    raise SystemExit(f"child printed no result ({label})")
