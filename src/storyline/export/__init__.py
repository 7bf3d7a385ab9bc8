"""Export: JSON lines per the export format, CSV tables; more formats are exporter plugins."""
