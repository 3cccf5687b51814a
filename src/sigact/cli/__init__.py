"""The ``sigact`` command line: one click group, thin commands over the library.

Each command lives in its own module here and imports heavy libraries inside
the command function, so ``sigact --help`` stays fast.
"""

from __future__ import annotations

import importlib

import click

from sigact import __version__

# module name -> command names it defines (registered lazily below)
_COMMANDS = {
    "extract": ["extract"],
    "store": ["ingest", "events"],
    "evaluate": ["eval"],
    "serve": ["serve"],
    "export": ["export", "import"],
    "bench": ["bench"],
    "batch": ["batch"],
    "watch": ["watch"],
}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sigact")
def main() -> None:
    """sigact: turn news into conflict event data (who did what to whom, where, when, with what toll)."""


def _register() -> None:
    for module, names in _COMMANDS.items():
        try:
            mod = importlib.import_module(f"sigact.cli.{module}")
        except ModuleNotFoundError as exc:  # a command module not written yet
            if exc.name != f"sigact.cli.{module}":
                raise
            continue
        for name in names:
            cmd = getattr(mod, name.replace("-", "_") + "_cmd", None)
            if cmd is not None:
                main.add_command(cmd, name)


_register()
