package dev.ferry.infra.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against the real Kafka and PostgreSQL of
 * {@link FerryInfrastructure}; its methods and constructor may take a
 * {@code FerryInfrastructure} parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(FerryInfrastructureExtension.class)
public @interface FerryIntegrationTest {

}
