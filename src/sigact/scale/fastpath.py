"""One switch for the speed-only shortcuts of the pipeline.

Every shortcut guarded by :func:`enabled` must give exactly the events of the plain code path (the
same events, offsets and evidence); it only skips work that cannot change them.  The switch exists
so that tests and ``benchmarks/speed/events_equal.py`` can run both paths in one process and
compare.  ``SIGACT_FAST_PATHS=0`` in the environment turns the shortcuts off for a whole run.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

__all__ = ["enabled", "disabled"]

_on = os.environ.get("SIGACT_FAST_PATHS", "1").strip() not in ("0", "false", "no", "off")


def enabled() -> bool:
    """True unless the shortcuts are switched off (environment or :func:`disabled`)."""
    return _on


@contextmanager
def disabled() -> Iterator[None]:
    """Run the block on the plain code paths (restores the previous setting on exit)."""
    global _on
    before, _on = _on, False
    try:
        yield
    finally:
        _on = before
