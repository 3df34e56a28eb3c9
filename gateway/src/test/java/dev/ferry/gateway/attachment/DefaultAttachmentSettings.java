package dev.ferry.gateway.attachment;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.ferry.gateway.attachment.AttachmentSettings.Storage;

import org.springframework.util.unit.DataSize;

/** The attachments' settings as {@code application.yaml} ships them, for unit tests. */
final class DefaultAttachmentSettings {

	private DefaultAttachmentSettings() {
	}

	static AttachmentSettings get() {
		return new AttachmentSettings(DataSize.ofMegabytes(25), 20, DataSize.ofMegabytes(200), 4, 8,
				DataSize.ofKilobytes(16), Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofHours(24),
				Duration.ofHours(1), Duration.ofMinutes(1), 320, 40_000_000, List.of(),
				new Storage(URI.create("http://127.0.0.1:9000"), "us-east-1", "b", null, null, true));
	}

}
