// Delete every node and relationship, in batches (needs an auto-commit transaction).
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
