"""Keep UMAP's compiled code between runs.

UMAP and pynndescent compile their numba kernels on first use in every process (about 15-20 s
on 2 cores) because they are not marked `cache=True`. Turning numba's disk cache on for them
makes every later `verhalen cluster` start in well under a second. Must run before numba is
imported, so that NUMBA_CACHE_DIR takes effect.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGES = ("umap", "pynndescent")
_done = False


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "verhalen" / "numba"


def enable_cache() -> None:
    """Import UMAP with numba's disk cache switched on for its kernels."""
    global _done
    if _done:
        return
    if "NUMBA_CACHE_DIR" not in os.environ:
        try:
            cache_dir().mkdir(parents=True, exist_ok=True)
            os.environ["NUMBA_CACHE_DIR"] = str(cache_dir())
        except OSError:
            pass  # no writable home: numba falls back to __pycache__ or compiles each time
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ImportWarning)  # "Tensorflow not installed"
        import umap  # noqa: F401 - loads the kernels we switch caching on for

    from numba.core.registry import CPUDispatcher

    for name, module in list(sys.modules.items()):
        if not name.startswith(PACKAGES):
            continue
        for value in list(vars(module).values()):
            if isinstance(value, CPUDispatcher) and type(value._cache).__name__ == "NullCache":
                try:
                    value.enable_caching()
                except Exception:  # a kernel numba cannot cache: it compiles as before
                    continue
    _done = True
