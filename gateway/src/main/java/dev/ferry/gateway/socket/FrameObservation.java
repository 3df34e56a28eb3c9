package dev.ferry.gateway.socket;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.frame.ClientFrame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.stereotype.Component;

/**
 * What operators see of the frames sockets read: each handled frame is an observation
 * ({@code ferry.socket.frame}, tagged with its type) — a timer, and in a recorded trace
 * the span every record the frame sends is a child of — and each {@code error} frame
 * answered is counted by code ({@code ferry.gateway.socket.errors}).
 */
@Component
class FrameObservation {

	/** A frame's type as its JSON names it, by its record. */
	private static final Map<Class<?>, String> TYPES = Stream
		.of(ClientFrame.class.getAnnotation(JsonSubTypes.class).value())
		.collect(Collectors.toUnmodifiableMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));

	private final ObservationRegistry observations;

	private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);

	FrameObservation(ObservationRegistry observations, MeterRegistry meters) {
		this.observations = observations;
		for (ErrorCode code : ErrorCode.values()) {
			this.errors.put(code,
					Counter.builder("ferry.gateway.socket.errors")
						.description("Error frames sent to sockets, by code")
						.tag("code", code.code())
						.register(meters));
		}
	}

	/** Handles a frame within its observation. */
	<R> R handle(ClientFrame frame, Function<ClientFrame, R> handling) {
		String type = TYPES.get(frame.getClass());
		return Observation.createNotStarted("ferry.socket.frame", this.observations)
			.contextualName(type)
			.lowCardinalityKeyValue("frame.type", type)
			.observe(() -> handling.apply(frame));
	}

	/** Counts an error frame sent. */
	void refused(ErrorCode code) {
		this.errors.get(code).increment();
	}

}
