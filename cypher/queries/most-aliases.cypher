// The entities merged from the most surface forms: how resolution folded spellings together.
MATCH (n) WHERE n.aliases IS NOT NULL AND NOT n:Article
RETURN labels(n)[0] AS label, n.name AS name, size(n.aliases) AS forms, n.aliases AS aliases, n.mentions AS mentions
ORDER BY forms DESC, mentions DESC, name LIMIT 25
