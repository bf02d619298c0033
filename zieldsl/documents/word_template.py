"""docxtpl's `DocxTemplate`, imported so that Word's core properties keep their namespace.

docxcompose (which docxtpl before 0.20.2 always imports, and later versions whenever it is
installed) rebinds python-docx's "cp" prefix process-wide to the custom-properties namespace.
Every document written afterwards in the same process would carry `lastModifiedBy` and
`revision` in that wrong namespace (Word shows no author; the bytes change). zieldsl uses no
sub-documents, so the prefix is put back right after the import.
"""

from __future__ import annotations

CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def docx_template_class():
    """`docxtpl.DocxTemplate`, with python-docx's "cp" prefix pointing at the core properties."""
    from docx.oxml.ns import nsmap
    from docxtpl import DocxTemplate

    nsmap["cp"] = CORE_PROPERTIES
    return DocxTemplate
