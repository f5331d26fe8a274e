// Who met whom, with the number of articles that say so and one sentence of evidence.
MATCH (a:Person)-[r:MET_WITH]-(b:Person) WHERE a.name < b.name
RETURN a.name AS person, b.name AS met, r.count AS articles, r.evidence[0] AS evidence
ORDER BY articles DESC, person, met
