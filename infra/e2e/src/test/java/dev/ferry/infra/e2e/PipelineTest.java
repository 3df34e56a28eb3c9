package dev.ferry.infra.e2e;

import dev.ferry.infra.e2e.Pipeline.Gateway;
import dev.ferry.infra.test.FerryIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class against the running {@link Pipeline}: its two gateway nodes, started once
 * for the whole test run.
 */
@FerryIntegrationTest
@ExtendWith(PipelineExtension.class)
abstract class PipelineTest {

	static Pipeline pipeline;

	static Gateway node1;

	static Gateway node2;

	@BeforeAll
	static void start(Pipeline running) {
		pipeline = running;
		node1 = pipeline.node(0);
		node2 = pipeline.node(1);
	}

}
