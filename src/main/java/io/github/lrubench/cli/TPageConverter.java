package io.github.lrubench.cli;

import io.github.lrubench.report.TPage;
import picocli.CommandLine;

/** {@code --t-page NS[:LABEL]}: a bad value is a usage error (one line, exit 2). */
final class TPageConverter implements CommandLine.ITypeConverter<TPage> {
    @Override
    public TPage convert(String value) {
        try {
            return TPage.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
