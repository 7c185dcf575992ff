package io.weft.runtime.cli.options;

import io.weft.config.GoDuration;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks a duration flag has Go syntax ({@code 3s}, {@code 1m30s}) and keeps it as written: the
 * commands pass it on as Fabric's viper keys would hold it.
 */
public final class GoDurationConverter implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
        try {
            GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("time: " + e.getMessage());
        }
        return value;
    }
}
