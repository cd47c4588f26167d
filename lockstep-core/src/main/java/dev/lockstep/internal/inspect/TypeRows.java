package dev.lockstep.internal.inspect;

import dev.lockstep.internal.inspect.ObjectBuilder.Part;
import dev.lockstep.internal.snapshot.ObjectKind;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Types, sequences, functions and default privileges, from the rows of {@link CatalogSql}. */
final class TypeRows {
    private TypeRows() {
    }

    static ObjectBuilder type(ResultSet rs) throws SQLException {
        ObjectKind kind = switch (rs.getString(3)) {
            case "e" -> ObjectKind.ENUM;
            case "d" -> ObjectKind.DOMAIN;
            case "r" -> ObjectKind.RANGE;
            default -> ObjectKind.TYPE;
        };
        ObjectBuilder b = new ObjectBuilder(kind, rs.getString(2));
        b.put(Part.DETAIL, "values", rs.getString(7));
        b.put(Part.DETAIL, "type", rs.getString(8));
        b.put(Part.DETAIL, "collation", rs.getString(11));
        b.put(Part.DETAIL, "not null", kind == ObjectKind.DOMAIN && rs.getBoolean(9) ? "yes" : null);
        b.put(Part.DETAIL, "default", rs.getString(10));
        b.put(Part.DETAIL, "subtype", rs.getString(12));
        b.put(Part.OWNER, "owner", rs.getString(4));
        b.grants("", rs.getString(6));
        b.put(Part.COMMENT, "comment", rs.getString(5));
        return b;
    }

    static void attribute(ObjectBuilder type, ResultSet rs) throws SQLException {
        String collation = rs.getString(8);
        type.put(Part.COLUMN, "attribute " + rs.getString(2), rs.getString(3)
                + (collation == null ? "" : " COLLATE " + collation));
    }

    static ObjectBuilder sequence(ResultSet rs) throws SQLException {
        String def = "AS " + rs.getString(2) + " START " + rs.getLong(3) + " INCREMENT " + rs.getLong(4)
                + " MINVALUE " + rs.getLong(5) + " MAXVALUE " + rs.getLong(6) + " CACHE " + rs.getLong(7)
                + (rs.getBoolean(8) ? " CYCLE" : "");
        return new ObjectBuilder(ObjectKind.SEQUENCE, rs.getString(1))
                .put(Part.DETAIL, "definition", def)
                .put(Part.DETAIL, "owned by", rs.getString(12))
                .put(Part.OWNER, "owner", rs.getString(9))
                .grants("", rs.getString(11))
                .put(Part.COMMENT, "comment", rs.getString(10));
    }

    static ObjectBuilder function(ResultSet rs) throws SQLException {
        ObjectKind kind = switch (rs.getString(2)) {
            case "p" -> ObjectKind.PROCEDURE;
            case "a", "w" -> ObjectKind.AGGREGATE;
            default -> ObjectKind.FUNCTION;
        };
        String arguments = rs.getString(4);
        ObjectBuilder b = new ObjectBuilder(kind, rs.getString(1));
        b.put(Part.DETAIL, "returns", kind == ObjectKind.PROCEDURE ? null : rs.getString(3));
        b.put(Part.DETAIL, "arguments", arguments == null || arguments.isEmpty() ? null : arguments);
        b.put(Part.DETAIL, "language", kind == ObjectKind.AGGREGATE ? null : rs.getString(6));
        b.put(Part.DETAIL, "volatility", switch (rs.getString(7)) {
            case "i" -> "immutable";
            case "s" -> "stable";
            default -> null;
        });
        b.put(Part.DETAIL, "strict", rs.getBoolean(8) ? "yes" : null);
        b.put(Part.DETAIL, "security definer", rs.getBoolean(9) ? "yes" : null);
        b.put(Part.DETAIL, "leakproof", rs.getBoolean(10) ? "yes" : null);
        b.put(Part.DETAIL, "parallel", switch (rs.getString(11)) {
            case "s" -> "safe";
            case "r" -> "restricted";
            default -> null;
        });
        String config = rs.getString(12);
        b.put(Part.DETAIL, "set", config == null || config.isEmpty() ? null : config);
        b.put(Part.DETAIL, "body", rs.getString(13));
        b.put(Part.OWNER, "owner", rs.getString(14));
        b.grants("", rs.getString(16));
        b.put(Part.COMMENT, "comment", rs.getString(15));
        return b;
    }

    /** {@code default privileges for app in schema public on tables}, with a grant line per grantee. */
    static ObjectBuilder defaultPrivileges(ResultSet rs) throws SQLException {
        String on = switch (rs.getString(3)) {
            case "r" -> "tables";
            case "S" -> "sequences";
            case "f" -> "functions";
            case "T" -> "types";
            default -> "schemas";
        };
        String schema = rs.getString(2);
        return new ObjectBuilder(ObjectKind.DEFAULT_PRIVILEGES, "for " + rs.getString(1)
                + (schema == null ? "" : " in schema " + schema) + " on " + on).grants("", rs.getString(4));
    }
}
