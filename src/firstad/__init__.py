"""firstad: a first assistant director that computes.

The package is laid out as the pipeline it runs: ``importers`` read screenplays into a
:class:`~firstad.model.Script`, ``breakdown`` turns that into a
:class:`~firstad.model.Breakdown`, ``schedule`` plans the shoot, ``reports`` prints the paperwork.
``pipeline`` is the only module that knows their order; ``cli`` (and later ``web``) stand around it.
"""

__version__ = "0.1.0"
