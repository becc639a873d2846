"""The ``accord`` command line (a thin adapter over :mod:`accord.api`)."""
