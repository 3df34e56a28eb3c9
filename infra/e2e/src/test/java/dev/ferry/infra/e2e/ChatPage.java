package dev.ferry.infra.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Map;

import dev.ferry.contracts.id.UserId;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import static org.awaitility.Awaitility.await;

/**
 * The chat page in one browser tab, as a person uses it: what they type and click, and
 * what the page shows them.
 */
final class ChatPage {

	private final ChromeDriver driver;

	private final String window;

	private ChatPage(ChromeDriver driver, String window) {
		this.driver = driver;
		this.window = window;
	}

	/** The page of a gateway node in the browser's current tab. */
	static ChatPage open(ChromeDriver driver, Pipeline.Gateway gateway) {
		driver.get(urlOf(gateway));
		return new ChatPage(driver, driver.getWindowHandle());
	}

	/** The same page in a new tab of the same browser (same user, same cookies). */
	ChatPage openTab(Pipeline.Gateway gateway) {
		this.driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
		return open(this.driver, gateway);
	}

	static String urlOf(Pipeline.Gateway gateway) {
		return "http://localhost:" + gateway.port() + "/";
	}

	ChatPage logIn(UserId user) {
		return logIn(Pipeline.emailOf(user), Pipeline.PASSWORD);
	}

	ChatPage logIn(String email, String password) {
		focus();
		waitFor().until(() -> this.driver.findElement(By.id("login")).isDisplayed());
		this.driver.findElement(By.id("login-email")).sendKeys(email);
		this.driver.findElement(By.id("login-password")).sendKeys(password);
		this.driver.findElement(By.id("login-submit")).click();
		awaitContacts();
		return this;
	}

	/** Types into the contacts' search box and waits until the list shows the user. */
	ChatPage searchContacts(String text, UserId expected) {
		focus();
		WebElement search = this.driver.findElement(By.id("contacts-search"));
		search.clear();
		search.sendKeys(text);
		waitFor().until(() -> !this.driver.findElements(contact(expected)).isEmpty());
		return this;
	}

	/** Opens the Admin view and waits for its first page of users. */
	ChatPage openAdmin() {
		focus();
		this.driver.findElement(By.id("admin-open")).click();
		waitFor().until(() -> this.driver.findElement(By.id("admin")).isDisplayed()
				&& !this.driver.findElements(By.cssSelector("#admin-users tr")).isEmpty());
		return this;
	}

	/** Adds a user in the Admin view and returns the id the new row shows. */
	UserId addUser(String email, String name, String role, String password) {
		focus();
		this.driver.findElement(By.id("admin-create-email")).sendKeys(email);
		this.driver.findElement(By.id("admin-create-name")).sendKeys(name);
		this.driver.findElement(By.cssSelector("#admin-create-role option[value='" + role + "']")).click();
		this.driver.findElement(By.id("admin-create-password")).sendKeys(password);
		this.driver.findElement(By.id("admin-create-submit")).click();
		return waitFor().until(() -> this.driver.findElements(adminRow(email))
			.stream()
			.map((row) -> UserId.fromString(row.getDomAttribute("data-user-id")))
			.findFirst()
			.orElse(null), (id) -> id != null);
	}

	/** The error the Admin view's form shows, or {@code null}. */
	String addUserError() {
		return shownText("admin-create-error");
	}

	/** Searches the Admin view and waits until it shows the user's row. */
	ChatPage searchAdmin(String email) {
		focus();
		WebElement search = this.driver.findElement(By.id("admin-search"));
		search.clear();
		search.sendKeys(email);
		waitFor().until(() -> this.driver.findElements(By.cssSelector("#admin-users tr")).size() == 1
				&& !this.driver.findElements(adminRow(email)).isEmpty());
		return this;
	}

	/** Clicks Disable (or Enable) on the user's row and waits until the row shows it. */
	ChatPage toggleDisabled(String email, String expectedStatus) {
		focus();
		this.driver.findElement(adminRow(email)).findElement(By.cssSelector(".admin-toggle")).click();
		waitFor().until(() -> this.driver.findElement(adminRow(email))
			.findElement(By.cssSelector(".admin-status"))
			.getText()
			.equals(expectedStatus));
		return this;
	}

	/** Changes the user's own password in the dialog; returns what the dialog says. */
	String changePassword(String current, String next) {
		focus();
		this.driver.findElement(By.id("password-open")).click();
		waitFor().until(() -> this.driver.findElement(By.id("password-dialog")).isDisplayed());
		this.driver.findElement(By.id("password-current")).sendKeys(current);
		this.driver.findElement(By.id("password-new")).sendKeys(next);
		this.driver.findElement(By.id("password-repeat")).sendKeys(next);
		this.driver.findElement(By.id("password-submit")).click();
		String said = waitFor().until(() -> {
			for (String id : List.of("password-done", "password-error")) {
				WebElement shown = this.driver.findElement(By.id(id));
				if (shown.isDisplayed()) {
					return shown.getText();
				}
			}
			return null;
		}, (text) -> text != null);
		this.driver.findElement(By.id("password-cancel")).click();
		return said;
	}

	ChatPage logOut() {
		focus();
		this.driver.findElement(By.id("logout")).click();
		return this;
	}

	/** Whether the page shows its login form (and not the chat). */
	boolean loginShown() {
		focus();
		return this.driver.findElement(By.id("login")).isDisplayed()
				&& !this.driver.findElement(By.id("chat")).isDisplayed();
	}

	ChatPage awaitContacts() {
		waitFor().until(() -> this.driver.findElement(By.id("chat")).isDisplayed()
				&& !this.driver.findElements(By.cssSelector("#contacts li.contact")).isEmpty());
		return this;
	}

	ChatPage openConversationWith(UserId peer) {
		focus();
		// The list is redrawn as presence and messages change: click what is there now,
		// once it is there (someone new appears when their first message arrives).
		waitFor()
			.ignoreExceptionsMatching((failure) -> failure instanceof StaleElementReferenceException
					|| failure instanceof NoSuchElementException)
			.until(() -> {
				this.driver.findElement(contact(peer)).click();
				return true;
			});
		waitFor().until(() -> this.driver.findElement(By.id("composer")).isDisplayed()
				&& this.driver.findElements(By.cssSelector("#history-state .muted"))
					.stream()
					.noneMatch((state) -> state.getText().startsWith("Loading")));
		return this;
	}

	/** Creates a group with the dialog, and waits until the page opened it. */
	ChatPage createGroup(String title, UserId... members) {
		focus();
		this.driver.findElement(By.id("group-open")).click();
		this.driver.findElement(By.id("group-title")).sendKeys(title);
		for (UserId member : members) {
			this.driver.findElement(By.cssSelector("#group-people input[value='" + member.value() + "']")).click();
		}
		this.driver.findElement(By.id("group-submit")).click();
		waitFor().until(() -> this.driver.findElement(By.id("composer")).isDisplayed()
				&& this.driver.findElement(By.id("peer-name")).getText().equals(title));
		return this;
	}

	/** Opens the group of that title from the list, once the list shows it. */
	ChatPage openGroup(String title) {
		focus();
		waitFor()
			.ignoreExceptionsMatching((failure) -> failure instanceof StaleElementReferenceException
					|| failure instanceof NoSuchElementException)
			.until(() -> {
				this.driver.findElement(group(title)).click();
				return true;
			});
		waitFor().until(() -> this.driver.findElement(By.id("peer-name")).getText().equals(title)
				&& this.driver.findElements(By.cssSelector("#history-state .muted"))
					.stream()
					.noneMatch((state) -> state.getText().startsWith("Loading")));
		return this;
	}

	/** The unread count the list shows for the group, 0 when none is shown. */
	int unreadInGroup(String title) {
		focus();
		Object count = this.driver.executeScript("""
				const item = [...document.querySelectorAll('#contacts li.contact.group')]
				  .find((group) => group.querySelector('.contact-name').textContent === arguments[0]);
				return item?.querySelector('.unread')?.textContent ?? '0';""", title);
		return Integer.parseInt((String) count);
	}

	/** What a message of the open group says of its readers, or {@code null}. */
	String readBy(int index) {
		focus();
		return (String) this.driver.executeScript(
				"return document.querySelectorAll('#messages li.message')[arguments[0]]?.querySelector('.read-by')"
						+ "?.textContent ?? null;",
				index);
	}

	/** Who wrote each message of the open group, as shown above it (own ones: none). */
	@SuppressWarnings("unchecked")
	List<String> senders() {
		focus();
		return (List<String>) this.driver.executeScript("""
				return [...document.querySelectorAll('#messages li.message')]
				  .map((item) => item.querySelector('.sender')?.textContent ?? null);""");
	}

	/** Removes a member with the members panel of the open group. */
	ChatPage removeMember(UserId member) {
		focus();
		if (!this.driver.findElement(By.id("members-panel")).isDisplayed()) {
			this.driver.findElement(By.id("members-toggle")).click();
		}
		waitFor().ignoreExceptionsMatching((failure) -> failure instanceof NoSuchElementException).until(() -> {
			this.driver.findElement(By.cssSelector("#members button[data-remove='" + member.value() + "']")).click();
			return true;
		});
		return this;
	}

	/** Adds someone with the members panel of the open group. */
	ChatPage addMember(UserId user) {
		focus();
		if (!this.driver.findElement(By.id("members-panel")).isDisplayed()) {
			this.driver.findElement(By.id("members-toggle")).click();
		}
		// Picked as a user picks from the list: the option must be there.
		waitFor().until(() -> (Boolean) this.driver.executeScript("""
				const select = document.getElementById('member-add-user');
				select.value = arguments[0];
				return select.value === arguments[0];""", user.value().toString()));
		this.driver.findElement(By.id("member-add-submit")).click();
		return this;
	}

	/** Whether the composer is shown: a member who left a group has none. */
	boolean composerShown() {
		focus();
		return this.driver.findElement(By.id("composer")).isDisplayed();
	}

	ChatPage send(String content) {
		focus();
		WebElement input = this.driver.findElement(By.id("composer-input"));
		input.sendKeys(content);
		input.sendKeys(Keys.ENTER);
		return this;
	}

	/**
	 * The messages of the open conversation, oldest first, read in one script so that a
	 * re-render cannot change them half way.
	 */
	@SuppressWarnings("unchecked")
	List<Shown> messages() {
		focus();
		List<Map<String, Object>> items = (List<Map<String, Object>>) this.driver.executeScript("""
				return [...document.querySelectorAll('#messages li.message')].map((item) => ({
				  content: item.querySelector('.content').textContent,
				  id: item.dataset.messageId ?? null,
				  tempId: item.dataset.tempId ?? null,
				  status: item.querySelector('.ticks')?.dataset.status ?? null,
				  images: item.querySelectorAll('img').length,
				  note: item.querySelector('.send-waiting, .send-error')?.textContent ?? null,
				}));""");
		return items.stream()
			.map((item) -> new Shown((String) item.get("content"), (String) item.get("id"), (String) item.get("tempId"),
					(String) item.get("status"), ((Number) item.get("images")).intValue(), (String) item.get("note")))
			.toList();
	}

	List<String> contents() {
		return messages().stream().map(Shown::content).toList();
	}

	/** The unread count shown next to a contact, 0 when none is shown. */
	int unreadFrom(UserId peer) {
		focus();
		Object count = this.driver.executeScript(
				"return document.querySelector(arguments[0])?.querySelector('.unread')?.textContent ?? '0';",
				"#contacts li.contact[data-user-id='" + peer.value() + "']");
		return Integer.parseInt((String) count);
	}

	/**
	 * Picks a file with the attach button's file chooser, and waits until it is uploaded,
	 * its progress bar full.
	 */
	ChatPage attach(Path file) {
		focus();
		WebElement input = this.driver.findElement(By.id("attach-input"));
		// The chooser opens from the button; the input itself stays out of sight.
		this.driver.executeScript("arguments[0].hidden = false;", input);
		input.sendKeys(file.toAbsolutePath().toString());
		String name = file.getFileName().toString();
		waitFor().until(() -> this.driver.findElements(By.cssSelector("#uploads li.upload"))
			.stream()
			.anyMatch((upload) -> upload.getText().contains(name)
					&& "done".equals(upload.getDomAttribute("data-state"))));
		return this;
	}

	/**
	 * The natural widths of the image previews the message at a position of the list
	 * shows, once each has loaded.
	 */
	List<Long> previewWidths(int index) {
		List<WebElement> previews = message(index).findElements(By.cssSelector(".attachment-image img"));
		return previews.stream()
			.map((preview) -> (Long) this.driver
				.executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", preview))
			.toList();
	}

	/** The file chips (name and size) of the message at a position of the list. */
	List<String> fileChips(int index) {
		return message(index).findElements(By.cssSelector("a.attachment-file"))
			.stream()
			.map((chip) -> chip.getText().replace('\n', ' '))
			.toList();
	}

	/**
	 * Opens the first image of the message at a position of the list, as a click does (in
	 * a new tab), and says what the tab shows: its content type and the image's width,
	 * and any Content-Security-Policy violation the browser logged meanwhile.
	 */
	OpenedImage openImage(int index) {
		Set<String> before = this.driver.getWindowHandles();
		this.driver.manage().logs().get(LogType.BROWSER);
		message(index).findElement(By.cssSelector(".attachment-image")).click();
		waitFor().until(() -> this.driver.getWindowHandles().size() > before.size());
		String tab = this.driver.getWindowHandles()
			.stream()
			.filter((handle) -> !before.contains(handle))
			.findFirst()
			.orElseThrow();
		this.driver.switchTo().window(tab);
		try {
			waitFor().until(() -> Boolean.TRUE.equals(
					this.driver.executeScript("return document.images.length === 1 && document.images[0].complete;")));
			String shown = this.driver
				.executeScript("return document.contentType + ' ' + document.images[0].naturalWidth;")
				.toString();
			List<String> violations = this.driver.manage()
				.logs()
				.get(LogType.BROWSER)
				.getAll()
				.stream()
				.map(LogEntry::getMessage)
				.filter((message) -> message.contains("Content Security Policy"))
				.toList();
			return new OpenedImage(shown, violations);
		}
		finally {
			this.driver.close();
			this.driver.switchTo().window(this.window);
		}
	}

	/**
	 * Whether the open conversation shows that many image previews, each loaded (or given
	 * up on).
	 */
	boolean previewsLoaded(int count) {
		focus();
		return Boolean.TRUE.equals(this.driver.executeScript("""
				const previews = [...document.querySelectorAll('#messages .attachment-image img')];
				return previews.length === arguments[0] && previews.every((preview) => preview.complete);""", count));
	}

	/**
	 * How many pixels of the newest message lie outside the visible box of the scrolling
	 * list, measured once the page has drawn its next two frames: 0 when it is all in
	 * view.
	 */
	long newestMessageOutOfView() {
		focus();
		return ((Number) this.driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				requestAnimationFrame(() => requestAnimationFrame(() => {
				  const box = document.getElementById('messages-scroll').getBoundingClientRect();
				  const items = document.querySelectorAll('#messages li.message');
				  const newest = items[items.length - 1].getBoundingClientRect();
				  done(Math.max(0, Math.ceil(newest.bottom - box.bottom), Math.ceil(box.top - newest.top)));
				}));""")).longValue();
	}

	/** Clicks the first file (not an image) of the message at a position of the list. */
	ChatPage clickFile(int index) {
		message(index).findElement(By.cssSelector("a.attachment-file")).click();
		return this;
	}

	/** Clicks the first image preview of the message at a position of the list. */
	ChatPage clickImage(int index) {
		message(index).findElement(By.cssSelector(".attachment-image")).click();
		return this;
	}

	/** What the page says on the files of the message at a position of the list. */
	List<String> fileNotes(int index) {
		return message(index).findElements(By.cssSelector(".attachment-error"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	/** The email the contacts list shows beside the user's name, or {@code null}. */
	String contactEmail(UserId user) {
		focus();
		return (String) this.driver.executeScript(
				"return document.querySelector(arguments[0])?.querySelector('.person-email')?.textContent ?? null;",
				"#contacts li.contact[data-user-id='" + user.value() + "']");
	}

	/**
	 * The email the "New group" picker shows beside each of the users' names
	 * ({@code null} where none), read with the dialog open, which is closed again.
	 */
	List<String> pickerEmails(UserId... users) {
		focus();
		this.driver.findElement(By.id("group-open")).click();
		try {
			return emailsBeside("#group-people label:has(input[value='%s'])", users);
		}
		finally {
			this.driver.findElement(By.id("group-cancel")).click();
		}
	}

	/**
	 * The email the members panel of the open group shows beside each of the users' names
	 * ({@code null} where none, or where the user is not listed).
	 */
	List<String> memberEmails(UserId... users) {
		focus();
		if (!this.driver.findElement(By.id("members-panel")).isDisplayed()) {
			this.driver.findElement(By.id("members-toggle")).click();
		}
		return emailsBeside("#members li[data-user-id='%s']", users);
	}

	@SuppressWarnings("unchecked")
	private List<String> emailsBeside(String itemSelector, UserId... users) {
		return (List<String>) this.driver.executeScript(
				"return arguments[0].map((selector) => document.querySelector(selector)"
						+ "?.querySelector('.person-email')?.textContent ?? null);",
				Arrays.stream(users).map((user) -> itemSelector.formatted(user.value())).toList());
	}

	/** Types into the composer without sending. */
	ChatPage type(String text) {
		focus();
		this.driver.findElement(By.id("composer-input")).sendKeys(text);
		return this;
	}

	ChatPage clearComposer() {
		focus();
		this.driver.findElement(By.id("composer-input")).clear();
		return this;
	}

	/**
	 * Sends more than the protocol's 4,000 code points, past the text area's own limit.
	 */
	ChatPage sendTooLong() {
		focus();
		this.driver.executeScript("document.getElementById('composer-input').removeAttribute('maxlength');");
		WebElement input = this.driver.findElement(By.id("composer-input"));
		this.driver.executeScript("arguments[0].value = 'x'.repeat(4001);", input);
		input.sendKeys(Keys.ENTER);
		return this;
	}

	/** Edits the own message at a position of the list, through its Edit action. */
	ChatPage edit(int index, String content) {
		action(index, "edit");
		WebElement input = this.driver.findElement(By.id("composer-input"));
		input.clear();
		input.sendKeys(content, Keys.ENTER);
		return this;
	}

	ChatPage delete(int index) {
		action(index, "delete");
		return this;
	}

	boolean edited(int index) {
		return !message(index).findElements(By.cssSelector(".edited")).isEmpty();
	}

	boolean retryShown(int index) {
		return !message(index).findElements(By.cssSelector("button[data-action='retry']")).isEmpty();
	}

	void scrollToTop() {
		focus();
		this.driver.executeScript("document.getElementById('messages-scroll').scrollTop = 0;");
	}

	String historyState() {
		focus();
		return this.driver.findElement(By.id("history-state")).getText();
	}

	String peerStatus() {
		focus();
		return this.driver.findElement(By.id("peer-status")).getText();
	}

	private void action(int index, String action) {
		// Actions show on hover; a script click is what a touch screen's tap does.
		this.driver.executeScript("arguments[0].click();",
				message(index).findElement(By.cssSelector("button[data-action='" + action + "']")));
	}

	private WebElement message(int index) {
		focus();
		return this.driver.findElements(By.cssSelector("#messages li.message")).get(index);
	}

	/** The connection banner's text, or {@code null} when it is hidden. */
	String banner() {
		return shownText("banner");
	}

	/** The text of the element with the id, or {@code null} when it is hidden. */
	private String shownText(String id) {
		focus();
		WebElement element = this.driver.findElement(By.id(id));
		return element.isDisplayed() ? element.getText() : null;
	}

	/** Writes what the browser shows to {@code target/screenshots/<name>.png}. */
	Path screenshot(String name) {
		focus();
		try {
			Path file = Files.createDirectories(Path.of("target", "screenshots")).resolve(name + ".png");
			Files.copy(this.driver.getScreenshotAs(OutputType.FILE).toPath(), file,
					StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	WebDriver driver() {
		focus();
		return this.driver;
	}

	/** Waits the page out; a re-render may replace an element while it is looked at. */
	static ConditionFactory waitFor() {
		return await().atMost(Duration.ofSeconds(30)).ignoreException(StaleElementReferenceException.class);
	}

	private void focus() {
		if (!this.window.equals(this.driver.getWindowHandle())) {
			this.driver.switchTo().window(this.window);
		}
	}

	private static By adminRow(String email) {
		return By.cssSelector("#admin-users tr[data-email='" + email + "']");
	}

	private static By group(String title) {
		return By.xpath("//ul[@id='contacts']/li[contains(@class,'group')][.//span[@class='contact-name' and text()='"
				+ title + "']]");
	}

	private static By contact(UserId peer) {
		return By.cssSelector("#contacts li.contact[data-user-id='" + peer.value() + "']");
	}

	/**
	 * A message as the page shows it.
	 *
	 * @param content its text
	 * @param id its id, {@code null} while only the optimistic copy exists
	 * @param tempId the sender's temp id
	 * @param status the ticks' status (own messages only, else {@code null})
	 * @param images how many images the message holds (content is text: always 0)
	 * @param note what the page says of a send that is not sent yet, else {@code null}
	 */
	record Shown(String content, String id, String tempId, String status, int images, String note) {
	}

	/**
	 * A whole image opened in a tab of its own.
	 *
	 * @param shown the tab's content type and the image's natural width
	 * @param policyViolations what the browser logged of Content-Security-Policy
	 * violations while opening it
	 */
	record OpenedImage(String shown, List<String> policyViolations) {
	}

}
