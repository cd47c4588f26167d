package dev.lockstep.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.CatalogFingerprint;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogDiffTest {
    private static final Map<String, String> ACCOUNTS = Map.of("owner", "alice", "acl",
            "alice=arwdDxt/alice,app=r/alice", "comment", "customers");

    private static CatalogFingerprint fp(Map<String, Map<String, String>> objects, Map<String, Long> rows) {
        return new CatalogFingerprint(objects, rows);
    }

    @Test
    void theSameCatalogHasNoDifferences() {
        CatalogFingerprint a = fp(Map.of("table public.accounts", ACCOUNTS), Map.of("public.accounts", 3L));
        assertThat(CatalogDiff.differences(a, fp(Map.of("table public.accounts", ACCOUNTS),
                Map.of("public.accounts", 3L)))).isEmpty();
    }

    @Test
    void missingExtraAndChangedObjectsAndRowCountsAreEachOneLineInKeyOrder() {
        CatalogFingerprint backup = fp(Map.of("table public.accounts", ACCOUNTS,
                "column public.accounts.note", Map.of("type", "text", "position", "3")),
                Map.of("public.accounts", 3L));
        CatalogFingerprint now = fp(Map.of("table public.accounts", Map.of("owner", "alice", "acl",
                        "alice=arwdDxt/alice"), "table public.invoices", Map.of("owner", "alice")),
                Map.of("public.accounts", 2L, "public.invoices", 1L));
        assertThat(CatalogDiff.differences(backup, now)).containsExactly(
                "column public.accounts.note: in the backup, missing now",
                "table public.accounts: acl 'alice=arwdDxt/alice,app=r/alice' in the backup, 'alice=arwdDxt/alice' now",
                "table public.accounts: comment 'customers' in the backup, none now",
                "table public.invoices: not in the backup",
                "rows of public.accounts: 3 in the backup, 2 now");
    }

    @Test
    void withoutOwnersTheOwnerItsOwnPrivilegesAndTheGrantorsAreNotCompared() {
        CatalogFingerprint backup = fp(Map.of("table public.accounts", ACCOUNTS), Map.of());
        CatalogFingerprint restoredByBob = fp(Map.of("table public.accounts", Map.of("owner", "bob", "acl",
                "app=r/bob,bob=arwdDxt/bob", "comment", "customers")), Map.of());
        assertThat(CatalogDiff.differences(backup, restoredByBob, "bob")).isEmpty();
        assertThat(CatalogDiff.differences(backup, restoredByBob)).hasSize(2);

        CatalogFingerprint lostAGrant = fp(Map.of("table public.accounts", Map.of("owner", "bob", "acl",
                "bob=arwdDxt/bob", "comment", "customers")), Map.of());
        assertThat(CatalogDiff.differences(backup, lostAGrant, "bob"))
                .containsExactly("table public.accounts: acl 'app=r' in the backup, '' now");
    }

    @Test
    void quotedAndPublicGranteesAreReadFromTheAclItem() {
        Map<String, String> attrs = Map.of("owner", "Odd Owner", "acl",
                "\"Odd Owner\"=UC/\"Odd Owner\",=U/\"Odd Owner\"");
        assertThat(CatalogDiff.withoutOwner(attrs, "bob")).containsExactly(Map.entry("acl", "=U"));
    }

    @Test
    void withoutOwnersTheRestoringRolesOwnPrivilegesFollowFromOwningEverything() {
        CatalogFingerprint backup = fp(Map.of("table public.b", Map.of("owner", "alice", "acl",
                "alice=arwdDxt/alice,bob=r/alice,app=r/alice")), Map.of());
        CatalogFingerprint restoredByBob = fp(Map.of("table public.b", Map.of("owner", "bob", "acl",
                "app=r/bob,bob=arwdDxt/bob")), Map.of());
        assertThat(CatalogDiff.differences(backup, restoredByBob, "bob")).isEmpty();
    }
}
