"""Start Tawsim's annotation desk: `python main.py [PROJECT] [--annotator NAME]`."""

import sys

from annotator.ui.shell.app import main

if __name__ == "__main__":
    sys.exit(main())
