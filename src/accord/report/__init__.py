"""Rendering of analysis results: plain data (JSON), rich terminal output, markdown."""
