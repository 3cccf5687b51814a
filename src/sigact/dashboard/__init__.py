"""sigact.dashboard stage."""
