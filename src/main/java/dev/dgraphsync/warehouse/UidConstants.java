package dev.dgraphsync.warehouse;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Uids written into SQL as constants ({@code '0x1', '0x2'}), not as parameters: H2 holds each row against an
 * {@code IN} list of constants with a set, but walks a list of parameters (or an array's elements) one by one for
 * every row (a page of 1,000 uids with five edges each: five million comparisons), and reads an untyped array
 * parameter in a subquery as matching nothing. A key that is not a uid (which the sync never writes) is refused,
 * never written into SQL.
 */
final class UidConstants {

    private static final Pattern UID = Pattern.compile("0x[0-9a-fA-F]{1,16}");

    private UidConstants() {
    }

    /** {@code uids} as a comma-separated list of SQL string constants; {@code column} names where they were read. */
    static String of(String column, Collection<String> uids) {
        StringBuilder list = new StringBuilder();
        for (String uid : uids) {
            if (uid == null || !UID.matcher(uid).matches()) {
                throw new IllegalStateException(column + " holds '" + uid + "', which is not a Dgraph uid");
            }
            list.append(list.isEmpty() ? "'" : ", '").append(uid).append('\'');
        }
        return list.toString();
    }
}
