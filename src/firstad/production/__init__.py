"""The production stage: reading the production file and joining it to the script's breakdown."""

from firstad.production.binding import build_problem
from firstad.production.reader import parse_production, read_production

__all__ = ["build_problem", "parse_production", "read_production"]
