"""sigact.extract stage."""
