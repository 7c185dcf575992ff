package io.weft.tools.configtxlator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonParser;

import io.weft.testing.FabricVectors;
import io.weft.tools.protolator.Protolator;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigtxlatorMainTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(InputStream in, String... args) {
        return ConfigtxlatorMain.run(args, in, new PrintStream(out, true), new PrintStream(err, true));
    }

    private int run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    @ParameterizedTest
    @CsvSource({"mychannel.block,common.Block", "system-genesis-1.4.block,common.Block",
        "legacychannel.tx,common.Envelope"})
    void protoDecodePrintsWhatFabricPrints(String vector, String type) throws Exception {
        assertThat(run("proto_decode", "--type=" + type, "--input", FabricVectors.file(vector).toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(FabricVectors.file(vector + ".json")));
    }

    @ParameterizedTest
    @CsvSource({"mychannel.block,common.Block", "legacychannel.tx,common.Envelope"})
    void protoEncodeOfFabricJsonDecodesBackToTheSameJson(String vector, String type) throws Exception {
        Path encoded = tmp.resolve("out.pb");
        byte[] json = Files.readAllBytes(FabricVectors.file(vector + ".json"));
        assertThat(run(new ByteArrayInputStream(json), "proto_encode", "--type", type, "--output=" + encoded))
                .isZero();
        assertThat(run("proto_decode", "--type=" + type, "--input=" + encoded)).isZero();
        assertThat(JsonParser.parseString(out.toString(StandardCharsets.UTF_8)))
                .isEqualTo(JsonParser.parseString(new String(json, StandardCharsets.UTF_8)));
    }

    @Test
    void decodesNestedTypesByName() throws Exception {
        Config config = config();
        Path file = tmp.resolve("config.pb");
        Files.write(file, config.toByteArray());
        assertThat(run("proto_decode", "--type=common.Config", "--input=" + file)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\"etcdraft\"").contains("\"MAJORITY\"").contains("\"Org2MSP\"");
    }

    @Test
    void computeUpdateWritesTheUpdate() throws Exception {
        Config original = config();
        Config updated = original.toBuilder().setChannelGroup(original.getChannelGroup().toBuilder()
                .removeValues("OrdererAddresses")).build();
        Path o = tmp.resolve("o.pb");
        Path u = tmp.resolve("u.pb");
        Path cu = tmp.resolve("cu.pb");
        Files.write(o, original.toByteArray());
        Files.write(u, updated.toByteArray());
        assertThat(run("compute_update", "--channel_id=mychannel", "--original=" + o, "--updated=" + u,
                "--output=" + cu)).isZero();
        ConfigUpdate update = ConfigUpdate.parseFrom(Files.readAllBytes(cu));
        assertThat(update.getChannelId()).isEqualTo("mychannel");
        assertThat(update.getWriteSet().getVersion()).isEqualTo(1);
        assertThat(update.getWriteSet().getValuesMap()).doesNotContainKey("OrdererAddresses");
    }

    @Test
    void computeUpdateRefusesIdenticalConfigs() throws Exception {
        Path o = tmp.resolve("o.pb");
        Files.write(o, config().toByteArray());
        assertThat(run("compute_update", "--channel_id=c", "--original=" + o, "--updated=" + o)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "Error computing update: error computing config update: no differences detected between original "
                        + "and updated config");
    }

    @Test
    void unknownTypeIsRefused() {
        assertThat(run("proto_decode", "--type=common.Nope")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("message of type common.Nope unknown");
    }

    @Test
    void badJsonIsReportedWithTheFieldsType() {
        byte[] json = "{\"header\": {\"number\": \"x\"}}".getBytes(StandardCharsets.UTF_8);
        assertThat(run(new ByteArrayInputStream(json), "proto_encode", "--type=common.Block")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("common.Block").contains("number");
    }

    @Test
    void startIsNotProvidedAndVersionIs() {
        assertThat(run("start")).isEqualTo(1);
        assertThat(run("version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("configtxlator:\n Version: ");
    }

    @Test
    void roundTripsThroughTheApi() throws Exception {
        Block block = Block.parseFrom(Files.readAllBytes(FabricVectors.file("mychannel.block")));
        Block again = Protolator.fromJson(Protolator.toJson(block), Block.getDefaultInstance());
        assertThat(Protolator.toTree(again)).isEqualTo(Protolator.toTree(block));
    }

    static Config config() throws Exception {
        Block block = Block.parseFrom(Files.readAllBytes(FabricVectors.file("mychannel.block")));
        Payload p = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(0)).getPayload());
        return ConfigEnvelope.parseFrom(p.getData()).getConfig();
    }
}
