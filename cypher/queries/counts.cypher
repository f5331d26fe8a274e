// How many nodes carry each label and how many relationships there are of each type.
CALL () { MATCH (n) UNWIND labels(n) AS label RETURN 'node' AS kind, label AS name, count(*) AS count }
RETURN kind, name, count
UNION ALL
CALL () { MATCH ()-[r]->() RETURN 'relationship' AS kind, type(r) AS name, count(*) AS count }
RETURN kind, name, count
