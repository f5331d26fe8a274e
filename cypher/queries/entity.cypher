// The card of one entity, looked up by any name or alias (case and accents ignored): its facts with their evidence. Params: name.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($name, '\\', ' '), '"', ' ') + '"') YIELD node, score
WITH node AS n ORDER BY score DESC, n.mentions DESC LIMIT 1
OPTIONAL MATCH (n)-[r]-(m) WHERE type(r) <> 'MENTIONS'
RETURN n.name AS entity, labels(n)[0] AS label, n.aliases AS aliases, type(r) AS relationship,
       CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, m.name AS other,
       r.role AS role, r.date AS date, r.count AS articles, r.evidence[0] AS evidence
ORDER BY relationship, other
