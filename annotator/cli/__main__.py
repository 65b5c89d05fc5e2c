"""`python -m annotator.cli` runs the command line, like the `tawsim` script."""

from annotator.cli import main

if __name__ == "__main__":
    main()
