"""Loaded by the fork server before it forks the workers: what every worker reads, loaded once.

Importing this module imports what a worker runs (crawler/work.py, the classifier's code,
datasketch) and loads the large read-only tables its first pages would otherwise load in each
worker: the English dictionary of the company linker and wordfreq's English frequencies. The
workers share these pages with the fork server instead of holding a copy each. The objects are
then frozen out of the garbage collector's scans, whose writes to them would copy the pages.
"""

from __future__ import annotations

import gc

import datasketch  # noqa: F401  (its import loads scipy.integrate: about 40 MB)
from wordfreq import zipf_frequency

import classifier.pipeline  # noqa: F401
import crawler.work  # noqa: F401
from classifier.names import name_kind

name_kind(["Preload"])
zipf_frequency("preload", "en")
gc.collect()
gc.freeze()
