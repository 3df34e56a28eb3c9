package dev.ferry.gateway.attachment;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.Semaphore;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Previews of images (JPEG, PNG, GIF's first frame, WebP), made once when the image is
 * uploaded. An image's size is read from its header before any pixel is decoded, so a
 * small file that would decode to gigabytes (a decompression bomb) is refused unread; one
 * that passes is decoded at a fraction of its size (every n-th pixel), so the work and
 * the memory stay near the preview's own.
 */
final class Thumbnails {

	/** The types shown as images in the page, and the only ones served inline. */
	static final Set<String> IMAGES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

	/**
	 * Decoding takes CPU and, for a moment, memory: a few at once, however many upload.
	 */
	private static final int AT_ONCE = 2;

	static {
		// WebP's reader comes as a plugin, found on this service's class path.
		ImageIO.scanForPlugins();
	}

	private final int size;

	private final long maxPixels;

	private final Semaphore decoders = new Semaphore(AT_ONCE);

	Thumbnails(int size, long maxPixels) {
		this.size = size;
		this.maxPixels = maxPixels;
	}

	/**
	 * Makes the preview of an image.
	 * @return the preview, or {@code null} if the bytes are not an image this can read
	 * @throws ImageTooLargeException if the image has more pixels than allowed
	 */
	Thumbnail of(InputStream image) throws IOException {
		this.decoders.acquireUninterruptibly();
		try (ImageInputStream input = ImageIO.createImageInputStream(image)) {
			Iterator<ImageReader> readers = (input != null) ? ImageIO.getImageReaders(input)
					: java.util.Collections.emptyIterator();
			if (!readers.hasNext()) {
				return null;
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if ((long) width * height > this.maxPixels) {
					throw new ImageTooLargeException(width, height, this.maxPixels);
				}
				ImageReadParam every = reader.getDefaultReadParam();
				int step = Math.max(1, Math.max(width, height) / (this.size * 2));
				every.setSourceSubsampling(step, step, 0, 0);
				return encode(scaled(reader.read(0, every)), width, height);
			}
			finally {
				reader.dispose();
			}
		}
		finally {
			this.decoders.release();
		}
	}

	private BufferedImage scaled(BufferedImage image) {
		double scale = Math.min(1.0, (double) this.size / Math.max(image.getWidth(), image.getHeight()));
		int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
		int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
		BufferedImage preview = new BufferedImage(width, height,
				image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = preview.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			graphics.drawImage(image, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return preview;
	}

	/** PNG keeps transparency; anything opaque is smaller as JPEG. */
	private static Thumbnail encode(BufferedImage preview, int width, int height) throws IOException {
		boolean transparent = preview.getColorModel().hasAlpha();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(preview, transparent ? "png" : "jpeg", bytes);
		return new Thumbnail(bytes.toByteArray(), transparent ? "image/png" : "image/jpeg", width, height);
	}

	/**
	 * A preview, and the size of the image it shows.
	 *
	 * @param bytes the encoded preview
	 * @param contentType its type
	 * @param width the image's width
	 * @param height the image's height
	 */
	record Thumbnail(byte[] bytes, String contentType, int width, int height) {
	}

	/** An image with more pixels than are decoded. */
	static final class ImageTooLargeException extends RuntimeException {

		ImageTooLargeException(int width, int height, long maxPixels) {
			super("The image is " + width + " × " + height + " pixels; at most " + maxPixels / 1_000_000
					+ " megapixels are accepted");
		}

	}

}
