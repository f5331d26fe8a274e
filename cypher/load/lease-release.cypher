// Give up $holder's write lease: the node goes, so a database between loads holds only the graph.
MATCH (l:__LEASE__ {name: 'load'})
WHERE l.holder = $holder
DELETE l
