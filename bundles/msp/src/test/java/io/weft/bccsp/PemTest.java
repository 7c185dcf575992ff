package io.weft.bccsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PemTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void decodesFirstBlockAndRest() {
        byte[] pem = Pem.encode("CERTIFICATE", new byte[] {1, 2, 3, 4, 5});
        byte[] twice = new byte[pem.length * 2];
        System.arraycopy(pem, 0, twice, 0, pem.length);
        System.arraycopy(pem, 0, twice, pem.length, pem.length);
        PemBlock block = Pem.decode(twice).orElseThrow();
        assertThat(block.type()).isEqualTo("CERTIFICATE");
        assertThat(block.bytes()).containsExactly(1, 2, 3, 4, 5);
        assertThat(block.rest()).isEqualTo(pem);
        assertThat(Pem.decode(pem).orElseThrow().rest()).isEmpty();
    }

    @Test
    void skipsLeadingTextAndAcceptsCrLf() {
        PemBlock block = Pem.decode(b("garbage\r\n-----BEGIN X-----\r\nAQID\r\n-----END X-----\r\n")).orElseThrow();
        assertThat(block.type()).isEqualTo("X");
        assertThat(block.bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void readsHeaders() {
        PemBlock block = Pem.decode(b("-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\nAQID\n-----END EC PRIVATE KEY-----\n"))
                .orElseThrow();
        assertThat(block.encrypted()).isTrue();
        assertThat(block.headers()).containsEntry("Proc-Type", "4,ENCRYPTED");
    }

    @Test
    void refusesWhatGoRefuses() {
        assertThat(Pem.decode(b("no pem here"))).isEmpty();
        assertThat(Pem.decode(b("-----BEGIN X-----\nAQID\n-----END Y-----\n"))).isEmpty();
        assertThat(Pem.decode(b("-----BEGIN X-----\nAQI\n-----END X-----\n"))).as("unpadded base64").isEmpty();
        assertThat(Pem.decode(b("-----BEGIN X-----\nA*ID\n-----END X-----\n"))).isEmpty();
        assertThat(Pem.decode(b("-----BEGIN X-----\nAQID\n"))).isEmpty();
        assertThat(Pem.decode(b("-----BEGIN X-----\nAQID\n-----END X----- junk\n"))).isEmpty();
        assertThat(Pem.decode(new byte[0])).isEmpty();
    }

    @Test
    void encodesLikeGo() {
        byte[] data = new byte[100];
        String pem = new String(Pem.encode("CERTIFICATE", data), StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
        assertThat(pem.split("\n")[1]).hasSize(64);
    }
}
