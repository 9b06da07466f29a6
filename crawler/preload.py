"""Loaded by the fork server before it forks the workers: what every worker reads, loaded once.

Importing this module imports what a worker runs (crawler/work.py, the classifier's code,
datasketch) and loads wordfreq's English frequencies, a large read-only table its first pages
would otherwise load in each worker. The workers share these pages with the fork server instead
of holding a copy each. The objects are then frozen out of the garbage collector's scans, whose
writes to them would copy the pages. (The linker's dictionary needs no preloading: the workers
map one file of it, named by their recipe.)
"""

from __future__ import annotations

import gc

import datasketch  # noqa: F401  (its import loads scipy.integrate: about 40 MB)
from wordfreq import zipf_frequency

import classifier.pipeline  # noqa: F401
import crawler.work  # noqa: F401

zipf_frequency("preload", "en")
gc.collect()
gc.freeze()
