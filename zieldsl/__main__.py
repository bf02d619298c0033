"""`python -m zieldsl` runs the command line."""

from zieldsl.cli import main

if __name__ == "__main__":
    main()
