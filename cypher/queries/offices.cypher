// Who holds which office where; optionally for one country or organization by name. Params: where (optional, "" for all).
MATCH (p:Person)-[r:HOLDS_OFFICE]->(o)
WHERE coalesce($where, '') = '' OR toLower(o.name) = toLower($where) OR toLower($where) IN [a IN o.aliases | toLower(a)]
RETURN o.name AS where, labels(o)[0] AS kind, r.role AS role, p.name AS person, r.count AS articles
ORDER BY where, role, person
