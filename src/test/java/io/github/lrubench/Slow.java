package io.github.lrubench;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that is slow (forked JMH runs, stress runs) or intrusive (it compacts this machine's
 * memory as root). `./mvnw test` leaves these out, so the fast set runs alone; `./mvnw verify` runs
 * them in the integration-test phase (failsafe), so CI still runs everything.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(Slow.TAG)
public @interface Slow {
    /** The JUnit tag; pom.xml names it for surefire (excluded) and failsafe (included). */
    String TAG = "slow";
}
