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

/** The image types the page shows inline, with the server's preview. */
export const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

const PREVIEW_MAX_PX = 240;

/**
 * The box a preview is shown in, known before it loads (from the message's imageSize):
 * the image scaled down to fit 240 px, never enlarged; a square without a size.
 */
export function previewBox(imageSize) {
  if (!imageSize) {
    return { width: PREVIEW_MAX_PX, height: PREVIEW_MAX_PX };
  }
  const scale = Math.min(1, PREVIEW_MAX_PX / Math.max(imageSize.width, imageSize.height));
  return {
    width: Math.max(1, Math.round(imageSize.width * scale)),
    height: Math.max(1, Math.round(imageSize.height * scale)),
  };
}

/** A name as people read it: case and Unicode forms aside. */
function nameKey(name) {
  return name.normalize('NFKC').trim().toLocaleLowerCase();
}

/**
 * The names that more than one of these people ({id, name}, each counted once) have:
 * beside such a name the page shows the email, so that two people called the same can
 * be told apart.
 */
export function sharedNames(people) {
  const names = new Map(people.map((person) => [person.id, person.name]));
  const seen = new Set();
  const shared = new Set();
  names.forEach((name) => {
    const key = nameKey(name);
    (seen.has(key) ? shared : seen).add(key);
  });
  return shared;
}

/** A person's name, with their email beside it when the name is one of the shared. */
export function personLabel(name, email, shared, nameClass) {
  const label = el('span', 'person');
  label.append(el('span', nameClass, name));
  if (email && shared.has(nameKey(name))) {
    label.append(el('span', 'person-email', email));
  }
  return label;
}

/** A person as a list option shows them: the email after a shared name. */
export function personOption(name, email, shared) {
  return email && shared.has(nameKey(name)) ? `${name} (${email})` : name;
}

/** A file size as people read it. */
export function fileSize(bytes) {
  if (bytes < 1024) {
    return bytes + ' B';
  }
  if (bytes < 1024 * 1024) {
    return Math.round(bytes / 1024) + ' KB';
  }
  return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
}

/** One line for a message in a list: its text, or its files when it has none. */
export function summary(message) {
  if (message.deleted) {
    return 'Message deleted';
  }
  if (message.content || !message.attachments?.length) {
    return message.content;
  }
  return 'Attached: ' + message.attachments.map((file) => file.name).join(', ');
}
