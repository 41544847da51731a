"""The entity graph and its writers: GraphML, GEXF, node-link JSON."""
