// Who took part in an event, looked up by name or alias. Params: event.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($event, '\\', ' '), '"', ' ') + '"') YIELD node, score
WITH node AS e, score WHERE e:Event
WITH e, score ORDER BY score DESC LIMIT 1
MATCH (x)-[r:PARTICIPATED_IN]->(e)
RETURN e.name AS event, labels(x)[0] AS label, x.name AS participant, r.count AS articles, r.evidence[0] AS evidence
ORDER BY label, participant
