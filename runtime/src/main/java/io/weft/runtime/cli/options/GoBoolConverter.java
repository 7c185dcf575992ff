package io.weft.runtime.cli.options;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Booleans as Go's {@code strconv.ParseBool} reads them, so {@code --tls=1} or {@code --tls=T} mean
 * what they mean to Fabric's {@code peer}.
 */
public final class GoBoolConverter implements ITypeConverter<Boolean> {

    @Override
    public Boolean convert(String value) {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new TypeConversionException("strconv.ParseBool: parsing \"" + value + "\": invalid syntax");
        };
    }
}
