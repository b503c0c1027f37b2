"""The bundled sample corpus: five real inspection reports (see NOTICE.md)."""
