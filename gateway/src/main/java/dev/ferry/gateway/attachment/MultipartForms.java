package dev.ferry.gateway.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ferry.gateway.system.ChatException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletRequestContext;

/**
 * Multipart uploads, read by the gateway itself from a body it already paces (the servlet
 * container would read the whole form before any limit could be checked): the part
 * {@code file} is spooled to a temporary file, since S3 takes an object's length before
 * its bytes.
 */
final class MultipartForms {

	/** The part that holds the file. */
	static final String FILE_PART = "file";

	/**
	 * What a multipart form may add around the file: boundaries, part headers, fields.
	 */
	static final long FORM_OVERHEAD = 64 * 1024;

	private MultipartForms() {
	}

	/**
	 * Spools the form's part {@code file} from {@code body} (the request's, as read so
	 * far).
	 * @throws ChatException {@code invalid_field} for a form without that part or one
	 * that does not parse
	 * @throws FileTooLargeException for a file over {@code maxBytes}
	 */
	static SpooledFile spool(HttpServletRequest request, InputStream body, long maxBytes) throws IOException {
		JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> parser = new JakartaServletFileUpload<>();
		// Browsers send a part's file name in UTF-8.
		parser.setHeaderCharset(StandardCharsets.UTF_8);
		parser.setSizeMax(maxBytes + FORM_OVERHEAD);
		try {
			FileItemInputIterator parts = parser.getItemIterator(new JakartaServletRequestContext(request) {

				@Override
				public InputStream getInputStream() {
					return body;
				}

			});
			while (parts.hasNext()) {
				FileItemInput part = parts.next();
				if (!part.isFormField() && FILE_PART.equals(part.getFieldName())) {
					return spool(part, maxBytes);
				}
			}
		}
		catch (FileUploadSizeException ex) {
			throw new FileTooLargeException();
		}
		catch (FileUploadException ex) {
			throw ChatException.invalidField("The multipart form does not parse: " + ex.getMessage());
		}
		throw ChatException.invalidField("A multipart upload holds its file in a part named " + FILE_PART);
	}

	private static SpooledFile spool(FileItemInput part, long maxBytes) throws IOException {
		Path file = Files.createTempFile("ferry-upload-", ".part");
		try (InputStream content = part.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
			long size = content.transferTo(new LimitedOutputStream(out, maxBytes));
			return new SpooledFile(part.getName(), file, size);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
	}

	/**
	 * A file spooled from a form, deleted when closed.
	 *
	 * @param name the part's file name, or {@code null}
	 * @param path where it is spooled
	 * @param size its bytes
	 */
	record SpooledFile(String name, Path path, long size) implements AutoCloseable {

		InputStream open() throws IOException {
			return Files.newInputStream(this.path);
		}

		@Override
		public void close() throws IOException {
			Files.deleteIfExists(this.path);
		}

	}

	/** A file larger than the largest allowed. */
	static final class FileTooLargeException extends IOException {

		FileTooLargeException() {
			super("The file is larger than uploads may be");
		}

	}

	/** Writes at most a number of bytes, and fails past it. */
	private static final class LimitedOutputStream extends OutputStream {

		private final OutputStream out;

		private long left;

		LimitedOutputStream(OutputStream out, long limit) {
			this.out = out;
			this.left = limit;
		}

		@Override
		public void write(int octet) throws IOException {
			write(new byte[] { (byte) octet }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			if (length > this.left) {
				throw new FileTooLargeException();
			}
			this.left -= length;
			this.out.write(bytes, offset, length);
		}

	}

}
