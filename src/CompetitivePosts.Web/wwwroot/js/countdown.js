// The speech clock, computed in the browser from the server's state. The server says how long
// the clock had run (elapsedMs) at its own time (serverNow); while the clock runs, this browser
// adds the time since it received that state, measured with performance.now(), which changes to
// the device's wall clock cannot move. No ticks come from the server, so the count goes on while
// the connection is down, and a reload or reconnect starts again from fresh server state.

const MINUTE = 60000;

export function received(state) {
  return { state, at: performance.now() };
}

export function remainingMs(snapshot, now = performance.now()) {
  const s = snapshot.state;
  const running = s.phase === 'Running';
  const elapsed = s.elapsedMs + (running ? Math.max(0, now - snapshot.at) : 0);
  return s.durationMs - elapsed;
}

// The server's clock, for the hall clock on the screen.
export function serverNowMs(snapshot, now = performance.now()) {
  return snapshot.state.serverNow + (now - snapshot.at);
}

function pad(n) {
  return String(n).padStart(2, '0');
}

// Remaining time rounds up (a speech with 0.4 s left still shows 00:01); an overrun counts up with a "+".
export function formatRemaining(ms) {
  if (ms > 0) {
    const total = Math.ceil(ms / 1000);
    return pad(Math.floor(total / 60)) + ':' + pad(total % 60);
  }
  const over = Math.floor(-ms / 1000);
  return '+' + pad(Math.floor(over / 60)) + ':' + pad(over % 60);
}

// "ok", "warn" in the last minute, "over" once the time is up; "idle" when no clock runs.
export function levelOf(snapshot, ms) {
  const phase = snapshot.state.phase;
  if (phase !== 'Running' && phase !== 'Paused') {
    return 'idle';
  }
  return ms <= 0 ? 'over' : ms <= MINUTE ? 'warn' : 'ok';
}

// China Standard Time has no daylight saving, so a fixed +8 h offset is exact.
export function formatChinaClock(ms) {
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(11, 19);
}

export function paint(element, snapshot) {
  const ms = remainingMs(snapshot);
  const phase = snapshot.state.phase;
  element.textContent = phase === 'Finished' ? '--:--' : formatRemaining(ms);
  element.dataset.level = levelOf(snapshot, ms);
  element.dataset.remainingMs = String(Math.round(ms));
}

const timers = new WeakMap();

// For Blazor pages: show a state on an element and keep it counting until the next state or stop().
export function show(element, state) {
  if (!element) {
    return;
  }
  const snapshot = received(state);
  stop(element);
  paint(element, snapshot);
  timers.set(element, setInterval(() => paint(element, snapshot), 200));
}

export function stop(element) {
  const timer = element && timers.get(element);
  if (timer) {
    clearInterval(timer);
    timers.delete(element);
  }
}
