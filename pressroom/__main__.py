"""``python -m pressroom`` runs the CLI."""

import sys

try:
    from pressroom.cli import main
except KeyboardInterrupt:  # Ctrl-C while Python still imports the CLI: no traceback
    print("pressroom: error: interrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
