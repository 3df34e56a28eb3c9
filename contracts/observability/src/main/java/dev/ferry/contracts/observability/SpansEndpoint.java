package dev.ferry.contracts.observability;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/spans}: the spans this service kept, oldest first; {@code ?traceId=…}
 * for one trace's.
 */
@Endpoint(id = "spans")
public class SpansEndpoint {

	private final KeptSpans kept;

	SpansEndpoint(KeptSpans kept) {
		this.kept = kept;
	}

	@ReadOperation
	public List<KeptSpan> spans(@Nullable String traceId) {
		return KeptSpan.of(this.kept.of(traceId));
	}

}
