"""infoview: an informational-interviewing habit, kept in plain text."""

__version__ = "0.1.0"
