// The agent desk, behind the login: one EventSource per open desk; the server pushes the customer being dialled, the call's
// progress, its outcome and the session's state.
const $ = (id) => document.getElementById(id);
const state = { agentId: null, session: null, callId: null, events: null, history: [] };

// the pages' shared call: CSRF, a new sign-in when the login expired, the API's message in the Error
const api = (method, path, body) => window.dialer.api(path, { method, json: body });

function show(element, visible) { element.classList.toggle('hidden', !visible); }

function badge(element, text) {
  element.textContent = text;
  element.className = 'badge ' + text;
}

function renderSession(session) {
  state.session = session && session.status !== 'ENDED' ? session : null;
  const status = session ? session.status : 'OFFLINE';
  badge($('session-status'), status);
  const calls = session && session.callsMade === 1 ? '1 call' : ((session && session.callsMade) || 0) + ' calls';
  $('session-detail').textContent = session
    ? (session.status === 'ENDED' ? 'ended: ' + (session.endReason || '') : calls)
    : '';
  $('start').disabled = !!state.session;
  $('stop').disabled = !state.session || status === 'STOPPING';
  renderAgentState(state.session ? state.session.agentState : null, state.session && state.session.pauseReason,
    state.session && state.session.agentStateSince);
}

const STATE_WORDS = {
  READY: 'ready', DIALLING: 'dialling a customer', ON_CALL: 'on a call', WRAP_UP: 'in after-call work',
  PAUSED: 'paused', WAITING: 'waiting for a lead to fall due',
  RENEWING_LINE: 'your line is being renewed between calls: Exotel rings you again in a moment',
};

// Where the agent is in the shift; Ready ends after-call work or a pause, Pause takes effect after the call.
function renderAgentState(agentState, reason, since) {
  const shown = agentState || (state.session ? 'CONNECTING' : 'OFFLINE');
  badge($('agent-state'), shown);
  $('agent-state-detail').textContent = (STATE_WORDS[agentState] || '') + (reason ? ' (' + reason + ')' : '');
  showSince($('agent-state-for'), agentState ? since : null);
  $('ready').disabled = !state.session || !['WRAP_UP', 'PAUSED'].includes(agentState);
  $('pause').disabled = !state.session || agentState === 'PAUSED';
}

function renderLead(lead, callId, callState) {
  state.callId = callId;
  show($('waiting'), false);
  show($('customer-details'), true);
  $('customer-name').textContent = lead.name || 'Unknown customer';
  $('customer-number').textContent = lead.number;
  badge($('call-state'), callState);
  const attributes = $('attributes');
  attributes.replaceChildren(...Object.entries(lead.attributes || {}).map(([name, value]) => {
    const row = document.createElement('tr');
    row.innerHTML = '<th></th><td></td>';
    row.children[0].textContent = name;
    row.children[1].textContent = value;
    return row;
  }));
  $('callback-zone').textContent = lead.timezone ? 'their time, ' + lead.timezone : '';
  $('lead-facts').textContent = 'Attempt ' + lead.attempts + (lead.lastOutcome ? ', last outcome ' + lead.lastOutcome : '');
  const why = lead.selection;
  $('lead-selection').textContent = why
    ? 'Why now: score ' + why.score + ' (' + why.decision + ' v' + why.version + '): ' + why.rules.join('; ')
    : '';
  state.history = lead.history || [];
  renderHistory(state.history);
  $('save-outcome').disabled = true;
  $('outcome-hint').textContent = 'Available once the call has ended.';
  $('outcome-message').textContent = '';
}

function renderHistory(calls) {
  $('history').querySelector('tbody').replaceChildren(...calls.map((call) => {
    const row = document.createElement('tr');
    [new Date(call.dialledAt).toLocaleString(), call.number, call.status,
     call.conversationSeconds != null ? call.conversationSeconds + ' s' : '', call.agentOutcome || '', call.notes || '']
      .forEach((value) => { const cell = document.createElement('td'); cell.textContent = value; row.appendChild(cell); });
    row.appendChild(recordingCell(call.recordingUrl, call.recordingAvailableBy));
    return row;
  }));
}

function listen(agentId) {
  if (state.events) state.events.close();
  const events = new EventSource('/api/agents/' + encodeURIComponent(agentId) + '/events');
  events.addEventListener('dialling', (e) => {
    const d = JSON.parse(e.data);
    renderLead(d.lead, d.callId, 'dialling');
    refreshSession();
  });
  events.addEventListener('call', (e) => {
    const d = JSON.parse(e.data);
    if (d.callId !== state.callId) renderLead(d.lead, d.callId, d.eventType.toLowerCase());
    badge($('call-state'), { Dial: 'dialling', Ringing: 'ringing', Answered: 'answered', Terminal: 'ended' }[d.eventType]);
  });
  events.addEventListener('outcome', (e) => {
    const call = JSON.parse(e.data);
    if (call.id !== state.callId) return;
    badge($('call-state'), call.status);
    state.history = state.history.filter((earlier) => earlier.id !== call.id).concat([call]);
    renderHistory(state.history);
    $('save-outcome').disabled = false;
    $('outcome-hint').textContent = 'The call ended: ' + call.status + '.';
  });
  events.addEventListener('session', () => refreshSession());
  events.addEventListener('state', (e) => {
    const d = JSON.parse(e.data);
    renderAgentState(d.agentState, d.reason, d.since);
  });
  events.addEventListener('pause', (e) => showPauseAfterCall(JSON.parse(e.data).reason));
  // A dropped stream is shown; the browser reopens it, and the desk is read again, since events may have been missed.
  // A stream the server closed (an expired login) is reopened after the login is checked.
  events.onerror = () => {
    $('connection').textContent = 'Connection to the dialer lost: reconnecting…';
    show($('connection'), true);
    if (events.readyState === EventSource.CLOSED) {
      setTimeout(() => api('GET', '/api/me').then(() => listen(agentId)).catch((error) => {
        $('connection').textContent = error.message;
      }), 3000);
    }
  };
  events.onopen = () => {
    if (!$('connection').classList.contains('hidden')) {
      show($('connection'), false);
      restoreDesk().catch((error) => { $('connection').textContent = error.message; show($('connection'), true); });
    }
  };
  state.events = events;
}

async function refreshSession() {
  const sessions = await api('GET', '/api/sessions?agent=' + encodeURIComponent(state.agentId) + '&limit=1');
  renderSession(sessions[0]);
}

function showPauseAfterCall(reason) {
  $('agent-state-detail').textContent = 'pause (' + reason + ') after this call';
}

// A reload or a sign-in mid-call shows where the agent is: the customer, the call's state, a wrap-up or pause, or a
// pause asked for that begins after this call.
async function restoreDesk() {
  const desk = await api('GET', '/api/agents/' + encodeURIComponent(state.agentId) + '/desk');
  if (desk.session) renderSession(desk.session); else await refreshSession();
  if (desk.pauseAfterCall) showPauseAfterCall(desk.pauseAfterCall);
  if (desk.call && desk.lead) {
    renderLead(desk.lead, desk.call.id, desk.call.status);
    if (desk.call.outcomeAt) {
      $('save-outcome').disabled = false;
      $('outcome-hint').textContent = 'The call ended: ' + desk.call.status + '.';
    }
  }
}

async function signIn(agentId) {
  const agent = await api('GET', '/api/agents/' + encodeURIComponent(agentId));
  state.agentId = agent.id;
  $('who').textContent = agent.name + ' (' + agent.id + ')';
  show($('who'), true);
  show($('desk'), true);
  const campaigns = await api('GET', '/api/campaigns');
  $('campaign').replaceChildren(...campaigns.map((c) => new Option(c.name, c.id)));
  const reasons = await api('GET', '/api/sessions/pause-reasons');
  $('pause-reason').replaceChildren(...reasons.map((r) => new Option(r, r)));
  listen(agent.id);
  await restoreDesk();
  await showCallbacks();
}

// The callbacks this agent promised, the soonest first: the dialer keeps them, and the agent sees what is coming.
async function showCallbacks() {
  const leads = await api('GET', '/api/agents/' + encodeURIComponent(state.agentId) + '/callbacks');
  $('callbacks').querySelector('tbody').replaceChildren(...leads.map((lead) => window.dialer.el('tr', {},
    window.dialer.el('td', {}, new Date(lead.callbackAt).toLocaleString()),
    window.dialer.el('td', {}, lead.name || ''), window.dialer.el('td', {}, lead.phone),
    window.dialer.el('td', {}, lead.campaignId))));
}

$('sign-in').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('sign-in-message').textContent = '';
  try {
    await signIn($('agent-id').value.trim());
  } catch (error) {
    $('sign-in-message').textContent = error.message;
  }
});

$('start').addEventListener('click', async () => {
  try {
    renderSession(await api('POST', '/api/sessions', { agentId: state.agentId, campaignId: $('campaign').value }));
  } catch (error) {
    $('session-detail').textContent = error.message;
  }
});

$('stop').addEventListener('click', async () => {
  try {
    renderSession(await api('DELETE', '/api/sessions/' + state.session.sessionId));
  } catch (error) {
    $('session-detail').textContent = 'Stop failed: ' + error.message;
  }
});

$('ready').addEventListener('click', async () => {
  try {
    renderSession(await api('POST', '/api/sessions/' + state.session.sessionId + '/ready'));
  } catch (error) {
    $('agent-state-detail').textContent = 'Ready failed: ' + error.message;
  }
});

$('pause').addEventListener('click', async () => {
  try {
    renderSession(await api('POST', '/api/sessions/' + state.session.sessionId + '/pause',
      { reason: $('pause-reason').value }));
    if (state.session && state.session.agentState !== 'PAUSED') {
      $('agent-state-detail').textContent = 'pause (' + $('pause-reason').value + ') after this call';
    }
  } catch (error) {
    $('agent-state-detail').textContent = error.message;
  }
});

$('outcome').addEventListener('change', () => {
  show($('callback-at'), $('outcome').value === 'CALLBACK');
  show($('callback-zone'), $('outcome').value === 'CALLBACK');
});

$('disposition').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = { outcome: $('outcome').value, notes: $('notes').value || null };
  if (body.outcome === 'CALLBACK' && $('callback-at').value) {
    // the customer's clock, read in their time zone by the dialer, whatever the zone of the agent's computer
    body.callbackLocalTime = $('callback-at').value;
  }
  // one save at a time: a double click never sends the outcome twice
  $('save-outcome').disabled = true;
  try {
    const call = await api('POST', '/api/calls/' + state.callId + '/disposition', body);
    $('outcome-message').textContent = 'Saved: ' + call.agentOutcome;
    showCallbacks().catch(() => {});
    $('notes').value = '';
    state.history = state.history.map((earlier) => (earlier.id === call.id ? call : earlier));
    renderHistory(state.history);
  } catch (error) {
    $('outcome-message').textContent = error.message;
  } finally {
    $('save-outcome').disabled = false;
  }
});

// An agent gets their own desk; a supervisor or the administrator opens an agent's from the agents page (?agent=id)
// or chooses whose desk to open.
api('GET', '/api/me').then((me) => {
  const chosen = new URLSearchParams(location.search).get('agent');
  if (me.roles.includes('AGENT')) {
    signIn(me.username);
  } else if (chosen) {
    $('agent-id').value = chosen;
    signIn(chosen).catch((error) => { show($('sign-in'), true); $('sign-in-message').textContent = error.message; });
  } else {
    show($('sign-in'), true);
  }
});
