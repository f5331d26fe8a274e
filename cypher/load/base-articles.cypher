// The articles dated by their own page (not inferred), with the entities each mentions: an undated new article may take the date of one reporting the same event.
MATCH (a:__ARTICLE__)
WHERE a.date IS NOT NULL AND a.date_inferred IS NULL
RETURN a.id AS id, a.date AS date, [(a)-[:__TYPE__]->(e) | e.id] AS entities
