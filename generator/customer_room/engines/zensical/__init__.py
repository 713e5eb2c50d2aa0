"""Zensical as the room's site engine."""
