"""Graph stores: the embedded Oxigraph store, graph files in memory, bulk loads of corpora."""
