package dev.ferry.gateway.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The addresses the login throttle counts as one client: an IPv4 address on its own, an
 * IPv6 address with the rest of its /64, since one host or one customer is given a whole
 * /64 and may take any address in it.
 */
final class AddressBlock {

	/**
	 * What may be an IPv6 literal: parsing only such a string keeps
	 * {@link InetAddress#getByName} from looking a name up.
	 */
	private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

	private static final int PREFIX_BYTES = 8;

	private AddressBlock() {
	}

	/**
	 * The block of a client address: the address itself for IPv4 (and for anything that
	 * is not an IP address), {@code <prefix>/64} for IPv6; an IPv4 address written as
	 * IPv6 ({@code ::ffff:192.0.2.1}) is the IPv4 address.
	 */
	static String of(String address) {
		String literal = address.strip();
		if (literal.startsWith("[") && literal.endsWith("]")) {
			literal = literal.substring(1, literal.length() - 1);
		}
		int zone = literal.indexOf('%');
		if (zone >= 0) {
			literal = literal.substring(0, zone);
		}
		if (literal.indexOf(':') < 0 || !IPV6_LITERAL.matcher(literal).matches()) {
			return address;
		}
		try {
			InetAddress parsed = InetAddress.getByName(literal);
			if (!(parsed instanceof Inet6Address)) {
				return parsed.getHostAddress();
			}
			byte[] prefix = parsed.getAddress();
			Arrays.fill(prefix, PREFIX_BYTES, prefix.length, (byte) 0);
			return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

}
