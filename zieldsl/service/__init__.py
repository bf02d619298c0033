"""The language service: one document text in, editor answers out.

Diagnostics, formatting, hover, completion, go to definition, the outline and quick
fixes for a `.ziel` text, computed by the same parser, checker and formatter as the
command line. Both editor front-ends (`zieldsl lsp`, `zieldsl editor`) ask this wing;
it knows nothing about LSP or HTTP. Positions count from 0 (line and character), as
editors do.
"""


from zieldsl.service.service import Hover, Location, OutlineItem, Problem, Snapshot, analyse
from zieldsl.service.text import Position, Range

__all__ = ["Hover", "Location", "OutlineItem", "Position", "Problem", "Range", "Snapshot", "analyse"]
