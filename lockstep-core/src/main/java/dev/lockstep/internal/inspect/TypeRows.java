package dev.lockstep.internal.inspect;

import dev.lockstep.internal.inspect.ObjectBuilder.Part;
import dev.lockstep.internal.snapshot.ObjectKind;

/** Types, sequences, functions and default privileges, from the rows of {@link CatalogSql}. */
final class TypeRows {
    private TypeRows() {
    }

    static ObjectBuilder type(Row rs) {
        ObjectKind kind = switch (rs.text(3)) {
            case "e" -> ObjectKind.ENUM;
            case "d" -> ObjectKind.DOMAIN;
            case "r" -> ObjectKind.RANGE;
            default -> ObjectKind.TYPE;
        };
        ObjectBuilder b = new ObjectBuilder(kind, rs.text(2));
        b.put(Part.DETAIL, "values", rs.text(7));
        b.put(Part.DETAIL, "type", rs.text(8));
        b.put(Part.DETAIL, "collation", rs.text(11));
        b.put(Part.DETAIL, "not null", kind == ObjectKind.DOMAIN && rs.flag(9) ? "yes" : null);
        b.put(Part.DETAIL, "default", rs.text(10));
        b.put(Part.DETAIL, "subtype", rs.text(12));
        b.put(Part.OWNER, "owner", rs.text(4));
        b.grants("", rs.text(6));
        b.put(Part.COMMENT, "comment", rs.text(5));
        return b;
    }

    static void attribute(ObjectBuilder type, Row rs) {
        String collation = rs.text(8);
        type.put(Part.COLUMN, "attribute " + rs.text(2), rs.text(3)
                + (collation == null ? "" : " COLLATE " + collation));
    }

    static ObjectBuilder sequence(Row rs) {
        String def = "AS " + rs.text(2) + " START " + rs.number(3) + " INCREMENT " + rs.number(4)
                + " MINVALUE " + rs.number(5) + " MAXVALUE " + rs.number(6) + " CACHE " + rs.number(7)
                + (rs.flag(8) ? " CYCLE" : "");
        return new ObjectBuilder(ObjectKind.SEQUENCE, rs.text(1))
                .put(Part.DETAIL, "definition", def)
                .put(Part.DETAIL, "owned by", rs.text(12))
                .put(Part.OWNER, "owner", rs.text(9))
                .grants("", rs.text(11))
                .put(Part.COMMENT, "comment", rs.text(10));
    }

    static ObjectBuilder function(Row rs) {
        ObjectKind kind = switch (rs.text(2)) {
            case "p" -> ObjectKind.PROCEDURE;
            case "a", "w" -> ObjectKind.AGGREGATE;
            default -> ObjectKind.FUNCTION;
        };
        String arguments = rs.text(4);
        ObjectBuilder b = new ObjectBuilder(kind, rs.text(1));
        b.put(Part.DETAIL, "returns", kind == ObjectKind.PROCEDURE ? null : rs.text(3));
        b.put(Part.DETAIL, "arguments", arguments == null || arguments.isEmpty() ? null : arguments);
        b.put(Part.DETAIL, "language", kind == ObjectKind.AGGREGATE ? null : rs.text(6));
        b.put(Part.DETAIL, "volatility", switch (rs.text(7)) {
            case "i" -> "immutable";
            case "s" -> "stable";
            default -> null;
        });
        b.put(Part.DETAIL, "strict", rs.flag(8) ? "yes" : null);
        b.put(Part.DETAIL, "security definer", rs.flag(9) ? "yes" : null);
        b.put(Part.DETAIL, "leakproof", rs.flag(10) ? "yes" : null);
        b.put(Part.DETAIL, "parallel", switch (rs.text(11)) {
            case "s" -> "safe";
            case "r" -> "restricted";
            default -> null;
        });
        String config = rs.text(12);
        b.put(Part.DETAIL, "set", config == null || config.isEmpty() ? null : config);
        b.put(Part.DETAIL, "body", rs.text(13));
        b.put(Part.OWNER, "owner", rs.text(14));
        b.grants("", rs.text(16));
        b.put(Part.COMMENT, "comment", rs.text(15));
        return b;
    }

    /** {@code default privileges for app in schema public on tables}, with a grant line per grantee. */
    static ObjectBuilder defaultPrivileges(Row rs) {
        String on = switch (rs.text(3)) {
            case "r" -> "tables";
            case "S" -> "sequences";
            case "f" -> "functions";
            case "T" -> "types";
            default -> "schemas";
        };
        String schema = rs.text(2);
        return new ObjectBuilder(ObjectKind.DEFAULT_PRIVILEGES, "for " + rs.text(1)
                + (schema == null ? "" : " in schema " + schema) + " on " + on).grants("", rs.text(4));
    }
}
