"""The scheduler daemon: its jobs on cadence, the one-per-database lock, its status."""
