// Set the mentions of a batch of entities of one label to the sum of the counts of the MENTIONS reaching them from every article in the database: loads of different articles add up, and loading again changes nothing.
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
SET n.mentions = reduce(s = 0, c IN [(:__ARTICLE__)-[r:__TYPE__]->(n) | r.count] | s + c)
