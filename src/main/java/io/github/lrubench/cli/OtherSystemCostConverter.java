package io.github.lrubench.cli;

import io.github.lrubench.report.OtherSystemCost;
import picocli.CommandLine;

/** {@code --t-page} and {@code --t-check NS[:LABEL]}: a bad value is a usage error (one line, exit 2). */
abstract class OtherSystemCostConverter implements CommandLine.ITypeConverter<OtherSystemCost> {
    private final OtherSystemCost.Per per;

    OtherSystemCostConverter(OtherSystemCost.Per per) {
        this.per = per;
    }

    @Override
    public OtherSystemCost convert(String value) {
        try {
            return OtherSystemCost.parse(per, value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    static final class PerMigratedPage extends OtherSystemCostConverter {
        PerMigratedPage() {
            super(OtherSystemCost.Per.MIGRATED_PAGE);
        }
    }

    static final class PerCheck extends OtherSystemCostConverter {
        PerCheck() {
            super(OtherSystemCost.Per.CHECK);
        }
    }
}
