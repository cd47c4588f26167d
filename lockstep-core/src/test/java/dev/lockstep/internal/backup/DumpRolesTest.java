package dev.lockstep.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DumpRolesTest {
    @Test
    void ownersGranteesGrantorsPolicyRolesAndDefaultPrivilegeRolesAreNamed() {
        DumpRoles.Named roles = DumpRoles.of("""
                \\restrict abc
                SET default_tablespace = '';
                CREATE TABLE public.accounts (id bigint NOT NULL);
                ALTER TABLE public.accounts OWNER TO app_owner;
                ALTER SCHEMA public OWNER TO pg_database_owner;
                GRANT SELECT ON TABLE public.accounts TO reader, "Odd Role" WITH GRANT OPTION;
                GRANT ALL ON FUNCTION public.f(x integer) TO GROUP legacy;
                REVOKE USAGE ON SCHEMA public FROM PUBLIC;
                REVOKE ALL ON TABLE public.accounts FROM writer CASCADE;
                CREATE POLICY p1 ON public.accounts FOR SELECT TO reader, auditor USING ((id > 0));
                ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA public GRANT SELECT ON TABLES  TO reporting;
                SET SESSION AUTHORIZATION grantor_role;
                GRANT SELECT ON TABLE public.t TO x GRANTED BY granted_by_role;
                \\unrestrict abc
                """);
        assertThat(roles.owners()).containsExactly("app_owner", "pg_database_owner");
        assertThat(roles.all()).containsExactlyInAnyOrder("app_owner", "pg_database_owner", "reader", "Odd Role",
                "legacy", "writer", "auditor", "reporting", "grantor_role", "x", "granted_by_role");
    }

    @Test
    void namesInStringsCommentsAndFunctionBodiesAreNotRoles() {
        DumpRoles.Named roles = DumpRoles.of("""
                -- GRANT SELECT ON t TO in_a_comment;
                CREATE FUNCTION public.f() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN EXECUTE 'GRANT SELECT ON t TO in_a_body'; END $$;
                COMMENT ON TABLE public.t IS 'ALTER TABLE t OWNER TO in_a_string';
                ALTER TABLE public.t RENAME TO other;
                """);
        assertThat(roles.all()).isEmpty();
    }
}
