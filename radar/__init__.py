"""rivalradar: the shell around the pipeline (config, store, CLI, scheduler, web)."""

__version__ = "0.1.0"
