// The WebSocket to /ws: reconnects with exponential back-off and jitter, keeps the
// connection alive with pings, and reports its state so the page can show a banner.

const PING_INTERVAL_MS = 25000;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 5000;
// Refused handshakes (the browser cannot tell a 429 from a network error) wait longer.
const MAX_REFUSED_RETRY_MS = 60000;
// The server closes a socket whose login ended with this code: log in, do not reconnect.
const SESSION_ENDED = 4401;

export class ChatSocket {
  constructor({ onFrame, onOpen, onStateChange, isSessionLost, onSessionEnded }) {
    this.onFrame = onFrame;
    this.onSessionEnded = onSessionEnded;
    this.onOpen = onOpen;
    this.onStateChange = onStateChange;
    this.isSessionLost = isSessionLost;
    this.socket = null;
    this.state = 'idle';
    this.attempts = 0;
    this.refusals = 0;
    this.retryTimer = null;
    this.pingTimer = null;
    this.stopped = false;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    if (this.socket) {
      this.socket.close(1000, 'logout');
      this.socket = null;
    }
    this.setState('idle');
  }

  /** Sends a frame; false when the socket is not open (the caller keeps it for later). */
  send(frame) {
    if (this.socket?.readyState !== WebSocket.OPEN) {
      return false;
    }
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  isOpen() {
    return this.state === 'open';
  }

  connect() {
    this.setState(this.attempts === 0 ? 'connecting' : 'reconnecting');
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
    const socket = new WebSocket(url);
    this.socket = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.attempts = 0;
      this.refusals = 0;
      this.setState('open');
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_INTERVAL_MS);
      this.onOpen();
    });
    socket.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      this.onFrame(frame);
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) {
        return;
      }
      clearInterval(this.pingTimer);
      this.socket = null;
      if (event.code === SESSION_ENDED) {
        this.stopped = true;
        this.onSessionEnded();
        return;
      }
      if (!opened) {
        this.refusals += 1;
      }
      if (!this.stopped) {
        this.scheduleRetry();
      }
    });
  }

  scheduleRetry() {
    this.attempts += 1;
    this.setState('reconnecting');
    // A server that keeps refusing the handshake (too many sockets: 429) is asked less
    // and less often; one that was reachable is retried quickly.
    const cap = this.refusals > 3 ? MAX_REFUSED_RETRY_MS : MAX_RETRY_MS;
    const backOff = Math.min(cap, FIRST_RETRY_MS * 2 ** (this.attempts - 1));
    const delay = backOff / 2 + Math.random() * backOff / 2;
    // A handshake refused for a lost session looks like any failed connect: ask.
    if (this.attempts % 3 === 0) {
      this.isSessionLost().then((lost) => {
        if (!lost && !this.stopped) {
          this.retryTimer = setTimeout(() => this.connect(), delay);
        }
      });
      return;
    }
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  setState(state) {
    if (this.state !== state) {
      this.state = state;
      this.onStateChange(state);
    }
  }
}
