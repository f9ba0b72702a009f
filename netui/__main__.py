"""`python -m netui`: the same command line as the `netui` console script."""

from netui.cli import main

raise SystemExit(main())
