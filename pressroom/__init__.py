"""Pressroom: scheduled ingestion of press releases into a DuckDB warehouse.

The work is split by pipeline stage: ``flows`` fetches and orchestrates,
``parsers`` turns HTML into :class:`parsers.Article` records and ``warehouse``
stores and queries them. This package holds what all stages share: the
exception tree (:mod:`pressroom.errors`) and the command line (:mod:`pressroom.cli`).
"""

__version__ = "0.1.0"
