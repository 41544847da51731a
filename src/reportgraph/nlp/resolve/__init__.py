"""The reportgraph_resolve component: one entity per real thing."""
