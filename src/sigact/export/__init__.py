"""sigact.export stage."""
