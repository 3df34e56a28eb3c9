package dev.ferry.gateway.socket;

import java.time.Clock;

import dev.ferry.contracts.observability.PipelineHop;
import dev.ferry.contracts.observability.RecordTraces;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;

import org.springframework.stereotype.Component;

/**
 * The last hop of a push: its frame written to each socket it goes to. Each write is
 * timed from the push's record ({@code ferry.pipeline.hop{hop=written}}) and, in a
 * recorded trace, is a span of its own, a child of the push's.
 */
@Component
class PushWrites {

	private final Timer written;

	private final RecordTraces traces;

	private final Clock clock;

	PushWrites(MeterRegistry meters, RecordTraces traces, Clock clock) {
		this.written = PipelineHop.WRITTEN.timer(meters);
		this.traces = traces;
		this.clock = clock;
	}

	/**
	 * The writes of one push.
	 * @param push the span of the push's delivery on this node
	 * @param pushedAt the push record's timestamp
	 */
	PushWrite of(Span push, long pushedAt) {
		return new PushWrite(push, pushedAt);
	}

	/** The writes of one push to the sockets it goes to. */
	final class PushWrite {

		private final Span push;

		private final long pushedAt;

		/**
		 * What an unrecorded trace's writes do: only the timing, one for every socket.
		 */
		private final Runnable timed;

		private PushWrite(Span push, long pushedAt) {
			this.push = push;
			this.pushedAt = pushedAt;
			this.timed = this::time;
		}

		/** What to do once the push's frame is written to one more socket. */
		Runnable toSocket() {
			if (this.push.isNoop()) {
				return this.timed;
			}
			Span write = PushWrites.this.traces.child(this.push, "write socket");
			return () -> {
				write.end();
				time();
			};
		}

		private void time() {
			PipelineHop.record(PushWrites.this.written, this.pushedAt, PushWrites.this.clock.instant());
		}

	}

}
