"""``python -m reportgraph``: the same as the ``reportgraph`` command."""

from reportgraph.cli import main

if __name__ == "__main__":
    main()
