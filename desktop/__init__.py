"""Baton: departures and handovers for small logistics firms, over an encrypted local vault."""

__version__ = "0.1.0"
