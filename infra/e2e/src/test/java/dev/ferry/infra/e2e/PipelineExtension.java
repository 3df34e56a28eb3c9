package dev.ferry.infra.e2e;

import dev.ferry.infra.test.FerryInfrastructure;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the running {@link Pipeline}, started once per test run and stopped when
 * the run ends (JUnit closes what its root store holds), while the broker and the
 * database, which are stopped at JVM exit, are still there for the services to say
 * goodbye to.
 */
class PipelineExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(PipelineExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == Pipeline.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return extensionContext.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(Pipeline.class, (key) -> Pipeline.start(FerryInfrastructure.get()), Pipeline.class);
	}

}
