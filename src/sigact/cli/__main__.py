"""``python -m sigact.cli`` = ``sigact``."""

from sigact.cli import main

main()
