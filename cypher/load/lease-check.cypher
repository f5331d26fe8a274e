// Whether $holder still holds the write lease: each batch of a load under a lease checks it first, in its own transaction, so that a writer whose lease passed to another (it stalled longer than the lease lasts) stops instead of writing beside the new holder.
MATCH (l:__LEASE__ {name: 'load'})
WHERE l.holder = $holder
RETURN count(l) AS held
