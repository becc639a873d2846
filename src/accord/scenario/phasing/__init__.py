"""Phasing documents (``kind: phasing``): schema, loader and the phased-agreement model that
:mod:`accord.phasing` solves."""
