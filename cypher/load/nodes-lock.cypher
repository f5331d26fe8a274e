// Merge a batch of nodes of one label on their id: a new node gets its properties at once; a node already there is marked and comes back with its properties, to be merged by the caller. Every node comes back with its element id, by which the load's relationships then reach it.
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
ON CREATE SET n = row.props
ON MATCH SET n._newsgraph_pending = true
RETURN row.id AS id, elementId(n) AS element, CASE WHEN n._newsgraph_pending THEN properties(n) END AS props
