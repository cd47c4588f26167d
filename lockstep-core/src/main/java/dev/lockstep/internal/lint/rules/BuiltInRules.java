package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Linter;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.lint.LintSettings;
import java.util.List;
import java.util.Optional;

/** Every built-in rule, in the order they are documented. */
public final class BuiltInRules {
    private static final List<Rule> ALL = List.of(
            new RequireConcurrentIndex(), new RequireConcurrentIndexDrop(), new RequireConcurrentReindex(),
            new RequireConcurrentRefresh(), new RequireConcurrentDetachPartition(), new BanVacuumFull(),
            new BanCluster(), new BanConcurrentIndexInTransaction(), new ConcurrentlyMixedWithOtherStatements(),
            new AddingFieldWithDefault(), new AddingNotNullableField(), new AddingSerialPrimaryKeyField(),
            new ChangingColumnType(), new SetNotNullWithoutCheck(), new ConstraintMissingNotValid(),
            new ForeignKeyMissingNotValid(), new DisallowedUniqueConstraint(), new ValidateInSameTransaction(),
            new RenamingColumn(), new RenamingTable(), new BanDropColumn(), new BanDropTable(), new BanDropDatabase(),
            new BanTruncateCascade(), new BanDropNotNull(), new BanDomainConstraint(), new RequireLockTimeout(),
            new SetLocalOutsideTransaction(), new StrongLockThenMoreWork(), new MultipleStrongLocks(),
            new UnboundedBackfillWithDdl(), new EnumValueUsedInSameTransaction(), new TransactionNesting(),
            new ColumnAssignedTwice(), new IdentifierTooLong(), new PreferBigintPrimaryKey(),
            new IntegerColumnOverflow(), new PreferIdentity(), new PreferTextField(), new BanCharField(),
            new PreferTimestamptz(), new RequireEnumValueOrdering(), new PreferRobustStatements(), new RequireDown(),
            new SyntaxError(), new NeedsNewerPostgres(), new SuppressionWithoutReason(), new UnusedSuppression());

    private BuiltInRules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    /** A linter with every built-in rule. */
    public static Linter linter(LintSettings settings, int pgVersion) {
        return new Linter(ALL, settings, pgVersion);
    }

    public static Optional<Rule> byId(String id) {
        for (Rule r : ALL) {
            if (r.id().equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
