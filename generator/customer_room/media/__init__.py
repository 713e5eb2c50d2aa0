"""Recordings and photos made ready to publish."""
