-- Which code may run against this schema, for rolling upgrades. Kept in step with postgresql/V20__schema_compat.sql.
--
-- oldest_code is the lowest schema version a Meridian build may know and still run against this database. A build
-- whose newest migration is older than the database's (a replica not yet upgraded, restarted during a rolling
-- upgrade) starts when its newest migration is at least oldest_code, and refuses otherwise.
--
-- The rule for every later migration: one that older code tolerates (a new table, a nullable column, a new index,
-- a column with a default that old inserts may omit) leaves oldest_code alone; one that breaks older code (drops
-- or renames what it reads or writes, adds a NOT NULL column without a default, changes a type or a constraint old
-- code violates) sets oldest_code to its own version in the same migration. Builds before this one always refuse a
-- newer schema, hence 20.
CREATE TABLE schema_compat (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  oldest_code INTEGER NOT NULL
);
INSERT INTO schema_compat (id, oldest_code) VALUES (1, 20);
