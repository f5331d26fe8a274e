// Wait until every index is online (a new full-text index is populated in the background).
CALL db.awaitIndexes(300)
