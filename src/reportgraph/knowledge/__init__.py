"""Shipped knowledge: administrative divisions, national bodies, parties, initiatives, surnames."""
