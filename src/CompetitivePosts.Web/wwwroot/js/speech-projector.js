// The projector page: follows one competition's speech clock through the SignalR hub with the
// link's token. The count itself runs here from the last state (see countdown.js).
import { received, paint, serverNowMs, formatChinaClock } from './countdown.js';

const root = document.querySelector('[data-projector]');
const token = root.dataset.token;
let snapshot = received(JSON.parse(root.dataset.state));
let closed = false;

const field = (name) => root.querySelector(`[data-field="${name}"]`);

function speakerText(speaker) {
  return speaker ? speaker.name : '';
}

function render() {
  const s = snapshot.state;
  root.dataset.phase = s.phase;
  root.dataset.segment = s.segment;
  field('current-name').textContent = speakerText(s.current);
  field('current-posts').textContent = s.current ? s.current.posts : '';
  field('current-order').textContent = s.current ? String(s.current.order) : '';
  field('next-name').textContent = speakerText(s.next);
  field('next-posts').textContent = s.next ? s.next.posts : '';
  field('progress').textContent = `${s.finished} / ${s.total}`;
  field('venue').textContent = s.venue || '';
  root.dataset.hasNext = s.next ? 'true' : 'false';
  tick();
}

function tick() {
  if (closed) {
    return;
  }
  paint(field('countdown'), snapshot);
  const now = serverNowMs(snapshot);
  field('clock').textContent = formatChinaClock(now);
  if (snapshot.state.linkExpiresAt && now >= snapshot.state.linkExpiresAt) {
    close();
  }
}

function apply(state) {
  // A state older than the one shown (a late reply after a newer push) must not turn the clock back.
  if (state.revision < snapshot.state.revision) {
    return;
  }
  snapshot = received(state);
  render();
}

function close() {
  closed = true;
  root.dataset.closed = 'true';
  connection.stop();
}

const connection = new signalR.HubConnectionBuilder()
  .withUrl(root.dataset.hub)
  // A projector keeps trying for as long as it is on: every 1 to 5 seconds, never giving up.
  .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(1000 * (ctx.previousRetryCount + 1), 5000) })
  .build();

connection.on('SpeechChanged', apply);
connection.on('ProjectorClosed', close);
connection.onreconnecting(() => { root.dataset.online = 'false'; });
connection.onreconnected(() => join());
connection.onclose(() => {
  if (!closed) {
    root.dataset.online = 'false';
    setTimeout(start, 3000);
  }
});

async function join() {
  try {
    apply(await connection.invoke('WatchAsProjector', token));
    root.dataset.online = 'true';
    root.dataset.joined = 'true';
  } catch (e) {
    if (String(e && e.message).includes('not valid')) {
      close();
    }
  }
}

async function start() {
  if (closed) {
    return;
  }
  try {
    await connection.start();
    await join();
  } catch {
    root.dataset.online = 'false';
    setTimeout(start, 3000);
  }
}

render();
setInterval(tick, 200);
start();
