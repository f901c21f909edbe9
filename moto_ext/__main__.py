"""``python -m moto_ext``: the server (see moto_ext.server), or ``python -m moto_ext data-path``."""

from moto_ext.server import main

main()
