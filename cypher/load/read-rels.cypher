// Every relationship between nodes newsgraph wrote: type, ends and properties.
MATCH (a)-[r]->(b) WHERE a.id IS NOT NULL AND b.id IS NOT NULL
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props
ORDER BY a.id, type(r), b.id
