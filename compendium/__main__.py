"""`python -m compendium`: the same command as `compendium`, for environments without the console script."""

import sys

from .cli import main

sys.exit(main())
