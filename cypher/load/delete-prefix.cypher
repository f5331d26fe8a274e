// Delete the nodes whose id starts with a prefix, with their relationships, in batches.
MATCH (n) WHERE n.id STARTS WITH $prefix
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
