// Delete the relationships between nodes whose ids start with a prefix, in batches.
MATCH (a)-[r]->() WHERE a.id STARTS WITH $prefix
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
