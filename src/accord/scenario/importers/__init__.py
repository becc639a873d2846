"""Readers of third-party spatial-data formats (KTAB CSV/XML, Decide, plain actor tables)."""

from accord.scenario.importers.actor_table import parse_actor_table
from accord.scenario.importers.decide import parse_decide
from accord.scenario.importers.ktab_csv import parse_ktab_csv
from accord.scenario.importers.ktab_xml import ktab_xml_parameters, parse_ktab_xml

__all__ = [
    "ktab_xml_parameters",
    "parse_actor_table",
    "parse_decide",
    "parse_ktab_csv",
    "parse_ktab_xml",
]
