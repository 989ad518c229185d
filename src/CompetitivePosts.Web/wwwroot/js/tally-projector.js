// The tally projector: follows one round through the SignalR hub with the link's token. Turnout is
// painted from each push (which never carries counts); when results become due or are withdrawn, or the
// round's status changes, the page reloads once, because the server decides what it may show. While results are shown during
// voting, each push with newer counts fetches the page again and swaps in its ranking (no reload,
// so the big screen does not flash); one fetch at a time, and a push during it fetches once more.
import { followAsProjector } from './projector-connection.js';

const root = document.querySelector('[data-tally-projector]');
let seq = Number(root.dataset.seq);
let fetching = false;
let fetchAgain = false;

async function refreshResults() {
  if (fetching) {
    fetchAgain = true;
    return;
  }
  fetching = true;
  try {
    const response = await fetch(location.href, { cache: 'no-store' });
    if (response.ok) {
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.querySelector('[data-testid="tp-results"]');
      const shown = root.querySelector('[data-testid="tp-results"]');
      if (fresh && shown) {
        shown.replaceWith(document.importNode(fresh, true));
      }
    }
  } catch {
    // The next push fetches again.
  } finally {
    fetching = false;
  }
  if (fetchAgain) {
    fetchAgain = false;
    await refreshResults();
  }
}

function apply(push) {
  // Counted for the tests, which check that a push after a reload does not reload again.
  root.dataset.pushes = String(Number(root.dataset.pushes ?? 0) + 1);
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
  // The server words the status and decides what follows it (an evaluation round stays on turnout when it closes); results
  // that become due, or are withdrawn (the plan stops showing them during voting), come with the reloaded page.
  if (push.results !== (root.dataset.results === 'true') || push.status !== root.dataset.status) {
    location.reload();
  } else if (push.results) {
    // Newer counts, or the same counts after a change of what the plan shows (the full ranking or the qualified only).
    refreshResults();
  }
}

followAsProjector(root, 'TallyUpdated', apply);
