package dev.ferry.contracts.id;

import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies a gateway node; routed pushes are keyed by it.
 */
public record NodeId(@JsonValue String value) {

	private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public NodeId {
		Objects.requireNonNull(value, "value");
		if (!FORM.matcher(value).matches()) {
			throw new IllegalArgumentException("A node id is 1-64 letters, digits, '.', '_' or '-': " + value);
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
