// Take the write lease for $holder when it is free, expired, or one $stale lists (an earlier attempt of this process that ended without releasing it); return whether $holder holds it and who does. The uniqueness constraint on name makes two writers' MERGEs meet on one node; the first SET takes its write lock before anything is read, so two writers decide one after the other, each on what the other committed.
MERGE (l:__LEASE__ {name: 'load'})
ON CREATE SET l.holder = $holder, l.expires = timestamp() + $ttl
SET l._lock = true
WITH l
WITH l, l.holder = $holder OR l.holder IN $stale OR l.expires < timestamp() AS free
SET l.holder = CASE WHEN free THEN $holder ELSE l.holder END,
    l.expires = CASE WHEN free THEN timestamp() + $ttl ELSE l.expires END
REMOVE l._lock
RETURN free AS held, l.holder AS holder
