"""How many extraction processes this machine can run: usable cores, capped by free memory.

``workers = "auto"`` (the default) asks :func:`auto_workers`. Cores are those the process may
run on (its CPU affinity) and, inside a container, no more than its cgroup CPU quota allows,
less those other processes keep busy (the 1-minute load average);
each worker holds its own spaCy pipeline, knowledge and gazetteers, so the count is also capped
by the memory available (the cgroup's limit when there is one), leaving room for the process
that writes to the store.

    >>> auto_workers(cores=8, memory=2 * WORKER_RSS, load=0.0)
    1
"""

from __future__ import annotations

import math
import os
from pathlib import Path

WORKER_RSS = 600 * 2**20
"""Resident memory assumed per extraction process, in bytes: measured 450-520 MB with the
default model after a few batches (see docs/performance.md), rounded up for growth."""

MAX_AUTO_WORKERS = 64
"""The largest pool ``"auto"`` chooses (the ``workers`` setting's own upper bound)."""

CGROUP = Path("/sys/fs/cgroup")


def usable_cores(cgroup: Path = CGROUP) -> int:
    """Return the CPUs this process may use: its affinity, capped by a cgroup CPU quota.

    Args:
        cgroup: the cgroup file system root (a test passes a folder of fake files).

    Returns:
        At least 1.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux: no affinity call
        cores = os.cpu_count() or 1
    quota = _cpu_quota(cgroup)
    if quota is not None:
        cores = min(cores, max(1, math.ceil(quota)))
    return max(1, cores)


def _cpu_quota(cgroup: Path) -> float | None:
    """Return the cgroup's CPU quota in CPUs (v2 ``cpu.max``, or v1 CFS files), if limited."""
    v2 = _read(cgroup / "cpu.max")
    if v2 is not None:
        parts = v2.split()
        if len(parts) == 2 and parts[0] != "max":
            return _ratio(parts[0], parts[1])
        return None
    quota = _read(cgroup / "cpu" / "cpu.cfs_quota_us")
    period = _read(cgroup / "cpu" / "cpu.cfs_period_us")
    if quota is None or period is None or quota.strip() == "-1":
        return None
    return _ratio(quota, period)


def _ratio(quota: str, period: str) -> float | None:
    try:
        value, per = int(quota), int(period)
    except ValueError:
        return None
    return value / per if value > 0 and per > 0 else None


def available_memory(cgroup: Path = CGROUP, meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """Return the bytes of memory this process could still use, or None when unknown.

    Args:
        cgroup: the cgroup file system root.
        meminfo: the kernel's memory summary.

    Returns:
        The smaller of the system's available memory and what the cgroup limit leaves.
    """
    found: list[int] = []
    text = _read(meminfo)
    if text is not None:
        for line in text.splitlines():
            if line.startswith("MemAvailable:"):
                found.append(int(line.split()[1]) * 1024)
    limit = _read(cgroup / "memory.max") or _read(cgroup / "memory" / "memory.limit_in_bytes")
    used = _read(cgroup / "memory.current") or _read(cgroup / "memory" / "memory.usage_in_bytes")
    # cgroup v1 writes "no limit" as a huge number; anything past the machine's memory is none.
    if limit is not None and limit.strip().isdigit() and used is not None:
        left = int(limit) - int(used.strip() or 0)
        if left < 2**60:
            found.append(max(0, left))
    return min(found) if found else None


def idle_cores(cores: int, load: float | None = None) -> int:
    """Return how many of ``cores`` other processes leave idle, by the 1-minute load average.

    Args:
        cores: the usable cores.
        load: the load average (default: the system's; unknown means all idle).

    Returns:
        At least 1.
    """
    if load is None:
        try:
            load = os.getloadavg()[0]
        except OSError:
            return cores
    return max(1, min(cores, math.ceil(cores - load)))


def auto_workers(
    *, cores: int | None = None, memory: int | None = None, load: float | None = None
) -> int:
    """Return how many extraction processes to run: one per idle usable core, as memory allows.

    A worker on a core another process keeps busy only adds its start-up (a pipeline load) to
    the machine's work, so cores busy by the 1-minute load average are not counted.

    Args:
        cores: usable cores (default: :func:`usable_cores`).
        memory: available bytes (default: :func:`available_memory`; unknown means no cap).
        load: the 1-minute load average (default: the system's).

    Returns:
        Between 1 and :data:`MAX_AUTO_WORKERS`.
    """
    count = idle_cores(usable_cores() if cores is None else cores, load)
    free = available_memory() if memory is None else memory
    if free is not None:
        # The writing process needs about one worker's worth too (it opens the store, dedups).
        count = min(count, free // WORKER_RSS - 1)
    return max(1, min(count, MAX_AUTO_WORKERS))


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
