package dev.ferry.infra.test;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package boundaries of a service, checked on its compiled classes: its feature
 * packages form no cycle, and it uses no class of another service (what services share
 * lives in {@code contracts}). Each service's test suite calls {@link #verify(String)}.
 */
public final class ServiceBoundaries {

	private static final List<String> SERVICES = List.of("gateway", "persistence", "delivery");

	private ServiceBoundaries() {
	}

	/**
	 * Fails with every violation if the service's classes break a boundary.
	 * @param service the service's package under {@code dev.ferry}: {@code gateway},
	 * {@code persistence} or {@code delivery}
	 */
	public static void verify(String service) {
		String root = "dev.ferry." + service;
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(root);
		check(classes, root,
				SERVICES.stream()
					.filter((other) -> !other.equals(service))
					.map((other) -> "dev.ferry." + other)
					.toList());
	}

	static void check(JavaClasses classes, String root, List<String> forbidden) {
		slices().matching(root + ".(*)..")
			.namingSlices("package $1")
			.should()
			.beFreeOfCycles()
			.because("a feature package must be understandable without the ones that use it")
			.allowEmptyShould(true)
			.check(classes);
		for (String other : forbidden) {
			noClasses().should()
				.dependOnClassesThat()
				.resideInAPackage(other + "..")
				.because("services talk through Kafka topics and share only contracts")
				.check(classes);
		}
	}

}
