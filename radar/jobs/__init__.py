"""What a command or the daemon runs against the store: crawls, digests, alerts."""
