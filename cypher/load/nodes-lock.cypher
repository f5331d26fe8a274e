// Merge a batch of nodes of one label on their id: a new node gets its properties at once; a node already there is marked and returned with its properties, to be merged by the caller.
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
ON CREATE SET n = row.props
ON MATCH SET n._newsgraph_pending = true
WITH n, row WHERE n._newsgraph_pending
RETURN row.id AS id, properties(n) AS props
