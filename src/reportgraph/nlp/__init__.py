"""The spaCy pipeline: the Chinese Language from pipeline.cfg and the reportgraph components."""
