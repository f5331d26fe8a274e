// The shortest path between two entities, looked up by name or alias, through facts (not articles). Params: from, to.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($from, '\\', ' '), '"', ' ') + '"') YIELD node, score
WITH node AS a ORDER BY score DESC LIMIT 1
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($to, '\\', ' '), '"', ' ') + '"') YIELD node, score
WITH a, node AS b ORDER BY score DESC LIMIT 1
MATCH p = shortestPath((a)-[:HOLDS_OFFICE|MET_WITH|VISITED|ACCOMPANIED|PARTICIPATED_IN|TOOK_PLACE_IN|LOCATED_IN|RESPONSIBLE_FOR|MEMBER_OF|SPOKE_WITH*..6]-(b))
RETURN [x IN nodes(p) | x.name] AS path, [r IN relationships(p) | type(r)] AS relationships, length(p) AS hops
