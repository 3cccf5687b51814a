"""Packaged data files: load a YAML lexicon once per process."""

from __future__ import annotations

import re
import threading
from importlib import resources
from typing import Any, Callable, TypeVar

import yaml

from sigact.errors import ConfigError

__all__ = ["packaged_yaml_once"]

T = TypeVar("T")

_lock = threading.RLock()  # re-entrant: one lexicon may build on another
_built: dict[tuple[str, str, Callable[..., Any]], Any] = {}


def packaged_yaml_once(package: str, path: str, build: Callable[[Any], T], what: str) -> T:
    """``build(yaml.safe_load(<package>/<path>))``, computed once per process and then shared.

    Raises :class:`ConfigError` ("cannot load the <what>: ...") when the file is missing or
    malformed.
    """
    key = (package, path, build)
    with _lock:
        if key not in _built:
            try:
                text = resources.files(package).joinpath(path).read_text("utf-8")
                _built[key] = build(yaml.safe_load(text))
            except (OSError, yaml.YAMLError, KeyError, re.error) as exc:
                raise ConfigError(f"cannot load the {what}: {exc}") from exc
        return _built[key]
