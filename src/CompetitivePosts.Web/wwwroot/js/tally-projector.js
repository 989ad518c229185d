// The tally projector: follows one round through the SignalR hub with the link's token. Turnout is
// painted from each push; when results become due (the round closed, or the plan shows them) the
// page reloads once, because the server decides what it may show.
import { followAsProjector } from './projector-connection.js';

const root = document.querySelector('[data-tally-projector]');
let seq = Number(root.dataset.seq);

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
  root.querySelector('[data-field="total"]').textContent = String(push.turnout.reduce((n, t) => n + t.ballots, 0));
  root.querySelector('[data-field="issued"]').textContent = String(push.turnout.reduce((n, t) => n + t.voters, 0));
  if (push.results && root.dataset.results !== 'true') {
    location.reload();
  } else if (push.status !== root.dataset.status && root.dataset.results === 'true') {
    location.reload();
  }
}

followAsProjector(root, 'TallyUpdated', apply);
