package dev.ferry.infra.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.infra.e2e.ChatPage.OpenedImage;
import dev.ferry.infra.e2e.ChatPage.Shown;
import dev.ferry.infra.e2e.Pipeline.Gateway;
import dev.ferry.infra.test.client.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;

import static dev.ferry.infra.e2e.ChatPage.waitFor;
import static dev.ferry.infra.test.client.Browser.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The chat page in a real browser (Debian's headless Chromium) against the whole
 * pipeline: what people see when they chat.
 */
class ChatPageBrowserTests extends PipelineTest {

	private final List<ChromeDriver> browsers = new ArrayList<>();

	@AfterEach
	void closeBrowsers() {
		this.browsers.forEach(ChromeDriver::quit);
	}

	@Test
	void messageAppearsAtTheReceiverWithoutReloadAndTicksReachRead() {
		UserId alice = pipeline.user("Alice Martin");
		UserId bob = pipeline.user("Bob Chen");
		ChatPage alicePage = ChatPage.open(browser(), node1);
		alicePage.screenshot("login-page");
		alicePage.logIn(alice).openConversationWith(bob);
		ChatPage bobPage = ChatPage.open(browser(), node2).logIn(bob).openConversationWith(alice);

		alicePage.send("Hi Bob, the ferry leaves at nine.");

		waitFor().until(() -> bobPage.contents().equals(List.of("Hi Bob, the ferry leaves at nine.")));
		waitFor().until(() -> alicePage.messages().get(0).status().equals("READ"));
		Shown sent = alicePage.messages().get(0);
		assertThat(alicePage.messages()).hasSize(1);
		assertThat(sent.id()).isEqualTo(bobPage.messages().get(0).id());
		assertThat(sent.tempId()).startsWith("t-");
		assertThat(bobPage.unreadFrom(alice)).isZero();

		bobPage.send("Great, see you on deck.");
		waitFor().until(() -> alicePage.contents()
			.equals(List.of("Hi Bob, the ferry leaves at nine.", "Great, see you on deck.")));
		alicePage.send("I'll bring coffee.");
		waitFor().until(() -> bobPage.contents().size() == 3 && alicePage.messages().get(2).status().equals("READ"));
		alicePage.screenshot("conversation");
	}

	/**
	 * Alice attaches a picture and a text file to a message; Bob sees the picture's
	 * preview (made when she uploaded it) and the file's name and size, and opens the
	 * whole picture, which the browser shows without breaking the file's policy.
	 */
	@Test
	void anAttachedImageShowsItsPreviewAtTheReceiverWhoOpensTheWholeImageWithoutAPolicyViolation(@TempDir Path files)
			throws IOException {
		UserId alice = pipeline.user("Alice Martin");
		UserId bob = pipeline.user("Bob Chen");
		Path picture = Files.write(files.resolve("harbour.png"), png(1200, 800));
		Path notes = Files.writeString(files.resolve("tides.txt"), "High water 06:12");
		ChatPage alicePage = ChatPage.open(browser(), node1).logIn(alice).openConversationWith(bob);
		ChatPage bobPage = ChatPage.open(browser(), node2).logIn(bob).openConversationWith(alice);

		alicePage.attach(picture).attach(notes).send("The harbour at dawn");

		waitFor().until(() -> bobPage.contents().equals(List.of("The harbour at dawn"))
				&& bobPage.previewWidths(0).equals(List.of(320L)));
		assertThat(bobPage.fileChips(0)).containsExactly("tides.txt 16 B");
		OpenedImage opened = bobPage.openImage(0);
		assertThat(opened.shown()).isEqualTo("image/png 1200");
		assertThat(opened.policyViolations()).isEmpty();
		waitFor().until(() -> alicePage.previewWidths(0).equals(List.of(320L)));
		bobPage.screenshot("attachments");
	}

	/**
	 * Four pictures from Alice, then one Bob sends himself: each time the conversation
	 * shows its newest message, however late its pictures load, on a wide screen and on a
	 * phone.
	 */
	@Test
	void aConversationOfPicturesOpensAtItsNewestMessageAlsoAfterASendAndAtPhoneWidth(@TempDir Path files)
			throws IOException {
		UserId alice = pipeline.user("Alice Pictures");
		UserId bob = pipeline.user("Bob Pictures");
		Browser aliceClient = Pipeline.loggedIn(alice, node1);
		List<byte[]> pictures = List.of(png(1200, 800), png(800, 1200), png(1000, 1000), png(1600, 600));
		for (int i = 0; i < pictures.size(); i++) {
			sendFiles(aliceClient, bob, "t-picture-" + i, "picture " + i,
					upload(aliceClient, "picture-" + i + ".png", pictures.get(i)));
		}
		waitFor().until(() -> json(aliceClient.get("/messages?with=" + bob.value())).path("messages").size() == 4);
		ChatPage bobPage = ChatPage.open(browser(), node2).logIn(bob).openConversationWith(alice);

		waitFor().until(() -> bobPage.previewsLoaded(4));
		assertThat(bobPage.newestMessageOutOfView()).isZero();

		bobPage.attach(Files.write(files.resolve("deck.png"), png(900, 1400))).send("just sent");
		waitFor().until(() -> bobPage.messages().get(4).id() != null && bobPage.previewsLoaded(5));
		assertThat(bobPage.newestMessageOutOfView()).isZero();
		bobPage.screenshot("pictures");

		ChromeDriver phone = browser();
		phone.manage().window().setSize(new Dimension(400, 800));
		ChatPage phonePage = ChatPage.open(phone, node1).logIn(bob).openConversationWith(alice);
		waitFor().until(() -> phonePage.previewsLoaded(5));
		assertThat(phonePage.newestMessageOutOfView()).isZero();
		phonePage.screenshot("pictures-phone");
	}

	/**
	 * Files the server no longer gives (their message's files orphaned behind the page's
	 * back): a click says so on the file, and neither downloads nor opens the server's
	 * error.
	 */
	@Test
	void aFileThatCannotBeFetchedSaysSoWhereItWasClicked() throws IOException {
		UserId alice = pipeline.user("Alice Gone");
		UserId bob = pipeline.user("Bob Gone");
		Browser aliceClient = Pipeline.loggedIn(alice, node1);
		sendFiles(aliceClient, bob, "t-gone", "the manifest", upload(aliceClient, "deck.png", png(600, 400)),
				upload(aliceClient, "manifest.txt", "40 passengers".getBytes(StandardCharsets.UTF_8)));
		ChatPage bobPage = ChatPage.open(browser(), node2).logIn(bob).openConversationWith(alice);
		waitFor().until(() -> bobPage.contents().equals(List.of("the manifest")) && bobPage.previewsLoaded(1));
		pipeline.dsl()
			.execute(
					"update message_attachments set state = 'ORPHANED', orphaned_at = now() where message_id ="
							+ " (select id from messages where client_msg_id = 't-gone' and sender_id = ?)",
					alice.value());

		bobPage.clickFile(0);

		waitFor().until(() -> bobPage.fileNotes(0).equals(List.of("File not available")));
		bobPage.clickImage(0);
		waitFor().until(() -> bobPage.fileNotes(0).equals(List.of("File not available", "File not available")));
		assertThat(bobPage.driver().getWindowHandles()).hasSize(1);
		assertThat(bobPage.fileChips(0)).containsExactly("manifest.txt 13 B File not available");
	}

	/**
	 * Two people called the same: the contacts, the new group's picker and the group's
	 * members show each one's email beside the name; a name no one else has stands alone.
	 */
	@Test
	void peopleOfTheSameNameAreToldApartByTheirEmail() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		UserId rita = pipeline.user("Rita Ship " + tag);
		UserId sam = pipeline.user("Sam Lee " + tag);
		UserId otherSam = pipeline.user("Sam Lee " + tag);
		UserId una = pipeline.user("Una Only " + tag);
		ChatPage page = ChatPage.open(browser(), node1).logIn(rita).searchContacts(tag, una);
		waitFor().until(() -> page.contactEmail(sam) != null && page.contactEmail(otherSam) != null);

		assertThat(page.contactEmail(sam)).isEqualTo(Pipeline.emailOf(sam));
		assertThat(page.contactEmail(otherSam)).isEqualTo(Pipeline.emailOf(otherSam));
		assertThat(page.contactEmail(una)).isNull();
		assertThat(page.pickerEmails(sam, otherSam, una)).containsExactly(Pipeline.emailOf(sam),
				Pipeline.emailOf(otherSam), null);

		page.createGroup("Namesakes " + tag, sam, otherSam, una);

		waitFor().until(() -> page.memberEmails(sam, otherSam, una)
			.equals(Arrays.asList(Pipeline.emailOf(sam), Pipeline.emailOf(otherSam), null)));
	}

	/**
	 * An administrator adds a user in the Admin view; the user logs in on another node,
	 * changes their password, finds the administrator by searching and chats with them;
	 * disabled, their page returns to the login.
	 */
	@Test
	void anAdminAddsAUserWhoChangesTheirPasswordChatsAndIsSentToTheLoginWhenDisabled() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		UserId admin = pipeline.user("Ada Admin " + tag, "ADMIN");
		// Someone to list, in a pipeline that holds no other user yet.
		pipeline.user("Bystander " + tag);
		String email = "nina-" + tag + "@e2e.ferry.dev";
		ChatPage adminPage = ChatPage.open(browser(), node1).logIn(admin).openAdmin();

		UserId nina = adminPage.addUser(email, "Nina New " + tag, "OWNER", "first password 1");
		adminPage.addUser(email, "Nina Again", "OWNER", "first password 1");
		waitFor().until(() -> "A user with this email already exists.".equals(adminPage.addUserError()));
		adminPage.screenshot("admin-view");

		ChatPage ninaPage = ChatPage.open(browser(), node2).logIn(email, "first password 1");
		assertThat(ninaPage.changePassword("first password 1", "second password 2"))
			.isEqualTo("Your password was changed. Your other sessions were logged out.");
		assertThat(new Browser(node1.port()).login(email, "first password 1").statusCode()).isEqualTo(401);
		assertThat(new Browser(node1.port()).login(email, "second password 2").statusCode()).isEqualTo(200);
		ninaPage.searchContacts("ada admin " + tag, admin).openConversationWith(admin).send("Hello Ada, I am in.");
		adminPage.openConversationWith(nina);
		waitFor().until(() -> adminPage.contents().equals(List.of("Hello Ada, I am in.")));
		adminPage.send("Welcome aboard, Nina.");
		waitFor().until(() -> ninaPage.contents().equals(List.of("Hello Ada, I am in.", "Welcome aboard, Nina.")));

		adminPage.openAdmin().searchAdmin(email).toggleDisabled(email, "disabled");

		waitFor().atMost(Duration.ofSeconds(10)).until(ninaPage::loginShown);
		assertThat(new Browser(node2.port()).login(email, "second password 2").statusCode()).isEqualTo(401);
	}

	@Test
	void twoTabsOfOneUserStayInSync() {
		UserId alice = pipeline.user("Alice Tabs");
		UserId bob = pipeline.user("Bob Tabs");
		UserId carol = pipeline.user("Carol Tabs");
		ChatPage tab1 = ChatPage.open(browser(), node1).logIn(bob);
		ChatPage tab2 = tab1.openTab(node2).awaitContacts();
		tab2.openConversationWith(alice);
		tab1.openConversationWith(alice);

		tab1.send("sent from the first tab");

		waitFor().until(() -> tab2.contents().equals(List.of("sent from the first tab")));
		assertThat(tab1.contents()).containsExactly("sent from the first tab");

		Browser carolClient = Pipeline.loggedIn(carol, node1);
		HttpResponse<String> created = carolClient.write("POST", "/messages/create",
				"{\"tempId\":\"t-carol\",\"receiverId\":\"" + bob.value() + "\",\"content\":\"from Carol\"}");
		assertThat(created.statusCode()).isEqualTo(202);
		waitFor().until(() -> tab1.unreadFrom(carol) == 1 && tab2.unreadFrom(carol) == 1);

		tab1.openConversationWith(carol);

		waitFor().until(() -> tab1.unreadFrom(carol) == 0 && tab2.unreadFrom(carol) == 0);
		assertThat(tab1.contents()).containsExactly("from Carol");
	}

	@Test
	void markupInAMessageIsShownAsTextAndRunsNothing() {
		UserId alice = pipeline.user("Alice Markup");
		UserId bob = pipeline.user("Bob Markup");
		String markup = "<img src=x onerror=alert(1)>";
		ChatPage alicePage = ChatPage.open(browser(), node1).logIn(alice).openConversationWith(bob);
		ChatPage bobPage = ChatPage.open(browser(), node2).logIn(bob).openConversationWith(alice);

		alicePage.send(markup);

		waitFor().until(() -> bobPage.contents().equals(List.of(markup)));
		assertThat(bobPage.messages()).singleElement().extracting(Shown::images).isEqualTo(0);
		assertThat(alicePage.messages()).singleElement().extracting(Shown::images).isEqualTo(0);
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> bobPage.driver().switchTo().alert());
		assertThatExceptionOfType(NoAlertPresentException.class)
			.isThrownBy(() -> alicePage.driver().switchTo().alert());
		assertThat(new Browser(node1.port()).get("/").headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).contains("script-src 'self'"));
	}

	@Test
	void aSendTheServerTookButDidNotStoreShowsAsSendingUntilItIsStored() {
		UserId alice = pipeline.user("Alice Waiting");
		UserId bob = pipeline.user("Bob Waiting");
		ChatPage alicePage = ChatPage.open(browser(), node1).logIn(alice).openConversationWith(bob);

		pipeline.withoutPersistence(() -> {
			alicePage.send("stored once the worker is back");
			waitFor().atMost(Duration.ofSeconds(30))
				.until(() -> "sending\u2026".equals(alicePage.messages().get(0).note()));
			Shown waiting = alicePage.messages().get(0);
			assertThat(waiting.status()).isEqualTo("PENDING");
			assertThat(waiting.id()).isNull();
		});

		waitFor().atMost(Duration.ofSeconds(60)).until(() -> alicePage.messages().get(0).id() != null);
		Shown sent = alicePage.messages().get(0);
		assertThat(sent.content()).isEqualTo("stored once the worker is back");
		assertThat(sent.status()).isEqualTo("SENT");
		assertThat(sent.note()).isNull();
	}

	@Test
	void afterTheGatewayRestartsThePageCatchesUpWithEveryMessageOnce() {
		UserId alice = pipeline.user("Alice Restart");
		UserId bob = pipeline.user("Bob Restart");
		Gateway bobsNode = pipeline.gateway("gateway-4", Duration.ofSeconds(5));
		bobsNode.process().awaitStarted(Duration.ofSeconds(180));
		ChatPage alicePage = ChatPage.open(browser(), node1).logIn(alice).openConversationWith(bob);
		ChatPage bobPage = ChatPage.open(browser(), bobsNode).logIn(bob).openConversationWith(alice);
		alicePage.send("before the restart");
		waitFor().until(() -> bobPage.contents().equals(List.of("before the restart")));

		List<String> sentMeanwhile = List.of("while you were away 1", "while you were away 2", "while you were away 3");
		pipeline.restart(bobsNode, () -> {
			waitFor().until(() -> "Reconnecting\u2026".equals(bobPage.banner()));
			sentMeanwhile.forEach(alicePage::send);
			// Written offline: it waits for the connection (longer than the 10 s in which
			// a connected send must be acknowledged) instead of failing.
			bobPage.send("written while offline");
			waitFor().until(() -> alicePage.messages().stream().filter((shown) -> shown.id() != null).count() == 4);
		});

		waitFor().atMost(Duration.ofSeconds(60)).until(() -> bobPage.banner() == null);
		List<String> expected = new ArrayList<>(List.of("before the restart"));
		expected.addAll(sentMeanwhile);
		expected.add("written while offline");
		waitFor().until(() -> bobPage.contents().equals(expected) && alicePage.contents().equals(expected));
		assertThat(bobPage.messages()).extracting(Shown::id).doesNotContainNull().doesNotHaveDuplicates();
		assertThat(bobPage.messages().get(4).status()).isIn("SENT", "DELIVERED", "READ");
		waitFor().until(() -> alicePage.messages()
			.stream()
			.filter((shown) -> shown.status() != null)
			.allMatch((shown) -> "READ".equals(shown.status())));
	}

	@Test
	void aLogoutInOneTabShowsTheLoginInAnotherTabOnAnotherNode() {
		UserId alice = pipeline.user("Alice Logout");
		UserId bob = pipeline.user("Bob Logout");
		ChatPage tab1 = ChatPage.open(browser(), node1).logIn(bob);
		ChatPage tab2 = tab1.openTab(node2).awaitContacts();
		tab2.openConversationWith(alice);

		tab1.logOut();

		waitFor().atMost(Duration.ofSeconds(10)).until(tab2::loginShown);
		assertThat(tab2.banner()).isNull();
		assertThat(tab1.loginShown()).isTrue();
	}

	/**
	 * 60 messages appear in the database behind the page's back; the next live message
	 * shows the gap, and the page resumes in parts (here at most 20 frames each) until no
	 * conversation has more.
	 */
	@Test
	void aPageBehindByMoreThanOneReplayKeepsSyncingUntilItHasEveryMessage() {
		UserId alice = pipeline.user("Alice Gap");
		UserId bob = pipeline.user("Bob Gap");
		ChatPage bobPage = ChatPage.open(browser(), node1).logIn(bob).openConversationWith(alice);
		Browser aliceClient = Pipeline.loggedIn(alice, node2);
		send(aliceClient, bob, "t-first", "first");
		waitFor().until(() -> bobPage.contents().equals(List.of("first")));
		ConversationId conversation = ConversationId.direct(alice, bob);
		// Bob's page reads "first": that receipt takes a seq of its own before the gap.
		waitFor().until(() -> "READ".equals(pipeline.dsl()
			.fetchValue("select status from messages where conversation_id = ? and seq = 1", conversation.value())));
		pipeline.dsl()
			.execute(
					"insert into messages (id, conversation_id, seq, last_change_seq, sender_id, receiver_id,"
							+ " client_msg_id, content, status, created_at, updated_at) select gen_random_uuid(), c.id,"
							+ " c.last_seq + n, c.last_seq + n, ?, ?, 't-gap-' || n, 'gap ' || n, 'SENT', now(), now()"
							+ " from conversations c, generate_series(1, 60) n where c.id = ?",
					alice.value(), bob.value(), conversation.value());
		pipeline.dsl().execute("update conversations set last_seq = last_seq + 60 where id = ?", conversation.value());

		send(aliceClient, bob, "t-last", "after the gap");

		waitFor().until(() -> bobPage.contents().size() == 62);
		List<String> contents = bobPage.contents();
		assertThat(Pipeline.SYNC_REPLAY_FRAMES).isEqualTo(20);
		assertThat(contents.get(0)).isEqualTo("first");
		assertThat(contents.subList(1, 61))
			.containsExactlyElementsOf(IntStream.rangeClosed(1, 60).mapToObj((seq) -> "gap " + seq).toList());
		assertThat(contents.get(61)).isEqualTo("after the gap");
	}

	private static void send(Browser sender, UserId receiver, String tempId, String content) {
		assertThat(sender
			.write("POST", "/messages/create",
					"{\"tempId\":\"" + tempId + "\",\"receiverId\":\"" + receiver.value() + "\",\"content\":\""
							+ content + "\"}")
			.statusCode()).isEqualTo(202);
	}

	@Test
	void olderPagesLoadOnScrollUpAndOwnMessagesCanBeEditedAndDeleted() {
		UserId alice = pipeline.user("Alice History");
		UserId bob = pipeline.user("Bob History");
		Browser aliceClient = Pipeline.loggedIn(alice, node1);
		for (int i = 1; i <= 60; i++) {
			assertThat(aliceClient
				.write("POST", "/messages/create",
						"{\"tempId\":\"t-" + i + "\",\"receiverId\":\"" + bob.value() + "\",\"content\":\"history " + i
								+ "\"}")
				.statusCode()).isEqualTo(202);
		}
		waitFor()
			.until(() -> aliceClient.get("/messages?with=" + bob.value() + "&limit=1").body().contains("history 60"));
		ChatPage bobPage = ChatPage.open(browser(), node2).logIn(bob).openConversationWith(alice);
		waitFor().until(() -> bobPage.contents().size() == 50);
		assertThat(bobPage.contents().get(0)).isEqualTo("history 11");

		bobPage.scrollToTop();

		waitFor().until(() -> bobPage.contents().size() == 60);
		assertThat(bobPage.contents().get(0)).isEqualTo("history 1");
		assertThat(bobPage.historyState()).isEqualTo("Start of the conversation");

		ChatPage alicePage = ChatPage.open(browser(), node1).logIn(alice).openConversationWith(bob);
		bobPage.type("I am typing");
		waitFor().until(() -> alicePage.peerStatus().equals("typing\u2026"));
		bobPage.clearComposer().send("a typo hree");
		waitFor().until(() -> bobPage.messages().get(60).id() != null);
		bobPage.edit(60, "a typo here");
		// Alice's page holds the newest 50 of Alice's 60 and Bob's message.
		waitFor().until(() -> alicePage.contents().get(50).equals("a typo here") && alicePage.edited(50));
		bobPage.delete(60);
		waitFor().until(() -> alicePage.contents().get(50).equals("Message deleted"));
		assertThat(alicePage.contents()).hasSize(51).doesNotContain("a typo hree", "a typo here");
		assertThat(bobPage.contents()).hasSize(61).endsWith("Message deleted");

		bobPage.sendTooLong();
		waitFor().until(() -> "FAILED".equals(bobPage.messages().get(61).status()));
		assertThat(bobPage.retryShown(61)).isTrue();
	}

	/**
	 * Alice makes a group on the page; Bob, who has it open, reads her message at once
	 * and Carol sees it counted unread in her list until she opens it; Alice's message
	 * says how many read it. Then Alice removes Carol, whose page stops offering to
	 * write.
	 */
	@Test
	void aGroupMadeOnThePageReachesItsMembersAndItsSenderSeesHowManyReadIt() {
		UserId alice = pipeline.user("Aanya Deck");
		UserId bob = pipeline.user("Aaron Deck");
		UserId carol = pipeline.user("Abby Deck");
		ChatPage alicePage = ChatPage.open(browser(), node1).logIn(alice).awaitContacts();
		ChatPage bobPage = ChatPage.open(browser(), node2).logIn(bob).awaitContacts();
		ChatPage carolPage = ChatPage.open(browser(), node1).logIn(carol).awaitContacts();

		alicePage.createGroup("Deck crew", bob, carol);
		bobPage.openGroup("Deck crew");
		alicePage.send("All hands at nine.");

		waitFor().until(() -> bobPage.contents().equals(List.of("All hands at nine.")));
		assertThat(bobPage.senders()).containsExactly("Aanya Deck");
		waitFor().until(() -> carolPage.unreadInGroup("Deck crew") == 1);
		waitFor().until(() -> "Read by 1 of 2".equals(alicePage.readBy(0)));
		carolPage.openGroup("Deck crew");
		waitFor().until(() -> "Read by 2 of 2".equals(alicePage.readBy(0)));
		assertThat(carolPage.unreadInGroup("Deck crew")).isZero();
		alicePage.screenshot("group");

		alicePage.removeMember(carol);
		waitFor().until(() -> !carolPage.composerShown());
		assertThat(carolPage.peerStatus()).isEqualTo("You are no longer in this group");
		bobPage.send("Aye.");
		waitFor().until(() -> alicePage.contents().equals(List.of("All hands at nine.", "Aye.")));
		assertThat(carolPage.contents()).containsExactly("All hands at nine.");

		alicePage.addMember(carol);
		waitFor().until(carolPage::composerShown);
		assertThat(carolPage.peerStatus()).isEqualTo("3 members");
	}

	/** Uploads a file as Alice's page would, and returns its id. */
	private static String upload(Browser uploader, String name, byte[] file) {
		HttpResponse<String> uploaded = uploader.upload("/attachments?name=" + name, file, "application/octet-stream");
		assertThat(uploaded.statusCode()).isEqualTo(201);
		return json(uploaded).path("id").asString();
	}

	private static void sendFiles(Browser sender, UserId receiver, String tempId, String content,
			String... attachmentIds) {
		assertThat(sender
			.write("POST", "/messages/create",
					"{\"tempId\":\"" + tempId + "\",\"receiverId\":\"" + receiver.value() + "\",\"content\":\""
							+ content + "\",\"attachmentIds\":[\"" + String.join("\",\"", attachmentIds) + "\"]}")
			.statusCode()).isEqualTo(202);
	}

	/** A PNG of the size, half of it sea. */
	private static byte[] png(int width, int height) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D painter = image.createGraphics();
		painter.setColor(new Color(0x1f6feb));
		painter.fillRect(0, height / 2, width, height / 2);
		painter.dispose();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(image, "png", bytes);
		return bytes.toByteArray();
	}

	private ChromeDriver browser() {
		ChromeDriver driver = Chromium.start();
		this.browsers.add(driver);
		return driver;
	}

}
