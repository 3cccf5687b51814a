"""sigact.api stage."""
