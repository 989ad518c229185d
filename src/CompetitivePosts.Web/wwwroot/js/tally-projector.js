// The tally projector: follows one round through the SignalR hub with the link's token. Turnout is
// painted from each push; when results become due (the round closed, or the plan shows them) the
// page reloads once, because the server decides what it may show.
const root = document.querySelector('[data-tally-projector]');
const token = root.dataset.token;
let seq = Number(root.dataset.seq);
let closed = false;

function apply(push) {
  // A reply older than what is shown (a late answer after a newer push) must not turn the figures back.
  if (!push || push.seq < seq) {
    return;
  }
  seq = push.seq;
  root.dataset.seq = String(seq);
  for (const t of push.turnout) {
    const cat = root.querySelector(`[data-category="${t.category}"]`);
    if (!cat) {
      continue;
    }
    cat.querySelector('[data-field="ballots"]').textContent = String(t.ballots);
    cat.querySelector('[data-field="voters"]').textContent = String(t.voters);
    const pct = t.voters === 0 ? 0 : Math.min(100, (100 * t.ballots) / t.voters);
    cat.querySelector('[data-field="bar"]').style.width = `${pct}%`;
  }
  if (push.results && root.dataset.results !== 'true') {
    location.reload();
  } else if (push.status !== root.dataset.status && root.dataset.results === 'true') {
    location.reload();
  }
}

function close() {
  closed = true;
  root.dataset.closed = 'true';
  connection.stop();
}

const connection = new signalR.HubConnectionBuilder()
  .withUrl(root.dataset.hub)
  .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(1000 * (ctx.previousRetryCount + 1), 5000) })
  .build();

connection.on('TallyUpdated', apply);
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
  try {
    await connection.start();
    await join();
  } catch (e) {
    root.dataset.online = 'false';
    setTimeout(start, 3000);
  }
}

start();
