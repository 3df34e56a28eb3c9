package dev.ferry.infra.devstack.cluster;

import java.util.Map;

/**
 * One process of the cluster as {@code processes.json} lists it.
 *
 * @param role {@code broker}, {@code postgres}, {@code gateway},
 * {@code persistence-worker} or {@code delivery-worker}
 * @param name unique within the cluster, e.g. {@code gateway-2}
 * @param pid its process id, to kill it by
 * @param ports what it listens on, by purpose
 */
public record Member(String role, String name, long pid, Map<String, Integer> ports) {

	String toJson() {
		StringBuilder ports = new StringBuilder();
		this.ports.forEach((purpose, port) -> ports.append(ports.isEmpty() ? "" : ", ")
			.append('"')
			.append(purpose)
			.append("\": ")
			.append(port));
		return "{\"role\": \"" + this.role + "\", \"name\": \"" + this.name + "\", \"pid\": " + this.pid
				+ ", \"ports\": {" + ports + "}}";
	}

}
