// The articles that mention an entity, looked up by name or alias, with how often. Params: name.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($name, '\\', ' '), '"', ' ') + '"') YIELD node, score
WITH node AS n ORDER BY score DESC, n.mentions DESC LIMIT 1
MATCH (a:Article)-[m:MENTIONS]->(n)
RETURN n.name AS entity, a.title AS article, a.date AS date, a.file AS file, m.count AS mentions
ORDER BY mentions DESC, file
