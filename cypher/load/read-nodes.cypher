// Every node newsgraph wrote: its labels and properties, in id order.
MATCH (n) WHERE n.id IS NOT NULL
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
