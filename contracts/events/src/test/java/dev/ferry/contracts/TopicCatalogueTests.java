package dev.ferry.contracts;

import java.util.Map;
import java.util.TreeMap;

import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.topic.TopicSpec;
import dev.ferry.contracts.topic.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicCatalogueTests {

	@Test
	void listsEverySourceTopicWithItsDeadLetterTopic() {
		assertThat(Topics.all()).extracting(TopicSpec::name)
			.containsExactly("chat.inbound.v1", "chat.inbound.v1.DLT", "chat.events.v1", "chat.events.v1.DLT",
					"chat.delivery.v1", "chat.delivery.v1.DLT", "chat.presence.v1", "chat.presence.v1.DLT",
					"chat.signals.v1", "chat.signals.v1.DLT", "chat.users.v1", "chat.users.v1.DLT",
					"chat.conversations.v1", "chat.conversations.v1.DLT");
	}

	@Test
	void deadLetterTopicHasAsManyPartitionsAsItsSource() {
		assertThat(Topics.all()).allSatisfy((topic) -> assertThat(topic.partitions()).isEqualTo(12));
	}

	@Test
	void presenceIsCompactedAndOthersExpire() {
		assertThat(Topics.PRESENCE.configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
		assertThat(Topics.USERS.configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
		assertThat(Topics.CONVERSATIONS.configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
		assertThat(Topics.DELIVERY.configs()).containsEntry("retention.ms", "3600000");
	}

	@Test
	void keysByConversationNodeOrUserAndNode() {
		Map<String, String> keys = new TreeMap<>();
		for (Payload payload : Samples.payloads()) {
			keys.put(payload.getClass().getSimpleName(), Topics.keyOf(payload));
		}
		String conversation = Samples.CONVERSATION.toString();

		assertThat(keys).containsEntry("SendMessage", conversation)
			.containsEntry("ReportStatus", conversation)
			.containsEntry("MessageCreated", conversation)
			.containsEntry("MessageRejected", conversation)
			.containsEntry("TypingSignal", conversation)
			.containsEntry("RoutedPush", "gateway-1")
			.containsEntry("SessionsChanged", Samples.BOB + ":gateway-1")
			.containsEntry("NodeHeartbeat", "node:gateway-1")
			.containsEntry("UserChanged", Samples.BOB.toString())
			.containsEntry("CreateGroup", Samples.GROUP.toString())
			.containsEntry("GroupChanged", Samples.GROUP.toString())
			.containsEntry("ConversationStarted", Samples.GROUP.toString());
	}

	@Test
	void directConversationIdIsTheSameWhoeverAsks() {
		assertThat(ConversationId.direct(Samples.BOB, Samples.ALICE)).isEqualTo(Samples.CONVERSATION);
		assertThat(Samples.CONVERSATION.value().version()).isEqualTo(5);
	}

	@Test
	void onlyAGroupsOwnIdsHaveTheFormOfAGroup() {
		assertThat(ConversationId.newGroup().isGroupForm()).isTrue();
		assertThat(Samples.CONVERSATION.isGroupForm()).isFalse();
		assertThat(ConversationId.fromString("f0000000-0000-4000-8000-000000000001").isGroupForm()).isFalse();
	}

	@Test
	void directConversationIdFollowsItsPublishedRecipe() {
		// Ids whose order differs between signed and unsigned comparison of their bits.
		UserId high = UserId.fromString("f0000000-0000-4000-8000-000000000001");
		UserId low = UserId.fromString("10000000-0000-4000-8000-000000000002");

		// Computed independently: sha1("ferry:direct:1000…0002:f000…0001")[0:16], version
		// 5, IETF variant.
		assertThat(ConversationId.direct(high, low))
			.isEqualTo(ConversationId.fromString("1f03affc-2435-5fba-a184-c05fc9bf0de9"));
	}

	@Test
	void messageIdsAreTimeOrdered() {
		MessageId first = MessageId.newTimeOrdered();
		MessageId second = MessageId.newTimeOrdered();

		assertThat(first.value().version()).isEqualTo(7);
		assertThat(first.value().getMostSignificantBits() >>> 16)
			.isLessThanOrEqualTo(second.value().getMostSignificantBits() >>> 16);
	}

}
