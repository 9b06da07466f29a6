"""Pure extraction: fetched bodies in, documents out (text, metadata, dates, fingerprints)."""
