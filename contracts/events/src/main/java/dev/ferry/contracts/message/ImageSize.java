package dev.ferry.contracts.message;

/**
 * An image's size in pixels, read from its header when it was uploaded.
 *
 * @param width its width
 * @param height its height
 */
public record ImageSize(int width, int height) {

	/** The size stored for a file, or {@code null} for one that is not an image. */
	public static ImageSize ofNullable(Integer width, Integer height) {
		return (width != null && height != null) ? new ImageSize(width, height) : null;
	}

}
