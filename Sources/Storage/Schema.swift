/// The store's schema, as numbered migrations. `PRAGMA user_version` records how many have run; a
/// migration runs once, in its own transaction, in order.
enum Schema {
    static let migrations: [String] = [
        // 1: feeds, seen entries, alerts and their per-sink deliveries (the outbox).
        """
        CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            name TEXT,
            etag TEXT,
            last_modified TEXT,
            last_status INTEGER,
            last_error TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            last_attempt REAL,
            last_success REAL,
            next_poll REAL NOT NULL DEFAULT 0,
            initialized INTEGER NOT NULL DEFAULT 0,
            paused_reason TEXT,
            unhealthy INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE entries (
            feed_url TEXT NOT NULL,
            identity TEXT NOT NULL,
            digest TEXT,
            first_seen REAL NOT NULL,
            title TEXT,
            link TEXT,
            published REAL,
            text TEXT,
            PRIMARY KEY (feed_url, identity)
        ) WITHOUT ROWID;
        CREATE INDEX entries_first_seen ON entries (first_seen);
        CREATE TABLE alerts (
            id TEXT PRIMARY KEY,
            alert_key TEXT NOT NULL UNIQUE,
            watchlist TEXT NOT NULL,
            feed_url TEXT,
            created REAL NOT NULL,
            payload TEXT NOT NULL
        );
        CREATE INDEX alerts_created ON alerts (created);
        CREATE TABLE deliveries (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            alert_id TEXT NOT NULL REFERENCES alerts (id),
            sink TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt REAL NOT NULL,
            last_error TEXT,
            delivered_at REAL,
            UNIQUE (alert_id, sink)
        );
        CREATE INDEX deliveries_queue ON deliveries (sink, state, seq);
        """,
        // 2: where a feed is fetched from after permanent redirects (its configured URL stays its key).
        "ALTER TABLE feeds ADD COLUMN fetch_url TEXT;",
        // 3: when the current run of failures began, so a feed broken from the start is reported in time.
        "ALTER TABLE feeds ADD COLUMN failing_since REAL;",
        // 4: the digest a pending delivery was gathered into (a sink with `digest:`), until it is sent.
        "ALTER TABLE deliveries ADD COLUMN digest TEXT;",
    ]
}
