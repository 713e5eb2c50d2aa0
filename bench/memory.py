"""Peak memory of a process and all its children: the sum of their proportional set sizes
(PSS, so pages shared between worker processes are counted once)."""

from __future__ import annotations

from pathlib import Path


def pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def process_tree(pid: int) -> list[int]:
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return pids
    for child in children:
        pids += process_tree(int(child))
    return pids


def tree_pss_kb(pid: int) -> int:
    """PSS of ``pid`` and every process below it, in kB."""
    return sum(pss_kb(p) for p in process_tree(pid))
