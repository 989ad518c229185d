// The projector page: follows one competition's speech clock through the SignalR hub with the
// link's token. The count itself runs here from the last state (see countdown.js).
import { received, paint, serverNowMs, formatChinaClock } from './countdown.js';
import { followAsProjector } from './projector-connection.js';

const root = document.querySelector('[data-projector]');
let snapshot = received(JSON.parse(root.dataset.state));
let link = null;

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
  if (link && link.isClosed()) {
    return;
  }
  paint(field('countdown'), snapshot);
  const now = serverNowMs(snapshot);
  field('clock').textContent = formatChinaClock(now);
  if (snapshot.state.linkExpiresAt && now >= snapshot.state.linkExpiresAt && link) {
    link.close();
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

render();
setInterval(tick, 200);
link = followAsProjector(root, 'SpeechChanged', apply);
