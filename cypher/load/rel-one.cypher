// Merge one relationship with its properties, one statement per row (the baseline the batched loader is measured against).
MATCH (a:__START__ {id: $start})
MATCH (b:__END__ {id: $end})
MERGE (a)-[r:__TYPE__]->(b)
SET r += $props
