// Uniqueness constraints on the canonical id of every label, and the lookup indexes the named queries use.
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT city_id IF NOT EXISTS FOR (n:City) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date);
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Person|Country|City|Region|Organization|Event) ON EACH [n.name, n.aliases] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
CREATE CONSTRAINT write_lease_name IF NOT EXISTS FOR (n:NewsgraphWriteLease) REQUIRE n.name IS UNIQUE;
