package org.anivid.library;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of database work run by {@link Library#read} or {@link Library#write}. The connection belongs to the
 * library: use it only inside {@link #run}, and never commit, roll back or close it — the library does that.
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
