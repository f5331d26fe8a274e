// Replace the properties of a batch of relationships of one type with their merged values.
UNWIND $rows AS row
MATCH (a:__START__ {id: row.start})-[r:__TYPE__]->(b:__END__ {id: row.end})
SET r = row.props
