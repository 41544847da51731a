"""Named SPARQL queries under the query policy, and the read-only endpoint."""
