// Delete every relationship, in batches (nodes follow in clear-nodes.cypher); deleting relationships first keeps each transaction small however dense the nodes.
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
