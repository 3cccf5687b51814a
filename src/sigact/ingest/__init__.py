"""sigact.ingest stage."""
