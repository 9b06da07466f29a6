"""One generic spider per source kind; see crawler/kinds.py for the registry."""
