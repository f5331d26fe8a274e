// Merge a batch of relationships of one type between nodes of two labels and return their properties.
UNWIND $rows AS row
MATCH (a:__START__ {id: row.start})
MATCH (b:__END__ {id: row.end})
MERGE (a)-[r:__TYPE__]->(b)
RETURN row.start AS start, row.end AS end, properties(r) AS props
