package dev.ferry.contracts.error;

/**
 * Every error code of the protocol (docs/protocol.md), as REST bodies ({@code error}),
 * socket {@code error} frames ({@code code}) and {@code MessageRejected} events
 * ({@code code}) carry it. Records on the wire keep the code as text, so a reader meets a
 * code added later as text rather than failing.
 */
public enum ErrorCode {

	/** A socket frame or request body that is not JSON. */
	INVALID_JSON("invalid_json"),

	/** A frame whose type is missing or unknown. */
	UNKNOWN_TYPE("unknown_type"),

	/** A field missing, of the wrong form, or with text the database cannot store. */
	INVALID_FIELD("invalid_field"),

	/** Content of nothing but white space or invisible characters. */
	CONTENT_EMPTY("content_empty"),

	/** Content over 4,000 code points. */
	CONTENT_TOO_LONG("content_too_long"),

	/** No such receiver, or the sender themself. */
	UNKNOWN_RECEIVER("unknown_receiver"),

	/** No such message or conversation for this user. */
	NOT_FOUND("not_found"),

	/** Not this user's to do. */
	FORBIDDEN("forbidden"),

	/** The message was deleted. */
	MESSAGE_DELETED("message_deleted"),

	/** A frame or body over 64 KiB. */
	FRAME_TOO_LARGE("frame_too_large"),

	/** An upload over the largest file size ({@code ferry.attachments.max-size}). */
	ATTACHMENT_TOO_LARGE("attachment_too_large"),

	/** An upload whose content type (sniffed from its bytes) is refused. */
	ATTACHMENT_TYPE_REFUSED("attachment_type_refused"),

	/**
	 * An image with more pixels than are decoded ({@code ferry.attachments.max-pixels}).
	 */
	IMAGE_TOO_LARGE("image_too_large"),

	/**
	 * An upload past its uploader's quota of uploads waiting to be sent, in number
	 * ({@code ferry.attachments.max-pending}) or bytes
	 * ({@code ferry.attachments.max-pending-bytes}).
	 */
	UPLOAD_QUOTA_EXCEEDED("upload_quota_exceeded"),

	/**
	 * An upload whose body came slower than {@code ferry.attachments.min-rate}, or not
	 * within {@code ferry.attachments.upload-timeout}: cut, nothing kept.
	 */
	UPLOAD_TOO_SLOW("upload_too_slow"),

	/** A {@code Range} that starts past the end of the file. */
	RANGE_NOT_SATISFIABLE("range_not_satisfiable"),

	/** Over a rate limit: frames, requests, sockets or failed logins. */
	RATE_LIMITED("rate_limited"),

	/** Kafka did not acknowledge a command in time. */
	UNAVAILABLE("unavailable"),

	/**
	 * A readable command the pipeline cannot apply; it is kept on the dead-letter topic.
	 */
	UNPROCESSABLE("unprocessable"),

	/** No session. */
	UNAUTHENTICATED("unauthenticated"),

	/** A write without the XSRF-TOKEN cookie's value in its header. */
	CSRF("csrf"),

	/** A login with a wrong email or password. */
	INVALID_CREDENTIALS("invalid_credentials"),

	/** An administrator created a user with an email already in use. */
	EMAIL_TAKEN("email_taken"),

	/**
	 * A group would have more members than allowed ({@code ferry.groups.max-members}).
	 */
	GROUP_FULL("group_full");

	private final String code;

	ErrorCode(String code) {
		this.code = code;
	}

	/** The code as the protocol spells it. */
	public String code() {
		return this.code;
	}

	@Override
	public String toString() {
		return this.code;
	}

}
