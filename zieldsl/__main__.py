"""`python -m zieldsl` runs the command line."""

from zieldsl.cli.entry import run

if __name__ == "__main__":
    run()
