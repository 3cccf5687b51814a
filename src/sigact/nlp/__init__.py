"""sigact.nlp stage."""
