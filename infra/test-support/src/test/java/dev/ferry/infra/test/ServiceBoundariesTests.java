package dev.ferry.infra.test;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The boundary check fails on what it is there to catch. */
class ServiceBoundariesTests {

	private static final String ROOT = "dev.ferry.infra.test.boundaries";

	private final JavaClasses cyclic = new ClassFileImporter().importPackages(ROOT);

	@Test
	void aPackageCycleFails() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ServiceBoundaries.check(this.cyclic, ROOT, List.of()))
			.withMessageContaining("Cycle detected: package a -> ")
			.withMessageContaining(
					"Method <" + ROOT + ".b.Beta.alpha()> calls constructor <" + ROOT + ".a.Alpha.<init>()>");
	}

	@Test
	void aClassOfAnotherServiceFails() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ServiceBoundaries.check(new ClassFileImporter().importPackages(ROOT + ".a"), ROOT + ".a",
					List.of(ROOT + ".b")))
			.withMessageContaining("should depend on classes that reside in a package '" + ROOT + ".b..'")
			.withMessageContaining(
					"Method <" + ROOT + ".a.Alpha.beta()> calls constructor <" + ROOT + ".b.Beta.<init>()>");
	}

}
