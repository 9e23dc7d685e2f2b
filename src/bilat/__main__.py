"""``python -m bilat``: the same command line as the ``bilat`` script."""

from bilat.cli import run

run()
