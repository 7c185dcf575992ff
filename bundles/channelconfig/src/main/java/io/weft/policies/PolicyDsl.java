package io.weft.policies;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;

/**
 * Fabric's signature-policy language ({@code common/policydsl.FromString}):
 * {@code AND(...)}, {@code OR(...)}, {@code OutOf(n, ...)} (also all lower or upper case), nested, over
 * principals {@code 'MSPID.member|admin|client|peer|orderer'} in single or double quotes.
 *
 * <p>The envelope is built as Fabric builds it, byte for byte: every principal occurrence becomes its own
 * identity (Fabric does not deduplicate), and identities are numbered as Fabric's evaluator meets them — the
 * nested gates of a call first, left to right, then the call's own principals.
 */
public final class PolicyDsl {

    private static final Pattern PRINCIPAL = Pattern.compile("^([\\p{Alnum}.-]+)([.])(admin|member|client|peer|orderer)$");

    private PolicyDsl() {
    }

    /** Parses {@code dsl}; throws {@link IllegalArgumentException} with Fabric's message when it is not a valid policy. */
    public static SignaturePolicyEnvelope parse(String dsl) throws IllegalArgumentException {
        if (dsl == null) {
            throw new IllegalArgumentException("invalid policy string 'null'");
        }
        DslParser.Node root = new DslParser(dsl).parse();
        if (!(root instanceof DslParser.Call call)) {
            throw new IllegalArgumentException("invalid policy string '" + dsl + "'");
        }
        List<MSPPrincipal> identities = new ArrayList<>();
        SignaturePolicy rule = compile(call, identities);
        return SignaturePolicyEnvelope.newBuilder().setVersion(0).setRule(rule).addAllIdentities(identities).build();
    }

    private static SignaturePolicy compile(DslParser.Call call, List<MSPPrincipal> identities) {
        String gate = call.name();
        List<DslParser.Node> args = call.args();
        int threshold;
        List<DslParser.Node> operands;
        if (gate.equals("And") || gate.equals("and") || gate.equals("AND")) {
            threshold = args.size();
            operands = args;
            requireOutOfArity(args.size() + 1);
        } else if (gate.equals("Or") || gate.equals("or") || gate.equals("OR")) {
            threshold = 1;
            operands = args;
            requireOutOfArity(args.size() + 1);
        } else if (gate.equals("OutOf") || gate.equals("outof") || gate.equals("OUTOF")) {
            requireOutOfArity(args.size());
            threshold = threshold(args.get(0));
            operands = args.subList(1, args.size());
        } else {
            throw new IllegalArgumentException("unrecognized token '" + gate + "' in policy string");
        }
        int n = operands.size();
        if (threshold < 0 || threshold > n + 1) { // Fabric tolerates t == n+1 (never satisfiable)
            throw new IllegalArgumentException("invalid t-out-of-n predicate, t " + threshold + ", n " + n);
        }
        // Fabric evaluates the nested gates (as function arguments) before the gate's own principals.
        SignaturePolicy[] rules = new SignaturePolicy[n];
        for (int i = 0; i < n; i++) {
            if (operands.get(i) instanceof DslParser.Call nested) {
                rules[i] = compile(nested, identities);
            }
        }
        for (int i = 0; i < n; i++) {
            DslParser.Node operand = operands.get(i);
            if (operand instanceof DslParser.Str s) {
                if (!PRINCIPAL.matcher(s.value()).matches() && isNumber(s.value())) {
                    // pasted back unquoted by Fabric, it reads as a number where a principal belongs
                    throw new IllegalArgumentException("unrecognized type, expected a principal or a policy, got float64");
                }
                rules[i] = signedBy(principal(s.value()), identities);
            } else if (operand instanceof DslParser.Num) {
                throw new IllegalArgumentException("unexpected type float64");
            } else if (operand instanceof DslParser.Ident id) {
                throw new IllegalArgumentException("unrecognized token '" + id.name() + "' in policy string");
            }
        }
        return SignaturePolicy.newBuilder()
                .setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(threshold).addAllRules(List.of(rules))).build();
    }

    private static void requireOutOfArity(int given) {
        if (given < 2) {
            throw new IllegalArgumentException("expected at least two arguments to NOutOf. Given " + given);
        }
    }

    private static int threshold(DslParser.Node node) {
        if (node instanceof DslParser.Num num) {
            return (int) num.value(); // govaluate numbers are float64, truncated as Go's int()
        }
        if (node instanceof DslParser.Str s) {
            // Fabric pastes a string threshold into the rewritten expression, so it must read as a number there.
            try {
                return (int) Double.parseDouble(s.value().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unrecognized type, expected a number, got string");
            }
        }
        if (node instanceof DslParser.Ident id) {
            throw new IllegalArgumentException("unrecognized token '" + id.name() + "' in policy string");
        }
        throw new IllegalArgumentException("unrecognized type, expected a number, got *common.SignaturePolicy");
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static MSPPrincipal principal(String text) {
        Matcher m = PRINCIPAL.matcher(text);
        if (!m.matches()) {
            // Fabric pastes a non-principal string back unquoted, where it reads as an unknown variable.
            throw new IllegalArgumentException("unrecognized token '" + text + "' in policy string");
        }
        MSPRole.MSPRoleType role = switch (m.group(3)) {
            case "member" -> MSPRole.MSPRoleType.MEMBER;
            case "admin" -> MSPRole.MSPRoleType.ADMIN;
            case "client" -> MSPRole.MSPRoleType.CLIENT;
            case "peer" -> MSPRole.MSPRoleType.PEER;
            default -> MSPRole.MSPRoleType.ORDERER;
        };
        return MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setMspIdentifier(m.group(1)).setRole(role).build().toByteString())
                .build();
    }

    private static SignaturePolicy signedBy(MSPPrincipal principal, List<MSPPrincipal> identities) {
        identities.add(principal);
        return SignaturePolicy.newBuilder().setSignedBy(identities.size() - 1).build();
    }
}
