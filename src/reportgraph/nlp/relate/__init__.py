"""The reportgraph_relate component: relations between resolved entities, with evidence."""
