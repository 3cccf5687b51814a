"""sigact.scale stage."""
