"""sigact.geo stage."""
