"""The cooperation graph: model, named Cypher statements, and the store over two engines."""
