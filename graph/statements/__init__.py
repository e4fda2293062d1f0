"""Named, parameterised Cypher statements, one module per concern; `graph.catalog` lists all."""
