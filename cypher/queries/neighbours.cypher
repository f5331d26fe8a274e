// Entities directly linked to one entity (looked up by any name or alias), with how. Params: name.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($name, '\\', ' '), '"', ' ') + '"') YIELD node, score
WITH node AS n ORDER BY score DESC, n.mentions DESC LIMIT 1
MATCH (n)-[r]-(m) WHERE type(r) <> 'MENTIONS'
RETURN n.name AS entity, type(r) AS relationship, labels(m)[0] AS label, m.name AS neighbour, r.count AS articles
ORDER BY relationship, neighbour
