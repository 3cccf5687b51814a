"""CPU and wall seconds from a fresh process to its first extracted event, by loading step.

    .venv/bin/python benchmarks/speed/startup_cpu.py
"""

from __future__ import annotations

import sys
import time

T0, C0 = time.perf_counter(), time.process_time()


def lap(label: str) -> None:
    print(f"{label:26s} wall {time.perf_counter() - T0:5.2f}  cpu {time.process_time() - C0:5.2f}")


def main() -> None:
    import sigact.cli  # noqa: F401 - what `sigact extract` imports first
    lap("import sigact.cli")
    from sigact.nlp import load_nlp
    load_nlp()
    lap("spaCy model")
    from sigact.extract.actors import ActorResolver
    ActorResolver.default()
    lap("actor dictionaries")
    from sigact.pipeline import get_pipeline
    p = get_pipeline()
    lap("rest of the pipeline")
    evs = p.extract("Gunmen killed five soldiers in Maiduguri on Monday, police said.")
    lap(f"first article ({len(evs)} event)")
    print("scikit-learn imported:", "sklearn" in sys.modules)


if __name__ == "__main__":
    main()
