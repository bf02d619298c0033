"""`python -m zieldsl` runs the command line."""

from zieldsl.cli.main import main

if __name__ == "__main__":
    main()
