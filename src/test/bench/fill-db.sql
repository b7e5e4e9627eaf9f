-- Fills the synapse database of a test host's Postgres with about :target_mib MiB, for the bench's dump
-- scenario (bench.sh pipes it into psql -d synapse through docker exec). Tables shaped like three of
-- Synapse's, owned by its role: events (one row per event, two indexes), event_json (the event as JSON text,
-- a unique index) and e2e_room_keys (key backups, random bytea). The content follows from each row's number
-- (md5 of it), so every run writes the same rows; hex digests are random enough that neither Postgres nor
-- zstd squeezes them much. Written in batches of 50000 events, each committed, until pg_database_size
-- reaches the target; then VACUUM ANALYZE and a checkpoint, as on a server that has been running a while.
-- Prints the events written and the database's size in bytes (run it with psql -q).
\set ON_ERROR_STOP 1
SET bench.target_mib = :target_mib;
SET ROLE synapse;
CREATE TABLE events (stream_ordering bigint PRIMARY KEY, event_id text NOT NULL, room_id text NOT NULL,
    type text NOT NULL, sender text NOT NULL, origin_server_ts bigint NOT NULL);
CREATE INDEX events_room_stream ON events (room_id, stream_ordering);
CREATE TABLE event_json (event_id text NOT NULL, room_id text NOT NULL, json text NOT NULL);
CREATE UNIQUE INDEX event_json_event_id ON event_json (event_id);
CREATE TABLE e2e_room_keys (user_id text NOT NULL, session_id text NOT NULL, version bigint NOT NULL,
    session_data bytea NOT NULL);
DO $$
DECLARE
    a bigint := 1;
    n constant bigint := 50000;
BEGIN
    WHILE pg_database_size(current_database()) < current_setting('bench.target_mib')::bigint * 1048576 LOOP
        INSERT INTO events SELECT i, '$' || md5(i::text) || ':example.com', '!room' || (i % 997) || ':example.com',
            (ARRAY['m.room.message', 'm.reaction', 'm.room.member', 'm.room.encrypted'])[1 + i % 4],
            '@user' || (i % 5003) || ':example.com', 1700000000000 + i * 1000
            FROM generate_series(a, a + n - 1) i;
        INSERT INTO event_json SELECT '$' || md5(i::text) || ':example.com', '!room' || (i % 997) || ':example.com',
            '{"type":"m.room.message","room_id":"!room' || (i % 997) || ':example.com","sender":"@user' || (i % 5003)
            || ':example.com","content":{"msgtype":"m.text","body":"' || md5(i || 'a') || ' ' || md5(i || 'b') || ' '
            || md5(i || 'c') || ' ' || md5(i || 'd') || '"},"origin_server_ts":' || (1700000000000 + i * 1000)
            || ',"hashes":{"sha256":"' || md5(i || 'e') || md5(i || 'f') || '"},"signatures":{"example.com":'
            || '{"ed25519:a_key":"' || md5(i || 'g') || md5(i || 'h') || md5(i || 'i') || '"}},"unsigned":{"age_ts":'
            || (1700000000000 + i * 1000) || '}}'
            FROM generate_series(a, a + n - 1) i;
        INSERT INTO e2e_room_keys SELECT '@user' || (i % 5003) || ':example.com', md5(i || 's'), 1,
            decode(md5(i || '0') || md5(i || '1') || md5(i || '2') || md5(i || '3') || md5(i || '4') || md5(i || '5')
                || md5(i || '6') || md5(i || '7') || md5(i || '8') || md5(i || '9') || md5(i || '10') || md5(i || '11')
                || md5(i || '12') || md5(i || '13') || md5(i || '14') || md5(i || '15') || md5(i || '16')
                || md5(i || '17') || md5(i || '18') || md5(i || '19'), 'hex')
            FROM generate_series(a, a + n - 1) i;
        COMMIT;
        a := a + n;
    END LOOP;
END
$$;
RESET ROLE;
VACUUM ANALYZE;
CHECKPOINT;
\pset tuples_only on
\pset format unaligned
\pset fieldsep ' '
SELECT (SELECT count(*) FROM events), pg_database_size(current_database());
