import sys

from recertlib.cli import main

sys.exit(main())
