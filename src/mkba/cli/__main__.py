"""``python -m mkba.cli``: the same as the ``mkba`` command."""

from mkba.cli import main

raise SystemExit(main())
