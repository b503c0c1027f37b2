"""probe: explore HM Inspectorate of Probation PDU inspection reports from the terminal."""
__version__ = "0.1.0"
