package io.agenthub.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** An option's duration as a person types it: "30s", "2m", "1h", or ISO-8601 ("PT30S"); positive. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        Duration duration;
        try {
            duration = Duration.parse(value.matches("\\d+[SMH]") ? "PT" + value : value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a duration such as 30s, 2m or PT30S");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException("'" + text + "' is not a positive duration");
        }
        return duration;
    }
}
