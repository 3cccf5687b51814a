"""sigact.clean stage."""
