// How times, presence and statuses read on the page.

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

export function clock(iso) {
  return iso ? TIME.format(new Date(iso)) : '';
}

export function shortWhen(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return date.toDateString() === new Date().toDateString() ? TIME.format(date) : DAY.format(date);
}

export function lastSeen(user) {
  if (user?.online) {
    return 'online';
  }
  if (!user?.lastSeenAt) {
    return 'offline';
  }
  const minutes = Math.round((Date.now() - new Date(user.lastSeenAt).getTime()) / 60000);
  if (minutes < 1) {
    return 'last seen just now';
  }
  if (minutes < 60) {
    return `last seen ${minutes} min ago`;
  }
  return `last seen ${shortWhen(user.lastSeenAt)}`;
}

export const TICKS = {
  PENDING: { glyph: '\u25F7', label: 'Sending' },
  SENT: { glyph: '\u2713', label: 'Sent' },
  DELIVERED: { glyph: '\u2713\u2713', label: 'Delivered' },
  READ: { glyph: '\u2713\u2713', label: 'Read' },
  FAILED: { glyph: '!', label: 'Not sent' },
};

/** Creates an element with a class and text: never HTML, so content cannot inject any. */
export function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) {
    element.className = className;
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}
