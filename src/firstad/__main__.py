"""``python -m firstad``: the same as the ``firstad`` command."""

from firstad.cli import main

# Guarded: a helper process started by "spawn" imports this module again (as __mp_main__).
if __name__ == "__main__":
    main()
