"""MWP Desktop: records for the Men and Women in Partnership program."""

__version__ = "0.1.0"
APP_NAME = "MWP Desktop"
ORG_NAME = "LEWAF"
