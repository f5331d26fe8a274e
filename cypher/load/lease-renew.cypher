// Extend $holder's write lease; return 0 when $holder no longer holds it.
MATCH (l:__LEASE__ {name: 'load'})
WHERE l.holder = $holder
SET l.expires = timestamp() + $ttl
RETURN count(l) AS held
