"""OpenKey Desktop: manage the API tokens of a One API / New API site from the desktop."""

__version__ = "0.1.0"
