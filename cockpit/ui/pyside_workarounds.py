"""Guards against PySide6 defects that would otherwise end the window with a fatal error.

PySide6 6.12 drops one reference to ``None`` too many each time a Qt call hands an empty value to Python
(``index.data(role)`` for a role a model does not answer, a ``QTranslator.translate`` override returning
``None``). A window paints thousands of cells a second, so ``None``'s count reaches zero within minutes and
CPython aborts with "none_dealloc: deallocating None" (``True``/``False`` show the same "bool_dealloc").
Python 3.12 made these objects immortal; on older interpreters we give them a reference count no leak
can exhaust, which is what immortality amounts to.
"""

from __future__ import annotations

import ctypes
import sys

# 2**40 leaked references would take a leak of a million per second about twelve days to use up.
_HEADROOM = 1 << 40
_SINGLETONS = (None, True, False)


def singletons_need_guard() -> bool:
    """CPython before 3.12 counts references to ``None``, ``True`` and ``False``; later versions do not."""
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def keep_singletons_alive() -> None:
    """Give ``None``, ``True`` and ``False`` enough references that a leaking binding can never free them."""
    if not singletons_need_guard():
        return
    for singleton in _SINGLETONS:
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt is a PyObject's first field
        if count.value < _HEADROOM:
            count.value += _HEADROOM
