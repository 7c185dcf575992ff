package io.weft.scc.lscc;

import static org.assertj.core.api.Assertions.assertThat;

import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

class GoProtoTextTest {

    @Test
    void emptyInputPrintsNothing() {
        assertThat(GoProtoText.input(ChaincodeInput.getDefaultInstance())).isEmpty();
    }

    @Test
    void fieldsInOrderOnOneLine() {
        ChaincodeInput input = ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("init"))
                .addArgs(ByteString.copyFromUtf8("a \"b\"\\\n\u00e9")).putDecorations("z", ByteString.copyFromUtf8("1"))
                .putDecorations("a", ByteString.copyFrom(new byte[] {(byte) 0xff, 1})).setIsInit(true).build();
        assertThat(GoProtoText.input(input)).isEqualTo("args:\"init\" args:\"a \\\"b\\\"\\\\\\n\u00e9\" "
                + "decorations:{key:\"a\" value:\"\\xff\\x01\"} decorations:{key:\"z\" value:\"1\"} is_init:true");
    }
}
