package dev.caravan.seeds.boto3;

import static org.junit.jupiter.api.Assertions.assertAll;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Runs an example once per case (per copy of the page, per provider tab) and reports every case that fails, each
 * failure naming its case. Not a parameterized test: camel-test-main keeps the Caravan of a parameterized method in
 * that method's scope and stops it afterwards, so a class of them would start several; plain tests share the class's
 * one.
 */
final class PerCase {

    private PerCase() {
    }

    static void eachCopy(ThrowingConsumer<DocumentCopy> example) {
        each(List.of(DocumentCopy.values()), DocumentCopy::toString, example);
    }

    static <T> void each(List<T> cases, Function<T, String> name, ThrowingConsumer<T> example) {
        assertAll(cases.stream().map(one -> (Executable) () -> {
            try {
                example.accept(one);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(name.apply(one) + ": " + e.getMessage(), e);
            }
        }));
    }
}
