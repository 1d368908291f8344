/**
 * JMH benchmarks of Opal's hot paths. They print figures and never fail a build; run them with
 * {@code bench/jmh.sh [regex]}.
 */
package io.opal.bench;
