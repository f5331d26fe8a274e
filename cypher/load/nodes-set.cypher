// Replace the properties of a batch of nodes of one label with their merged values.
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})
SET n = row.props
