package dev.lockstep.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumTest {

    @Test
    void lineEndingsAndTrailingWhitespaceDoNotChangeTheChecksum() {
        String unix = "CREATE TABLE t (a int);\nSELECT 1;\n";
        assertThat(Checksum.of("CREATE TABLE t (a int);\r\nSELECT 1;\r\n")).isEqualTo(Checksum.of(unix));
        assertThat(Checksum.of("CREATE TABLE t (a int);   \nSELECT 1;\t\n\n\n")).isEqualTo(Checksum.of(unix));
    }

    @Test
    void anyOtherChangeDoes() {
        String base = "CREATE TABLE t (a int);";
        assertThat(Checksum.of("CREATE TABLE t (a  int);")).isNotEqualTo(Checksum.of(base));
        assertThat(Checksum.of("  CREATE TABLE t (a int);")).isNotEqualTo(Checksum.of(base));
        assertThat(Checksum.of("create table t (a int);")).isNotEqualTo(Checksum.of(base));
    }

    @Test
    void isSha256HexOfTheNormalisedText() {
        assertThat(Checksum.of("abc  \r\n")).isEqualTo(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Checksum.ALGORITHM).isEqualTo("sha256-norm1");
    }
}
