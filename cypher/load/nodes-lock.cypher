// Merge a batch of nodes of one label on their id and return the properties they already had.
UNWIND $ids AS id
MERGE (n:__LABEL__ {id: id})
RETURN n.id AS id, properties(n) AS props
