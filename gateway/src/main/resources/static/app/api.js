// REST calls of the client protocol. Writes carry the latest XSRF-TOKEN cookie's value,
// fetching a token first if there is none yet.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function csrfCookie() {
  const match = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : null;
}

async function csrfToken() {
  const cookie = csrfCookie();
  if (cookie) {
    return cookie;
  }
  const body = await call('GET', '/auth/csrf');
  return csrfCookie() ?? body.token;
}

async function call(method, path, body, retried = false) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-XSRF-TOKEN'] = await csrfToken();
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    // A token can be reissued under us (login): ask for the current one once.
    if (response.status === 403 && json?.error === 'csrf' && !retried) {
      document.cookie = 'XSRF-TOKEN=; Max-Age=0; path=/';
      return call(method, path, body, true);
    }
    throw new ApiError(response.status, json?.error ?? 'http_' + response.status,
      json?.message ?? 'The server answered ' + response.status);
  }
  return json;
}

/**
 * Uploads a file as the raw request body, reporting progress (0 to 1) as it goes: fetch
 * cannot tell upload progress, XMLHttpRequest can. Resolves to the upload
 * ({id, name, size, contentType, sha256}); rejects with an ApiError.
 */
async function upload(file, onProgress) {
  const token = await csrfToken();
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/attachments?name=' + encodeURIComponent(file.name));
    request.setRequestHeader('X-XSRF-TOKEN', token);
    request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    request.setRequestHeader('Accept', 'application/json');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        onProgress(event.loaded / event.total);
      }
    });
    request.addEventListener('load', () => {
      let json = null;
      try {
        json = request.responseText ? JSON.parse(request.responseText) : null;
      } catch (e) {
        json = null;
      }
      if (request.status === 201) {
        resolve(json);
      } else {
        reject(new ApiError(request.status, json?.error ?? 'http_' + request.status,
          json?.message ?? 'The server answered ' + request.status));
      }
    });
    request.addEventListener('error', () => reject(new ApiError(0, 'network', 'The server cannot be reached')));
    request.send(file);
  });
}

/**
 * Whether a file can be fetched now, asked with its first byte only; rejects with an
 * ApiError (404 once it is gone or was never the caller's to read).
 */
async function checkFile(id) {
  let response;
  try {
    response = await fetch('/attachments/' + encodeURIComponent(id),
      { headers: { Range: 'bytes=0-0' }, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = null;
  }
  throw new ApiError(response.status, json?.error ?? 'http_' + response.status,
    json?.message ?? 'The server answered ' + response.status);
}

/** A direct conversation is named by the peer, a group by its id. */
const named = (conversation) => (conversation.group
  ? 'conversationId=' + encodeURIComponent(conversation.id) : 'with=' + encodeURIComponent(conversation.peerId));
const group = (id) => '/conversations/' + encodeURIComponent(id);

export const api = {
  me: () => call('GET', '/auth/me'),
  login: (email, password) => call('POST', '/auth/login', { email, password }),
  logout: () => call('POST', '/auth/logout'),
  users: (query) => call('GET', '/users' + (query ? '?q=' + encodeURIComponent(query) : '')),
  changePassword: (current, next) => call('PUT', '/auth/password', { current, new: next }),
  adminUsers: (query, after) => call('GET', '/admin/users?limit=50'
    + (query ? '&q=' + encodeURIComponent(query) : '') + (after ? '&after=' + encodeURIComponent(after) : '')),
  createUser: (user) => call('POST', '/admin/users', user),
  changeUser: (id, change) => call('PATCH', '/admin/users/' + encodeURIComponent(id), change),
  conversations: () => call('GET', '/conversations'),
  upload,
  checkFile,
  history: (conversation, beforeSeq, limit = 50) => call('GET', '/messages?' + named(conversation)
    + (beforeSeq ? '&beforeSeq=' + beforeSeq : '') + '&limit=' + limit),
  createGroup: (title, memberIds) => call('POST', '/conversations', { title, memberIds }),
  // A page of a group's members: 500 at most, `next` names the page after it.
  groupMembers: (id, after) => call('GET', group(id) + '/members?limit=500'
    + (after ? '&after=' + encodeURIComponent(after) : '')),
  addMember: (id, userId) => call('POST', group(id) + '/members/' + encodeURIComponent(userId)),
  removeMember: (id, userId) => call('DELETE', group(id) + '/members/' + encodeURIComponent(userId)),
};
