// Node and relationship counts of the database (the graph's: not the write lease a load holds).
CALL () { MATCH (n) WHERE NOT n:NewsgraphWriteLease RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS rels }
RETURN nodes, rels
