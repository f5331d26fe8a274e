// The evidence behind the relationships between two entities, looked up by name or alias. Params: from, to.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($from, '\\', ' '), '"', ' ') + '"') YIELD node, score
WITH node AS a ORDER BY score DESC LIMIT 1
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($to, '\\', ' '), '"', ' ') + '"') YIELD node, score
WITH a, node AS b ORDER BY score DESC LIMIT 1
MATCH (a)-[r]-(b)
UNWIND r.evidence AS sentence
RETURN a.name AS from, type(r) AS relationship, b.name AS to, r.articles AS articles, sentence
ORDER BY relationship, sentence
