package dev.lockstep.internal.pg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetIdentityTest {
    @Test
    void aUrlTheCallerGaveWinsOverDatabaseUrlWhateverTheEnvironment() {
        assertThat(TargetIdentity.whyNot("--url", "prod")).isEqualTo("--url wins over it");
        assertThat(TargetIdentity.whyNot("-Dlockstep.url", "prod")).isEqualTo("-Dlockstep.url wins over it");
        assertThat(TargetIdentity.whyNot("<url> in the plugin's <settings>", "prod"))
                .isEqualTo("<url> in the plugin's <settings> wins over it");
    }

    @Test
    void anEnvironmentSectionsUrlIsTheEnvironmentNamingItsOwnDatabase() {
        assertThat(TargetIdentity.whyNot("lockstep.toml [env.staging]", "staging"))
                .isEqualTo("--env staging names its own database (lockstep.toml [env.staging])");
        assertThat(TargetIdentity.whyNot("STAGING_URL", "staging"))
                .isEqualTo("--env staging names its own database (STAGING_URL)");
        assertThat(TargetIdentity.whyNot("lockstep.toml", null)).isEqualTo("lockstep.toml wins over it");
    }
}
