/// The PostgreSQL schema, as numbered migrations (the same tables as SQLite's, plus what several
/// instances need to share one database: leases on feeds and sinks, and the instances table).
/// Times are seconds since 1970 as double precision, like the SQLite store's.
enum PostgresSchema {
    static let migrations: [String] = [
        """
        CREATE TABLE feeds (
            url text PRIMARY KEY,
            name text,
            etag text,
            last_modified text,
            last_status integer,
            last_error text,
            consecutive_failures integer NOT NULL DEFAULT 0,
            last_attempt double precision,
            last_success double precision,
            next_poll double precision NOT NULL DEFAULT 0,
            initialized boolean NOT NULL DEFAULT false,
            paused_reason text,
            unhealthy boolean NOT NULL DEFAULT false,
            failing_since double precision,
            fetch_url text
        );
        CREATE TABLE entries (
            feed_url text NOT NULL,
            identity text NOT NULL,
            digest text,
            first_seen double precision NOT NULL,
            title text,
            link text,
            published double precision,
            text text,
            PRIMARY KEY (feed_url, identity)
        );
        CREATE INDEX entries_first_seen ON entries (first_seen);
        CREATE TABLE alerts (
            seq bigserial UNIQUE,
            id text PRIMARY KEY,
            alert_key text NOT NULL UNIQUE,
            watchlist text NOT NULL,
            feed_url text,
            created double precision NOT NULL,
            payload text NOT NULL
        );
        CREATE INDEX alerts_created ON alerts (created);
        CREATE TABLE deliveries (
            seq bigserial PRIMARY KEY,
            alert_id text NOT NULL REFERENCES alerts (id),
            sink text NOT NULL,
            state text NOT NULL DEFAULT 'pending',
            attempts integer NOT NULL DEFAULT 0,
            next_attempt double precision NOT NULL,
            last_error text,
            delivered_at double precision,
            UNIQUE (alert_id, sink)
        );
        CREATE INDEX deliveries_queue ON deliveries (sink, state, seq);
        """,
        // 2: several instances on one database: who polls a feed now, who delivers a sink, who is alive.
        """
        ALTER TABLE feeds ADD COLUMN lease_owner text, ADD COLUMN lease_expires double precision;
        CREATE TABLE sink_leases (sink text PRIMARY KEY, owner text NOT NULL, expires double precision NOT NULL);
        CREATE TABLE instances (id text PRIMARY KEY, host text NOT NULL, pid integer NOT NULL, started double precision NOT NULL,
                                last_seen double precision NOT NULL);
        """,
        // 3: the digest a pending delivery was gathered into (a sink with `digest:`), until it is sent.
        "ALTER TABLE deliveries ADD COLUMN digest text;",
    ]
}
