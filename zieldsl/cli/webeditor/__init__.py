"""`zieldsl editor`: a local web editor (Starlette on 127.0.0.1) on top of the language service."""
