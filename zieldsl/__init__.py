"""zieldsl: target agreements under § 48b SGB II as checked, evaluable text files."""

__version__ = "0.1.0"
