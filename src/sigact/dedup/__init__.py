"""sigact.dedup stage."""
