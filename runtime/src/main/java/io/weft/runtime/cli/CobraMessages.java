package io.weft.runtime.cli;

import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** picocli's parse errors in the words of cobra/pflag, which scripts written for Fabric's peer expect. */
public final class CobraMessages {

    private CobraMessages() {
    }

    public static String of(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && u.isUnknownOption()) {
            String flag = u.getUnmatched().get(0);
            if (flag.startsWith("--")) {
                return "unknown flag: " + flag.split("=", 2)[0];
            }
            return "unknown shorthand flag: '" + flag.charAt(1) + "' in " + flag;
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty() && m.getMissing().get(0).isOption()) {
            return "flag needs an argument: " + ((OptionSpec) m.getMissing().get(0)).longestName();
        }
        ArgSpec arg = e.getArgSpec();
        if (arg instanceof OptionSpec option && e.getValue() != null && e.getCause() != null) {
            return "invalid argument \"" + e.getValue() + "\" for \"" + String.join(", ", option.names()) + "\" flag: "
                    + e.getCause().getMessage();
        }
        return e.getMessage();
    }
}
