"""The reportgraph_recognize component: entity mentions from knowledge, grammar and rules."""
