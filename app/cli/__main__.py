"""`python -m app.cli ...`: the same commands as `showroom admin ...`."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
