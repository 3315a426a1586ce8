"""Start-up figures: cold `make run` from a clean clone until the home page answers, a warm
restart of the same clone, and the server's memory (RSS of the process tree) after start.

    python bench/startup.py [--skip-cold]

Prints figures; asserts nothing. Uses a free local port and a throw-away clone.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 900


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_home(url: str, process: subprocess.Popen, started: float) -> float:
    while time.monotonic() - started < TIMEOUT_S:
        if process.poll() is not None:
            raise SystemExit(f"make run exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200 and b"<html" in response.read(2048).lower():
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit("the home page did not answer in time")


def tree_rss_mib(process: subprocess.Popen) -> float:
    parent = psutil.Process(process.pid)
    processes = [parent, *parent.children(recursive=True)]
    return sum(p.memory_info().rss for p in processes if p.is_running()) / 2**20


def start(clone: Path, port: int, label: str) -> None:
    env = {**os.environ, "PORTAL_PORT": str(port), "PORTAL_BASE_URL": f"http://localhost:{port}"}
    started = time.monotonic()
    process = subprocess.Popen(["make", "run"], cwd=clone, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        seconds = wait_for_home(f"http://127.0.0.1:{port}/", process, started)
        time.sleep(3)  # let start-up settle before measuring memory
        print(f"{label:<34} {seconds:7.1f} s   RSS after start {tree_rss_mib(process):7.1f} MiB")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-cold", action="store_true", help="reuse this checkout instead")
    args = parser.parse_args()
    port = free_port()
    if args.skip_cold:
        start(ROOT, port, "warm make run (this checkout)")
        return
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        clone = Path(tmp) / "portal"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        start(clone, port, "cold make run (fresh clone)")
        start(clone, port, "warm make run (same clone)")


if __name__ == "__main__":
    sys.exit(main())
