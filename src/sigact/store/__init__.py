"""sigact.store stage."""
