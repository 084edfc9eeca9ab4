"""``python -m neurona``: the command line (see :mod:`neurona.cli`)."""

from neurona.cli import main

if __name__ == "__main__":
    main()
