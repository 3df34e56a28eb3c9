package dev.ferry.gateway.attachment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.ferry.gateway.attachment.AttachmentRepository.Purgeable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Purges what no one can fetch any more: uploads never sent once they expire, uploads in
 * flight past their deadline (a gateway died while reading them), the files of deleted
 * messages once the grace period has passed, and discarded uploads (withdrawn, or failed)
 * whose gateway could not purge them. The state lives in the database (a delete orphans
 * its files in the same transaction), so nothing is forgotten over a restart; each
 * gateway purges, taking turns row by row.
 */
@Component
class AttachmentJanitor {

	/** Uploads purged in one transaction. */
	private static final int BATCH = 100;

	private final AttachmentRepository repository;

	private final ObjectStore store;

	private final AttachmentSettings settings;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final AtomicLong orphanedBytes = new AtomicLong();

	private final MeterRegistry meters;

	AttachmentJanitor(AttachmentRepository repository, ObjectStore store, AttachmentSettings settings,
			PlatformTransactionManager transactions, Clock clock, MeterRegistry meters) {
		this.repository = repository;
		this.store = store;
		this.settings = settings;
		this.transactions = new TransactionTemplate(transactions);
		this.clock = clock;
		this.meters = meters;
		Gauge.builder("ferry.attachments.orphaned.bytes", this.orphanedBytes, AtomicLong::get)
			.description("Bytes of the files of deleted messages, kept for the grace period before they are purged")
			.baseUnit("bytes")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${ferry.attachments.purge-interval}")
	void purgeExpired() {
		purge(this.clock.instant());
	}

	/**
	 * Purges what expired by {@code now}: the objects first, then the rows, one batch per
	 * transaction, so that a failed delete leaves the row for the next run.
	 * @return how many uploads were purged
	 */
	int purge(Instant now) {
		Instant orphanedBefore = now.minus(this.settings.orphanedFor());
		int purged = 0;
		int batch;
		do {
			batch = this.transactions.execute((transaction) -> {
				List<Purgeable> due = this.repository.lockPurgeable(now, orphanedBefore, BATCH);
				if (due.isEmpty()) {
					return 0;
				}
				List<String> keys = new ArrayList<>();
				for (Purgeable upload : due) {
					keys.addAll(upload.keys());
					this.meters.counter("ferry.attachments.purged", "state", upload.state()).increment();
				}
				this.store.delete(keys);
				this.repository.delete(due.stream().map(Purgeable::id).toList());
				return due.size();
			});
			purged += batch;
		}
		while (batch == BATCH);
		this.orphanedBytes.set(this.repository.orphanedBytes());
		return purged;
	}

}
