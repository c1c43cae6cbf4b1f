package dev.dgraphsync.mapping;

/** What a warehouse column holds, and so how a Dgraph value becomes a SQL value. */
public enum ColumnType {
    /** A string. */
    TEXT,
    /** A whole number. */
    INTEGER,
    /** An exact decimal: Dgraph prints floats like {@code 1.5e+06}; the warehouse keeps the number, not the text. */
    DECIMAL,
    BOOLEAN,
    /** An instant, stored in UTC whatever offset Dgraph kept. */
    TIMESTAMP,
    /** The uid of the node a single-valued edge points at (a foreign key). */
    REF,
    /** How many nodes a list edge points at. */
    COUNT
}
