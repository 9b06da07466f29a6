"""The analysts' config file: its schema, loading and cross-checks, edits and watching."""
