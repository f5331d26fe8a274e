// Merge a batch of relationships of one type between nodes of two labels: a new one gets its properties at once; those already there are marked and returned with their properties, to be merged by the caller, with the number of rows whose end nodes were found.
UNWIND $rows AS row
MATCH (a:__START__ {id: row.start})
MATCH (b:__END__ {id: row.end})
MERGE (a)-[r:__TYPE__]->(b)
ON CREATE SET r = row.props
ON MATCH SET r._newsgraph_pending = true
WITH r, row
RETURN count(*) AS found,
       collect(CASE WHEN r._newsgraph_pending THEN {start: row.start, end: row.end, props: properties(r)} END) AS pending
