// What happened where and when: events in date order with their places and participants.
MATCH (e:Event)
OPTIONAL MATCH (e)-[:TOOK_PLACE_IN]->(pl)
OPTIONAL MATCH (x)-[:PARTICIPATED_IN]->(e)
RETURN e.date AS date, e.name AS event, collect(DISTINCT pl.name) AS places, collect(DISTINCT x.name) AS participants
ORDER BY date IS NULL, date, event
