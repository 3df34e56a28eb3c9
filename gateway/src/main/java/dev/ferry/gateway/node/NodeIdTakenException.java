package dev.ferry.gateway.node;

/** This gateway cannot take its node id or a delivery partition; it must not start. */
class NodeIdTakenException extends IllegalStateException {

	NodeIdTakenException(String message) {
		super(message);
	}

}
