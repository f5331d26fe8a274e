// Create the relationships of a batch of one type between nodes of two labels that are not there yet, with their properties; return the number of rows whose end nodes were found and, for the relationships already there, their stored properties, to be merged by the caller.
// End nodes are reached by the element ids load/locate.cypher found in the same load; the id is checked too, in case a node was deleted and its element id reused since (through coalesce, which keeps the planner from seeking the id index instead).
// NOT EXISTS and CREATE rather than MERGE: MERGE locks both end nodes before it looks, which halves the load rate. A batch never holds the same pair twice and one load sends each relationship in one batch only, so nothing is created twice; two loads into one database never run at once, since each holds the database's write lease (cypher/lease.go).
// The stored properties are read before anything is written, so that the planner needs no Eager step.
UNWIND $rows AS row
MATCH (a:__START__) WHERE elementId(a) = row.s AND coalesce(a.id, '') = row.start
MATCH (b:__END__) WHERE elementId(b) = row.e AND coalesce(b.id, '') = row.end
WITH row, a, b, [(a)-[r:__TYPE__]->(b) | properties(r)] AS stored
CALL {
  WITH row, a, b, stored
  WITH * WHERE size(stored) = 0
  CREATE (a)-[r:__TYPE__]->(b)
  SET r += row.props
}
RETURN count(*) AS found,
       collect(CASE WHEN size(stored) > 0 THEN {start: row.start, end: row.end, props: stored[0]} END) AS pending
