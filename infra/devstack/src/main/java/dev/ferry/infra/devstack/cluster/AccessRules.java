package dev.ferry.infra.devstack.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ferry.contracts.topic.TopicSpec;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.infra.embedded.KafkaCredentials;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What each service may do on the cluster, and nothing more (docs/operations.md lists
 * it): the gateway writes commands, signals, presence and users and reads presence and
 * its pushes; only the persistence worker writes the public event topic and the
 * conversations; the delivery worker reads events, signals, presence and conversations
 * and writes pushes. Each may describe the topics it uses, which the start-up safety
 * check needs.
 */
final class AccessRules {

	private static final String PERSISTENCE_GROUP = "ferry-persistence";

	private static final String DELIVERY_GROUP = "ferry-delivery";

	private AccessRules() {
	}

	static List<AclBinding> all() {
		List<AclBinding> rules = new ArrayList<>();
		String gateway = KafkaCredentials.GATEWAY;
		writes(rules, gateway, Topics.INBOUND, Topics.SIGNALS, Topics.PRESENCE, Topics.USERS);
		reads(rules, gateway, Topics.PRESENCE, Topics.DELIVERY);
		String persistence = KafkaCredentials.PERSISTENCE;
		reads(rules, persistence, Topics.INBOUND);
		writes(rules, persistence, Topics.EVENTS, Topics.INBOUND.deadLetterTopic(), Topics.CONVERSATIONS);
		group(rules, persistence, PERSISTENCE_GROUP);
		String delivery = KafkaCredentials.DELIVERY;
		reads(rules, delivery, Topics.EVENTS, Topics.SIGNALS, Topics.PRESENCE, Topics.CONVERSATIONS);
		writes(rules, delivery, Topics.DELIVERY, Topics.EVENTS.deadLetterTopic(), Topics.SIGNALS.deadLetterTopic());
		group(rules, delivery, DELIVERY_GROUP);
		return rules;
	}

	/** Creates the rules; creating one that exists changes nothing. */
	static void apply(Map<String, Object> adminConfig) {
		try (Admin admin = Admin.create(adminConfig)) {
			admin.createAcls(all()).all().get(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating ACLs", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not take the ACLs: " + ex.getMessage(), ex);
		}
	}

	private static void writes(List<AclBinding> rules, String user, TopicSpec... topics) {
		for (TopicSpec topic : topics) {
			allow(rules, user, ResourceType.TOPIC, topic.name(), AclOperation.WRITE, AclOperation.DESCRIBE,
					AclOperation.DESCRIBE_CONFIGS);
		}
	}

	private static void reads(List<AclBinding> rules, String user, TopicSpec... topics) {
		for (TopicSpec topic : topics) {
			allow(rules, user, ResourceType.TOPIC, topic.name(), AclOperation.READ, AclOperation.DESCRIBE,
					AclOperation.DESCRIBE_CONFIGS);
		}
	}

	private static void group(List<AclBinding> rules, String user, String group) {
		allow(rules, user, ResourceType.GROUP, group, AclOperation.READ, AclOperation.DESCRIBE);
	}

	private static void allow(List<AclBinding> rules, String user, ResourceType type, String name,
			AclOperation... operations) {
		for (AclOperation operation : operations) {
			rules.add(new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
					new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
		}
	}

}
