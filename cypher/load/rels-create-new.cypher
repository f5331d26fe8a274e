// Create the relationships of a batch of one type between nodes of two labels where one end at least was created by this same load, so that no relationship between them can be there yet: no check, only CREATE. Return the number of rows whose end nodes were found.
// End nodes are reached by their element ids, as in load/rels-create.cypher. A load holds the database's write lease (cypher/lease.go), so no other writer adds relationships meanwhile, and one load sends each relationship once.
UNWIND $rows AS row
MATCH (a:__START__) WHERE elementId(a) = row.s AND coalesce(a.id, '') = row.start
MATCH (b:__END__) WHERE elementId(b) = row.e AND coalesce(b.id, '') = row.end
CREATE (a)-[r:__TYPE__]->(b)
SET r += row.props
RETURN count(*) AS found
