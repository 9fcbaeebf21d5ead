package io.github.lrubench.rcu;

import java.util.function.IntPredicate;

/**
 * The engine broken on purpose, through {@link RcuConfig.Mutation}: each makes grace periods end
 * too early, so the mutation tests can show that the oracles catch it. Test code only: no model or
 * benchmark run can pick one.
 */
public enum Mutations implements RcuConfig.Mutation {
    /** Grace periods ignore CPU 0, as if it were always quiescent. */
    SKIP_CPU_0 {
        @Override
        public IntPredicate apply(IntPredicate done) {
            return cpu -> cpu == 0 || done.test(cpu);
        }
    },
    /** Grace periods end as soon as they start. */
    NO_WAIT {
        @Override
        public IntPredicate apply(IntPredicate done) {
            return cpu -> true;
        }
    }
}
