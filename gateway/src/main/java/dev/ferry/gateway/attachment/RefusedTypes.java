package dev.ferry.gateway.attachment;

import java.util.List;

import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * The content types refused at upload, each with every kind of it Tika tells apart: Tika
 * names a Windows program {@code application/x-msdownload; format=pe32}, a kind of
 * {@code application/x-msdownload}, so refusing the latter refuses PE32, PE64 and DOS
 * programs alike.
 */
final class RefusedTypes {

	private static final MediaTypeRegistry REGISTRY = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();

	private final List<MediaType> refused;

	RefusedTypes(List<String> types) {
		this.refused = types.stream().map(MediaType::parse).toList();
	}

	/** Whether a type, as Tika sniffed it, is refused. */
	boolean refuses(String contentType) {
		MediaType type = MediaType.parse(contentType);
		return type != null && this.refused.stream().anyMatch((refused) -> REGISTRY.isInstanceOf(type, refused));
	}

}
