"""Issue #17 (peak RSS ≤ 200 MB with every page visited): the app's threads share at most two
glibc malloc arenas, instead of one more arena (and its resident fragments) per thread."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Six threads that each allocate with the C library's malloc, then glibc's own arena report.
CODE = """
import ctypes, sys, threading
from ui.shell.startup import limit_malloc_arenas

limit_malloc_arenas()
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p

def work():
    for _ in range(100):
        libc.malloc(64)

threads = [threading.Thread(target=work) for _ in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
libc.malloc_stats()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc arenas")
def test_threads_share_at_most_two_malloc_arenas():
    out = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, check=True)
    arenas = [line for line in out.stderr.splitlines() if line.startswith("Arena ")]
    assert 1 <= len(arenas) <= 2, out.stderr
