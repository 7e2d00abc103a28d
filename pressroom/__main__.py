"""``python -m pressroom`` runs the CLI."""

import sys

from pressroom.cli import main

sys.exit(main())
