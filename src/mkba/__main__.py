"""``python -m mkba``: the same as the ``mkba`` command."""

from mkba.cli import main

raise SystemExit(main())
