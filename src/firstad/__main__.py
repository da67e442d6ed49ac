"""``python -m firstad``: the same as the ``firstad`` command."""

from firstad.cli import main

main()
