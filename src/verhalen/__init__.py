"""verhalen: a toolkit for participatory narrative inquiry (PNI).

The library is the product; the `verhalen` CLI and the notebooks are thin faces on it.
"""

__version__ = "0.1.0"
