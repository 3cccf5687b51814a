"""sigact.time stage."""
