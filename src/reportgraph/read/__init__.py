"""Read a report: decode bytes, blank layout noise without moving offsets, find the title."""
