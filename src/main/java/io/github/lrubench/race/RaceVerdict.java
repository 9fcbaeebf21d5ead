package io.github.lrubench.race;

/**
 * The jcstress-style verdict of one row of the race table: was the forbidden outcome (a use after
 * free of the inode) seen, and does the design say the combination closes the race. The texts are
 * what race.csv, the terminal table and REPORT.md print.
 */
public enum RaceVerdict {
    /** Seen on a combination that closes the race: the model or a fix is broken. */
    FAIL("FAIL: forbidden outcome on a safe variant"),
    /** Seen where the race is open: the 2018 bug reproduced. */
    REPRODUCED("forbidden outcome seen (race reproduced)"),
    /** Not seen where the race is closed. */
    OK("OK: forbidden outcome not seen"),
    /** Not seen although the race is open: too few trials or too narrow a window. */
    NOT_HIT("not seen (race open, not hit)");

    private final String text;

    RaceVerdict(String text) {
        this.text = text;
    }

    public static RaceVerdict of(boolean forbiddenSeen, boolean expectedSafe) {
        if (forbiddenSeen) {
            return expectedSafe ? FAIL : REPRODUCED;
        }
        return expectedSafe ? OK : NOT_HIT;
    }

    /** The text printed in the tables. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
