// Find the element ids of a batch of nodes of one label by their ids (one index seek each), so that relationship batches reach their end nodes without an index seek per row.
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN id, elementId(n) AS element
